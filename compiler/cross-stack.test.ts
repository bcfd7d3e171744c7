import assert from "node:assert/strict"
import { test } from "node:test"
import { CfnParameter, CfnResource, CoreStack, Fn, MAX_OUTPUTS, MAX_PARAMETERS } from "./index.ts"
import { MAX_SINGLE_IMPORTS, PACK_SIZE } from "./cross-stack.ts"
import { catchValidation, coreApp, emitTemplates } from "../test/helpers/core.ts"

/** Database (a table and a queue) and Api (a role reading both), as the notes example has them. */
function notesApp(options: { useQueue?: boolean } = {}) {
  const app = coreApp()
  const database = new CoreStack(app, "Database")
  const table = new CfnResource(database, "Notes", { type: "AWS::DynamoDB::Table" })
  const queue = new CfnResource(database, "DeadLetters", { type: "AWS::SQS::Queue" })
  const api = new CoreStack(app, "Api")
  new CfnResource(api, "Reader", {
    type: "AWS::IAM::Policy",
    properties: {
      PolicyName: "read",
      PolicyDocument: {
        Statement: [
          { Action: "dynamodb:Query", Resource: [table.getAtt("Arn"), `${table.getAtt("Arn")}/index/*`] },
          ...(options.useQueue === false ? [] : [{ Action: "sqs:SendMessage", Resource: queue.getAtt("Arn") }]),
        ],
      },
      Roles: [table.ref],
    },
  })
  return { app, database, api }
}

test("a value of another stack becomes an output there and a parameter here, with no Export", () => {
  const { templates } = emitTemplates(notesApp().app)
  assert.deepEqual(templates.Api.Parameters, {
    XrefDatabaseNotesArn: { Type: "String", Description: "Notes.Arn from stack test-notes-Database" },
    XrefDatabaseDeadLettersArn: { Type: "String", Description: "DeadLetters.Arn from stack test-notes-Database" },
    XrefDatabaseNotesRef: { Type: "String", Description: "Ref of Notes from stack test-notes-Database" },
  })
  assert.deepEqual(templates.Database.Outputs, {
    XrefNotesArn: { Description: "Read by other stacks of this app", Value: { "Fn::GetAtt": ["Notes", "Arn"] } },
    XrefDeadLettersArn: { Description: "Read by other stacks of this app", Value: { "Fn::GetAtt": ["DeadLetters", "Arn"] } },
    XrefNotesRef: { Description: "Read by other stacks of this app", Value: { Ref: "Notes" } },
  })
  const statements = templates.Api.Resources.Reader.Properties.PolicyDocument.Statement
  assert.deepEqual(statements[0].Resource, [
    { Ref: "XrefDatabaseNotesArn" },
    { "Fn::Join": ["", [{ Ref: "XrefDatabaseNotesArn" }, "/index/*"]] },
  ])
  assert.deepEqual(templates.Api.Resources.Reader.Properties.Roles, [{ Ref: "XrefDatabaseNotesRef" }])
  const text = JSON.stringify(templates)
  assert.doesNotMatch(text, /Fn::ImportValue|"Export"/)
})

test("the manifest says which output fills each parameter, and the consumer depends on the producer", () => {
  const { result, stacks } = emitTemplates(notesApp().app)
  assert.deepEqual(stacks.Api.parameters, {
    XrefDatabaseNotesArn: { stack: "test-notes-Database", output: "XrefNotesArn", type: "String" },
    XrefDatabaseDeadLettersArn: { stack: "test-notes-Database", output: "XrefDeadLettersArn", type: "String" },
    XrefDatabaseNotesRef: { stack: "test-notes-Database", output: "XrefNotesRef", type: "String" },
  })
  assert.deepEqual(stacks.Api.dependencies, ["test-notes-Database"])
  assert.deepEqual(stacks.Database.dependencies, [])
  assert.deepEqual(stacks.Database.outputs, [], "outputs for other stacks are not the user's outputs")
  assert.deepEqual(result.manifest.stacks.map((s) => s.name), ["test-notes-Database", "test-notes-Api"])
})

