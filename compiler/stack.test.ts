import assert from "node:assert/strict"
import { test } from "node:test"
import { CfnResource, CoreStack } from "./index.ts"
import { catchValidation, coreApp, emitTemplates } from "../test/helpers/core.ts"

test("a stack's CloudFormation name is <stage>-<app>-<id>, and so is its template file", () => {
  const app = coreApp({ name: "notes", stage: "pr-12" })
  const stack = new CoreStack(app, "Api")
  assert.equal(stack.stackName, "pr-12-notes-Api")
  assert.equal(app.logicalPrefixedName("list"), "pr-12-notes-list")
  const { stacks } = emitTemplates(app)
  assert.equal(stacks.Api.name, "pr-12-notes-Api")
  assert.equal(stacks.Api.templateFile, "pr-12-notes-Api.template.json")
})

test("an id with '_' makes a stack name CloudFormation refuses: InvalidStackName suggests '-'", () => {
  const app = coreApp()
  new CoreStack(app, "my_stack")
  const error = catchValidation(() => emitTemplates(app))
  assert.equal(error.problems.length, 1)
  const [problem] = error.problems
  assert.equal(problem.code, "InvalidStackName")
  assert.equal(problem.path, "notes/test/my_stack")
  assert.equal(problem.problem, `makes the stack name "test-notes-my_stack", which CloudFormation refuses.`)
  assert.equal(problem.allowed, `stack names of letters, digits and '-', starting with a letter, at most 128 characters ("<stage>-<app>-<id>").`)
  assert.equal(problem.fix, `use '-' instead of '_' and keep the id short, for example "my-stack" (a stack function keeps its name with app.stack(fn, { id: "my-stack" })).`)
})

test("stackName replaces <stage>-<app>-<id> when it holds the stage, as SST v1 required", () => {
  const app = coreApp({ name: "notes", stage: "prod" })
  const stack = new CoreStack(app, "Api", { stackName: "courier-api-prod" })
  new CoreStack(app, "Web", { stackName: "prod-web" })
  new CoreStack(app, "Jobs", { stackName: "notes-prod-jobs" })
  assert.equal(stack.stackName, "courier-api-prod")
  const { stacks } = emitTemplates(app)
  assert.deepEqual([stacks.Api.name, stacks.Web.name, stacks.Jobs.name], ["courier-api-prod", "prod-web", "notes-prod-jobs"])
})

test("a stackName without the stage is a StackNameWithoutStage", () => {
  const app = coreApp({ name: "notes", stage: "prod" })
  new CoreStack(app, "Api", { stackName: "courier-api" })
  const error = catchValidation(() => emitTemplates(app))
  assert.deepEqual(error.problems.map((problem) => [problem.code, problem.property]), [["StackNameWithoutStage", "stackName"]])
  assert.equal(error.problems[0].fix, "build it from the stage, for example `courier-api-${app.stage}`.")
})

test("a stack name over 128 characters is an InvalidStackName", () => {
  const app = coreApp()
  new CoreStack(app, "S".repeat(120))
  assert.equal(catchValidation(() => emitTemplates(app)).problems[0].code, "InvalidStackName")
})

test("addOutputs takes values and definitions with description and exportName; exportName becomes Export", () => {
  const app = coreApp()
  const stack = new CoreStack(app, "Main")
  const jobs = new CfnResource(stack, "Jobs", { type: "AWS::SQS::Queue" })
  stack.addOutputs({
    QueueUrl: jobs.ref,
    Count: 3,
    QueueArn: { value: jobs.getAtt("Arn"), description: "the jobs queue", exportName: `${stack.stackName}-jobs-arn` },
  })
  const { templates, stacks } = emitTemplates(app)
  assert.deepEqual(templates.Main.Outputs, {
    QueueUrl: { Value: { Ref: "Jobs" } },
    Count: { Value: 3 },
    QueueArn: { Description: "the jobs queue", Value: { "Fn::GetAtt": ["Jobs", "Arn"] }, Export: { Name: "test-notes-Main-jobs-arn" } },
  })
  assert.deepEqual(stacks.Main.outputs, ["QueueUrl", "Count", "QueueArn"])
})

