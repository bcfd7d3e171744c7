import assert from "node:assert/strict"
import { test } from "node:test"
import { CfnParameter, CfnResource, Construct, CoreStack, logicalIdFromComponents } from "./index.ts"
import { catchValidation, coreApp, emitTemplates } from "../test/helpers/core.ts"

const queue = { type: "AWS::SQS::Queue" }

test("a logical ID is the path below the stack without characters other than letters and digits", () => {
  assert.equal(logicalIdFromComponents(["Api", "Route", "GET_notes"]), "ApiRouteGETnotes")
  assert.equal(logicalIdFromComponents(["my-api", "v2_route"]), "myapiv2route")
})

test("path components named Resource or Default are left out, so a construct's main resource carries its name", () => {
  assert.equal(logicalIdFromComponents(["Notes", "Table", "Resource"]), "NotesTable")
  assert.equal(logicalIdFromComponents(["Site", "Default", "Bucket"]), "SiteBucket")
  assert.equal(logicalIdFromComponents(["Resources", "Defaults"]), "ResourcesDefaults")
})

test("emitted resources are keyed by those IDs, in creation order, with no hash suffix", () => {
  const app = coreApp()
  const stack = new CoreStack(app, "Main")
  const notes = new Construct(stack, "Notes")
  new CfnResource(notes, "Resource", { type: "AWS::DynamoDB::Table" })
  new CfnResource(new Construct(notes, "Stream"), "Default", queue)
  new CfnResource(new Construct(new Construct(stack, "Api"), "Route"), "GET_notes", queue)
  const { templates, stacks } = emitTemplates(app)
  assert.deepEqual(Object.keys(templates.Main.Resources), ["Notes", "NotesStream", "ApiRouteGETnotes"])
  assert.deepEqual(stacks.Main.resourcePaths, {
    Notes: "Main/Notes/Resource",
    NotesStream: "Main/Notes/Stream/Default",
    ApiRouteGETnotes: "Main/Api/Route/GET_notes",
  })
})

test("building the same tree twice gives the same IDs", () => {
  const build = () => {
    const app = coreApp()
    const stack = new CoreStack(app, "Main")
    new CfnResource(new Construct(stack, "A"), "B", queue)
    new CfnResource(stack, "C", queue)
    return emitTemplates(app).result.stacks[0].body
  }
  assert.equal(build(), build())
})

test("two paths that make one logical ID are a LogicalIdCollision naming both paths", () => {
  const app = coreApp()
  const stack = new CoreStack(app, "Main")
  new CfnResource(new Construct(stack, "Api"), "Route", queue)
  new CfnResource(stack, "ApiRoute", queue)
  const error = catchValidation(() => emitTemplates(app))
  assert.equal(error.problems.length, 1)
  const [problem] = error.problems
  assert.equal(problem.code, "LogicalIdCollision")
  assert.equal(problem.path, "notes/test/Main/ApiRoute")
  assert.equal(problem.problem, 'and "notes/test/Main/Api/Route" are now both named "ApiRoute" in stack "test-notes-Main".')
  assert.equal(problem.fix, "rename one of the two constructs (for example add a word to its id).")
})

test("a construct's Resource and Default children collide, since both take the construct's name", () => {
  const app = coreApp()
  const stack = new CoreStack(app, "Main")
  const notes = new Construct(stack, "Notes")
  new CfnResource(notes, "Resource", queue)
  new CfnResource(notes, "Default", queue)
  const error = catchValidation(() => emitTemplates(app))
  assert.equal(error.problems[0].code, "LogicalIdCollision")
  assert.match(error.problems[0].problem, /^and "notes\/test\/Main\/Notes\/Resource" are now both named "Notes"/)
})

test("resources and parameters share one namespace of logical IDs", () => {
  const app = coreApp()
  const stack = new CoreStack(app, "Main")
  new CfnParameter(new Construct(stack, "Domain"), "Name")
  new CfnResource(stack, "DomainName", queue)
  assert.equal(catchValidation(() => emitTemplates(app)).problems[0].code, "LogicalIdCollision")
})

test("the same path in two stacks is no collision: logical IDs are per stack", () => {
  const app = coreApp()
  new CfnResource(new CoreStack(app, "A"), "Jobs", queue)
  new CfnResource(new CoreStack(app, "B"), "Jobs", queue)
  const { templates } = emitTemplates(app)
  assert.ok(templates.A.Resources.Jobs && templates.B.Resources.Jobs)
})

test("overrideLogicalId pins the ID, and references follow it", () => {
  const app = coreApp()
  const stack = new CoreStack(app, "Main")
  const jobs = new CfnResource(new Construct(stack, "Moved"), "Jobs", queue)
  jobs.overrideLogicalId("JobsQueue")
  new CfnResource(stack, "Out", { type: "AWS::SSM::Parameter", properties: { Value: jobs.getAtt("Arn") } })
  const { templates } = emitTemplates(app)
  assert.deepEqual(Object.keys(templates.Main.Resources), ["JobsQueue", "Out"])
  assert.deepEqual(templates.Main.Resources.Out.Properties.Value, { "Fn::GetAtt": ["JobsQueue", "Arn"] })
})

test("an override that collides with a path's ID names both", () => {
  const app = coreApp()
  const stack = new CoreStack(app, "Main")
  new CfnResource(stack, "Jobs", queue)
  new CfnResource(stack, "Other", queue).overrideLogicalId("Jobs")
  const error = catchValidation(() => emitTemplates(app))
  assert.equal(error.problems[0].problem, 'and "notes/test/Main/Jobs" are now both named "Jobs" in stack "test-notes-Main".')
})

test("an override with other characters than letters and digits is an InvalidLogicalId", () => {
  const app = coreApp()
  const stack = new CoreStack(app, "Main")
  new CfnResource(stack, "Jobs", queue).overrideLogicalId("jobs-queue")
  const error = catchValidation(() => emitTemplates(app))
  assert.equal(error.problems[0].code, "InvalidLogicalId")
  assert.equal(error.problems[0].problem, 'gets the logical ID "jobs-queue", which CloudFormation refuses.')
  assert.equal(error.problems[0].allowed, "1 to 255 letters and digits.")
})

test("a path longer than 255 characters once cleaned is an InvalidLogicalId asking for shorter ids", () => {
  const app = coreApp()
  const stack = new CoreStack(app, "Main")
  new CfnResource(new Construct(stack, "A".repeat(200)), "B".repeat(56), queue)
  const error = catchValidation(() => emitTemplates(app))
  assert.equal(error.problems[0].code, "InvalidLogicalId")
  assert.equal(error.problems[0].fix, "shorten the ids along this path.")
})

test("a resource named Resource right in the stack has no logical ID, and the fix says why", () => {
  const app = coreApp()
  new CfnResource(new CoreStack(app, "Main"), "Resource", queue)
  const error = catchValidation(() => emitTemplates(app))
  assert.equal(error.problems[0].code, "InvalidLogicalId")
  assert.equal(error.problems[0].problem, 'gets the logical ID "", which CloudFormation refuses.')
  assert.match(error.problems[0].fix, /ids "Resource" and "Default" are left out of logical IDs/)
})