test("a consumer created before its producer is still deployed after it", () => {
  const app = coreApp()
  const api = new CoreStack(app, "Api")
  const database = new CoreStack(app, "Database")
  const table = new CfnResource(database, "Notes", { type: "AWS::DynamoDB::Table" })
  new CfnResource(api, "Reader", { type: "AWS::SSM::Parameter", properties: { Value: table.ref } })
  const { result } = emitTemplates(app)
  assert.deepEqual(result.manifest.stacks.map((s) => s.id), ["Database", "Api"])
})

test("one value used by two stacks is one output of the producer", () => {
  const app = coreApp()
  const database = new CoreStack(app, "Database")
  const table = new CfnResource(database, "Notes", { type: "AWS::DynamoDB::Table" })
  for (const id of ["Api", "Jobs"]) {
    const stack = new CoreStack(app, id)
    new CfnResource(stack, "Reader", { type: "AWS::SSM::Parameter", properties: { Value: table.ref, Name: `${table.ref}-name` } })
  }
  const { templates, stacks } = emitTemplates(app)
  assert.deepEqual(Object.keys(templates.Database.Outputs), ["XrefNotesRef"])
  assert.deepEqual(Object.keys(templates.Api.Parameters), ["XrefDatabaseNotesRef"])
  assert.deepEqual(Object.keys(templates.Jobs.Parameters), ["XrefDatabaseNotesRef"])
  assert.deepEqual(stacks.Jobs.parameters.XrefDatabaseNotesRef, { stack: "test-notes-Database", output: "XrefNotesRef", type: "String" })
})

test("a reference inside Fn.sub to another stack becomes a parameter in the variables", () => {
  const app = coreApp()
  const database = new CoreStack(app, "Database")
  const table = new CfnResource(database, "Notes", { type: "AWS::DynamoDB::Table" })
  const api = new CoreStack(app, "Api")
  new CfnResource(api, "Reader", { type: "AWS::SSM::Parameter", properties: { Value: Fn.sub("${T}/x", { T: table.getAtt("Arn") }) } })
  assert.deepEqual(emitTemplates(app).templates.Api.Resources.Reader.Properties.Value, { "Fn::Sub": ["${T}/x", { T: { Ref: "XrefDatabaseNotesArn" } }] })
})

test("a template parameter of another stack can be used too", () => {
  const app = coreApp()
  const config = new CoreStack(app, "Config")
  const domain = new CfnParameter(config, "Domain", { default: "example.com" })
  const api = new CoreStack(app, "Api")
  new CfnResource(api, "Reader", { type: "AWS::SSM::Parameter", properties: { Value: domain.value } })
  const { templates } = emitTemplates(app)
  assert.deepEqual(templates.Config.Outputs.XrefDomainRef, { Description: "Read by other stacks of this app", Value: { Ref: "Domain" } })
  assert.deepEqual(templates.Api.Resources.Reader.Properties.Value, { Ref: "XrefConfigDomainRef" })
})

test("DependsOn a resource of another stack becomes a dependency between the stacks", () => {
  const app = coreApp()
  const database = new CoreStack(app, "Database")
  const table = new CfnResource(database, "Notes", { type: "AWS::DynamoDB::Table" })
  const api = new CoreStack(app, "Api")
  const local = new CfnResource(api, "Local", { type: "AWS::SQS::Queue" })
  new CfnResource(api, "Reader", { type: "AWS::SQS::Queue", dependsOn: [table, local] })
  const { templates, stacks } = emitTemplates(app)
  assert.deepEqual(templates.Api.Resources.Reader.DependsOn, ["Local"])
  assert.deepEqual(stacks.Api.dependencies, ["test-notes-Database"])
  assert.equal(templates.Api.Parameters, undefined)
})

test("removing the resource that another stack used removes its output and parameter on the next build", () => {
  const before = emitTemplates(notesApp().app)
  assert.ok(before.templates.Database.Outputs.XrefDeadLettersArn)
  assert.ok(before.templates.Api.Parameters.XrefDatabaseDeadLettersArn)
  const after = emitTemplates(notesApp({ useQueue: false }).app)
  assert.deepEqual(Object.keys(after.templates.Database.Outputs), ["XrefNotesArn", "XrefNotesRef"])
  assert.deepEqual(Object.keys(after.templates.Api.Parameters), ["XrefDatabaseNotesArn", "XrefDatabaseNotesRef"])
  assert.deepEqual(Object.keys(after.stacks.Api.parameters), ["XrefDatabaseNotesArn", "XrefDatabaseNotesRef"])
})