test("an output whose value is undefined is an UndefinedOutput naming the key", () => {
  const app = coreApp()
  const stack = new CoreStack(app, "Main")
  const site: { url?: string } = {}
  stack.addOutputs({ SiteUrl: site.url, Other: { value: null } as never })
  const error = catchValidation(() => emitTemplates(app))
  assert.deepEqual(error.problems.map((p) => [p.code, p.property, p.problem]), [
    ["UndefinedOutput", "addOutputs({ SiteUrl })", "has the value undefined."],
    ["UndefinedOutput", "addOutputs({ Other })", "has the value null."],
  ])
  assert.equal(
    error.message.split("\n\n")[0],
    [
      `Stack "notes/test/Main": addOutputs({ SiteUrl }) has the value undefined.  [UndefinedOutput]`,
      `  Allowed: a string, a number or a reference such as api.url.`,
      `  Fix: give "SiteUrl" a value, or leave it out when there is none (for example only add it when the value is set).`,
    ].join("\n"),
  )
})

test("an output key keeps only its letters and digits, as SST v1's CfnOutput did: API_URL is the output APIURL", () => {
  const app = coreApp()
  new CoreStack(app, "Main").addOutputs({ API_URL: "x", "site-url": "y" })
  const { templates } = emitTemplates(app)
  assert.deepEqual(templates.Main.Outputs, { APIURL: { Value: "x" }, siteurl: { Value: "y" } })
})

test("an output key without letters or digits is an InvalidOutputName; two keys that make one name are a DuplicateOutputName", () => {
  const app = coreApp()
  new CoreStack(app, "Main").addOutputs({ "--": "x", API_URL: "a", "API-URL": "b" })
  const error = catchValidation(() => emitTemplates(app))
  assert.deepEqual(error.problems.map((problem) => [problem.code, problem.property]), [
    ["InvalidOutputName", 'addOutputs("--")'],
    ["DuplicateOutputName", 'addOutputs("API-URL")'],
  ])
  assert.equal(error.problems[1].problem, 'and addOutputs("API_URL") are both the output "APIURL" once characters other than letters and digits are dropped.')
})

test("Description comes from the stack's props; tags go to the manifest with sst:app and sst:stage", () => {
  const app = coreApp()
  new CfnResource(new CoreStack(app, "Main", { description: "notes API", tags: { team: "core" } }), "Jobs", { type: "AWS::SQS::Queue" })
  const { templates, stacks } = emitTemplates(app)
  assert.equal(templates.Main.Description, "notes API")
  assert.deepEqual(stacks.Main.tags, { "sst:app": "notes", "sst:stage": "test", team: "core" })
})

test("a stack without resources gets a placeholder, since CloudFormation refuses an empty Resources", () => {
  const app = coreApp()
  new CoreStack(app, "Empty").addOutputs({ Version: "1" })
  const { templates, stacks } = emitTemplates(app)
  assert.deepEqual(templates.Empty.Resources, { EmptyStackPlaceholder: { Type: "AWS::CloudFormation::WaitConditionHandle" } })
  assert.equal(stacks.Empty.resourceCount, 1)
})

test("a template is 2-space JSON with a trailing newline, sections in CloudFormation's order", () => {
  const app = coreApp()
  new CfnResource(new CoreStack(app, "Main"), "Jobs", { type: "AWS::SQS::Queue" })
  const [entry] = emitTemplates(app).result.stacks
  assert.equal(entry.body, '{\n  "AWSTemplateFormatVersion": "2010-09-09",\n  "Resources": {\n    "Jobs": {\n      "Type": "AWS::SQS::Queue"\n    }\n  }\n}\n')
  assert.equal(entry.manifest.templateBytes, Buffer.byteLength(entry.body))
})

test("the manifest names the app, stage and region, and each stack's files", () => {
  const app = coreApp({ region: "eu-west-1" })
  new CfnResource(new CoreStack(app, "Main"), "Jobs", { type: "AWS::SQS::Queue" })
  const { result } = emitTemplates(app)
  assert.deepEqual(result.manifest, {
    version: 1,
    app: "notes",
    stage: "test",
    region: "eu-west-1",
    stacks: [
      {
        id: "Main",
        name: "test-notes-Main",
        templateFile: "test-notes-Main.template.json",
        templateBytes: result.stacks[0].manifest.templateBytes,
        uploadTemplate: false,
        resourceCount: 1,
        dependencies: [],
        parameters: {},
        outputs: [],
        tags: { "sst:app": "notes", "sst:stage": "test" },
        assets: [],
        resourcePaths: { Jobs: "Main/Jobs" },
      },
    ],
    assets: [],
  })
})
