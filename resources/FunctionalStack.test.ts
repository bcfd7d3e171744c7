import assert from "node:assert/strict"
import { test } from "node:test"
import { CfnResource, dependsOn, getStack, Stack, use, type StackContext } from "./index.ts"
import { catchValidation, catchValidationAsync, emit, testApp } from "../test/helpers/synth.ts"

function Database({ stack }: StackContext) {
  const table = new CfnResource(stack, "Notes", { type: "AWS::DynamoDB::Table" })
  stack.addOutputs({ TableName: table.ref })
  return { table }
}

function Api({ stack }: StackContext) {
  const { table } = use(Database)
  new CfnResource(stack, "Reader", { type: "AWS::SSM::Parameter", properties: { Value: table.getAtt("Arn") } })
}

test("app.stack(fn) makes a stack named after the function and is chainable", () => {
  const app = testApp()
  const returned = app.stack(Database).stack(Api)
  assert.equal(returned, app)
  assert.deepEqual(app.stacks.map((s) => [s.id, s.stackName]), [["Database", "test-notes-Database"], ["Api", "test-notes-Api"]])
  assert.ok(app.stacks.every((s) => s instanceof Stack))
})

test("the stack function gets { app, stack } and `this` bound to the stack", () => {
  const app = testApp()
  let seen: unknown[] = []
  app.stack(function Main(this: Stack, { app: a, stack }: StackContext) {
    seen = [a, stack, this]
  })
  assert.equal(seen[0], app)
  assert.equal(seen[1], app.stacks[0])
  assert.equal(seen[2], app.stacks[0])
})

test("props.id names the stack instead of the function", () => {
  const app = testApp()
  app.stack(Database, { id: "Storage", description: "tables" })
  assert.equal(app.stacks[0].stackName, "test-notes-Storage")
  assert.equal(app.stacks[0].description, "tables")
})

test("use() returns what the other stack function returned, wires the values and orders deployment", () => {
  const app = testApp()
  app.stack(Database).stack(Api)
  const { templates, result } = emit(app)
  assert.deepEqual(templates.Api.Resources.Reader.Properties.Value, { Ref: "XrefDatabaseNotesArn" })
  assert.deepEqual(result.manifest.stacks.map((s) => [s.id, s.dependencies]), [["Database", []], ["Api", ["test-notes-Database"]]])
})

test("use() alone, without using a value, still makes the stack depend on the other", () => {
  const app = testApp()
  app.stack(Database).stack(function Web({ stack }: StackContext) {
    use(Database)
    new CfnResource(stack, "Bucket", { type: "AWS::S3::Bucket" })
  })
  assert.deepEqual(emit(app).result.manifest.stacks[1].dependencies, ["test-notes-Database"])
})

test("dependsOn() orders deployment without sharing values; getStack() returns the stack", () => {
  const app = testApp()
  app.stack(Database).stack(function Jobs({ stack }: StackContext) {
    dependsOn(Database)
    assert.equal(getStack(Database).stackName, "test-notes-Database")
    new CfnResource(stack, "Queue", { type: "AWS::SQS::Queue" })
  })
  const { result } = emit(app)
  assert.deepEqual(result.manifest.stacks[1].dependencies, ["test-notes-Database"])
  assert.deepEqual(result.manifest.stacks[1].parameters, {})
})

test("use() of a stack added later is a StackWrongOrder that says which to add first", () => {
  const app = testApp()
  const error = catchValidation(() => app.stack(Api).stack(Database))
  assert.equal(error.problems.length, 1)
  assert.equal(
    error.message,
    [
      `Stack "notes/test/Api": use(Database) uses the stack "Database", which has not been added yet.  [StackWrongOrder]`,
      `  Allowed: stacks added before the stacks that use them: app.stack(Database) comes before app.stack(...) of "Api".`,
      `  Fix: add app.stack(Database) before the stack that calls use(Database).`,
    ].join("\n"),
  )
})

test("adding one stack function twice is StackDuplicates", () => {
  const app = testApp()
  const error = catchValidation(() => app.stack(Database).stack(Database))
  const [problem] = error.problems
  assert.equal(problem.code, "StackDuplicates")
  assert.equal(problem.path, "notes/test/Database")
  assert.equal(problem.property, "app.stack(Database)")
  assert.equal(problem.problem, 'adds the stack function "Database" a second time.')
})

test("an anonymous stack function needs an id", () => {
  const app = testApp()
  const error = catchValidation(() => app.stack(() => {}))
  assert.equal(error.problems[0].code, "AnonymousStack")
  app.stack(() => {}, { id: "Named" })
  assert.equal(app.stacks[0].id, "Named")
})

test("async stack functions work: await app.stack(fn), then use() its value", async () => {
  const app = testApp()
  async function Secrets({ stack }: StackContext) {
    await new Promise((resolve) => setTimeout(resolve, 5))
    return { key: new CfnResource(stack, "Key", { type: "AWS::KMS::Key" }) }
  }
  const chained = app.stack(Secrets)
  assert.ok(chained instanceof Promise)
  assert.equal(await chained, app)
  app.stack(function Api({ stack }: StackContext) {
    const { key } = use(Secrets)
    new CfnResource(stack, "Reader", { type: "AWS::SSM::Parameter", properties: { Value: key.getAtt("Arn") } })
  })
  const { templates } = emit(app)
  assert.deepEqual(templates.Api.Resources.Reader.Properties.Value, { Ref: "XrefSecretsKeyArn" })
})

test("use() of an async stack that has not finished is a StackWrongOrder asking to await it", async () => {
  const app = testApp()
  async function Slow() {
    await new Promise((resolve) => setTimeout(resolve, 5))
    return {}
  }
  const pending = app.stack(Slow)
  const error = catchValidation(() => app.stack(function Api() {
    use(Slow)
  }))
  assert.equal(error.problems[0].code, "StackWrongOrder")
  assert.equal(error.problems[0].problem, 'uses the async stack "Slow" before it has finished.')
  assert.equal(error.problems[0].fix, "await app.stack(Slow) before adding the stacks that use it.")
  await pending
})

test("use() after an await inside an async stack still makes that stack depend on the other", async () => {
  const app = testApp()
  app.stack(Database)
  await app.stack(async function Api({ stack }: StackContext) {
    await new Promise((resolve) => setTimeout(resolve, 1))
    use(Database)
    new CfnResource(stack, "Queue", { type: "AWS::SQS::Queue" })
  })
  assert.deepEqual(emit(app).result.manifest.stacks[1].dependencies, ["test-notes-Database"])
})

test("an async stack that throws rejects the app.stack promise with its error", async () => {
  const app = testApp()
  await assert.rejects(app.stack(async function Broken() {
    throw new Error("no secret")
  }), /no secret/)
})

test("use() in a second App built in the same process refers to that App's stacks", () => {
  const first = testApp()
  const second = testApp({ name: "other" })
  first.stack(Database).stack(Api)
  second.stack(Database).stack(Api)
  assert.deepEqual(emit(first).result.manifest.stacks[1].dependencies, ["test-notes-Database"])
  assert.deepEqual(emit(second).result.manifest.stacks[1].dependencies, ["test-other-Database"])
})

test("problems inside stack functions are collected for emit", async () => {
  const app = testApp()
  app.stack(function Main({ stack }: StackContext) {
    new CfnResource(stack, "1bad", { type: "AWS::SQS::Queue" })
  })
  const error = await catchValidationAsync(async () => emit(app))
  assert.equal(error.problems[0].code, "InvalidConstructId")
})