test("a stack that no longer uses another stack loses the dependency and every Xref", () => {
  const app = coreApp()
  new CfnResource(new CoreStack(app, "Database"), "Notes", { type: "AWS::DynamoDB::Table" })
  new CfnResource(new CoreStack(app, "Api"), "Reader", { type: "AWS::SQS::Queue" })
  const { templates, stacks } = emitTemplates(app)
  assert.equal(templates.Database.Outputs, undefined)
  assert.equal(templates.Api.Parameters, undefined)
  assert.deepEqual(stacks.Api.dependencies, [])
})

/** Producer "Functions" with `count` queues; consumer "Api" with one resource listing `used` of their ARNs. */
function manyValues(count: number, used = count) {
  const app = coreApp()
  const producer = new CoreStack(app, "Functions")
  const queues = Array.from({ length: count }, (_, i) => new CfnResource(producer, `Handler${i}`, { type: "AWS::SQS::Queue" }))
  const consumer = new CoreStack(app, "Api")
  new CfnResource(consumer, "Routes", {
    type: "AWS::SQS::QueuePolicy",
    properties: { Queues: queues.slice(0, used).map((q) => q.getAtt("Arn")), PolicyDocument: {} },
  })
  return emitTemplates(app)
}

test(`up to ${MAX_SINGLE_IMPORTS} values from other stacks get one String parameter each`, () => {
  const { templates } = manyValues(MAX_SINGLE_IMPORTS)
  assert.equal(Object.keys(templates.Api.Parameters).length, MAX_SINGLE_IMPORTS)
  assert.ok(Object.values(templates.Api.Parameters).every((p: any) => p.Type === "String"))
})

test(`more than ${MAX_SINGLE_IMPORTS} values are packed ${PACK_SIZE} to a CommaDelimitedList and picked with Fn::Select`, () => {
  const { templates, stacks } = manyValues(MAX_SINGLE_IMPORTS + 1)
  const packs = Math.ceil((MAX_SINGLE_IMPORTS + 1) / PACK_SIZE)
  assert.deepEqual(Object.keys(templates.Api.Parameters), Array.from({ length: packs }, (_, i) => `XrefFunctionsPack${i + 1}`))
  assert.deepEqual(templates.Api.Parameters.XrefFunctionsPack1, { Type: "CommaDelimitedList", Description: `${PACK_SIZE} values of stack test-notes-Functions` })
  assert.deepEqual(templates.Api.Parameters[`XrefFunctionsPack${packs}`].Description, "1 value of stack test-notes-Functions")
  const queues = templates.Api.Resources.Routes.Properties.Queues
  assert.deepEqual(queues[0], { "Fn::Select": [0, { Ref: "XrefFunctionsPack1" }] })
  assert.deepEqual(queues[PACK_SIZE + 1], { "Fn::Select": [1, { Ref: "XrefFunctionsPack2" }] })
  assert.deepEqual(queues[MAX_SINGLE_IMPORTS], { "Fn::Select": [0, { Ref: `XrefFunctionsPack${packs}` }] })
  const output = templates.Functions.Outputs.XrefApiPack1
  assert.equal(output.Description, 'Values read by stack test-notes-Api, joined with ","')
  assert.equal(output.Value["Fn::Join"][0], ",")
  assert.deepEqual(output.Value["Fn::Join"][1].slice(0, 2), [{ "Fn::GetAtt": ["Handler0", "Arn"] }, { "Fn::GetAtt": ["Handler1", "Arn"] }])
  assert.equal(output.Value["Fn::Join"][1].length, PACK_SIZE)
  assert.deepEqual(stacks.Api.parameters.XrefFunctionsPack2, { stack: "test-notes-Functions", output: "XrefApiPack2", type: "CommaDelimitedList" })
})

test("a stack using 300 values of another stays within 200 parameters, and the producer within 200 outputs", () => {
  const { templates, stacks } = manyValues(300)
  const parameters = Object.keys(templates.Api.Parameters).length
  const outputs = Object.keys(templates.Functions.Outputs).length
  assert.equal(parameters, 300 / PACK_SIZE)
  assert.equal(outputs, 300 / PACK_SIZE)
  assert.ok(parameters <= MAX_PARAMETERS && outputs <= MAX_OUTPUTS)
  assert.equal(Object.keys(stacks.Api.parameters).length, parameters)
  const selects = templates.Api.Resources.Routes.Properties.Queues
  assert.equal(selects.length, 300)
  assert.deepEqual(selects[299], { "Fn::Select": [PACK_SIZE - 1, { Ref: `XrefFunctionsPack${300 / PACK_SIZE}` }] })
})

test("a cycle between stacks is a StackCycle error naming the stacks in order", () => {
  const app = coreApp()
  const a = new CoreStack(app, "Auth")
  const b = new CoreStack(app, "Api")
  const pool = new CfnResource(a, "Pool", { type: "AWS::Cognito::UserPool" })
  const fn = new CfnResource(b, "Handler", { type: "AWS::SQS::Queue", properties: { Name: pool.ref } })
  pool.properties.LambdaConfig = { PreSignUp: fn.getAtt("Arn") }
  const error = catchValidation(() => emitTemplates(app))
  assert.equal(error.problems.length, 1)
  const [problem] = error.problems
  assert.equal(problem.code, "StackCycle")
  assert.equal(problem.path, "notes/test/Auth")
  assert.equal(problem.problem, "is part of a cycle of stacks that use each other's values: Auth → Api → Auth.")
})

test("a cycle through three stacks and explicit dependencies names all three", () => {
  const app = coreApp()
  const [a, b, c] = ["A", "B", "C"].map((id) => new CoreStack(app, id))
  a.addDependency(b)
  b.addDependency(c)
  c.addDependency(a)
  const error = catchValidation(() => emitTemplates(app))
  assert.match(error.problems[0].problem, /: A → B → C → A\.$/)
})

test("a user output named like a cross-stack output is refused", () => {
  const app = coreApp()
  const database = new CoreStack(app, "Database")
  const table = new CfnResource(database, "Notes", { type: "AWS::DynamoDB::Table" })
  database.addOutputs({ XrefNotesRef: "mine" })
  new CfnResource(new CoreStack(app, "Api"), "Reader", { type: "AWS::SSM::Parameter", properties: { Value: table.ref } })
  const error = catchValidation(() => emitTemplates(app))
  assert.equal(error.problems[0].code, "OutputNameTaken")
  assert.equal(error.problems[0].fix, 'rename the output "XrefNotesRef".')
})

test("a producer read by many stacks packs its largest reader's values, so its outputs stay within 200", () => {
  const app = coreApp()
  const producer = new CoreStack(app, "Functions")
  const queues = Array.from({ length: 240 }, (_, i) => new CfnResource(producer, `Handler${i}`, { type: "AWS::SQS::Queue" }))
  for (const [index, id] of ["Admin", "Public", "Internal"].entries()) {
    new CfnResource(new CoreStack(app, id), "Routes", {
      type: "AWS::SQS::QueuePolicy",
      properties: { Queues: queues.slice(index * 80, index * 80 + 80).map((q) => q.ref), PolicyDocument: {} },
    })
  }
  const { templates } = emitTemplates(app)
  assert.equal(Object.keys(templates.Functions.Outputs).length, Math.ceil(80 / PACK_SIZE) + 160)
  assert.ok(Object.keys(templates.Functions.Outputs).length <= MAX_OUTPUTS)
  assert.equal(templates.Admin.Parameters.XrefFunctionsPack1.Type, "CommaDelimitedList")
  assert.deepEqual(templates.Admin.Resources.Routes.Properties.Queues[79], { "Fn::Select": [4, { Ref: "XrefFunctionsPack4" }] })
  assert.deepEqual(templates.Public.Resources.Routes.Properties.Queues[0], { Ref: "XrefFunctionsHandler80Ref" })
  assert.deepEqual(templates.Internal.Resources.Routes.Properties.Queues[0], { Ref: "XrefFunctionsHandler160Ref" })
})
