import assert from "node:assert/strict"
import { test } from "node:test"
import { CfnResource, Construct, CoreStack } from "./index.ts"
import { catchValidation, coreApp, emitTemplates } from "../test/helpers/core.ts"

const queue = { type: "AWS::SQS::Queue" }

test("a construct's path runs from the stack down; displayPath adds the app and stage", () => {
  const app = coreApp()
  const stack = new CoreStack(app, "Main")
  const api = new Construct(stack, "Api")
  const role = new CfnResource(api, "Role", { type: "AWS::IAM::Role" })
  assert.equal(app.path, "")
  assert.equal(stack.path, "Main")
  assert.equal(api.path, "Main/Api")
  assert.equal(role.path, "Main/Api/Role")
  assert.equal(role.displayPath, "notes/test/Main/Api/Role")
  assert.equal(role.node.id, "Role")
  assert.equal(role.node.path, "Main/Api/Role")
  assert.equal(role.enclosingStack, stack)
  assert.equal(role.app, app)
})

test("children keep creation order, and descendants are listed depth first", () => {
  const app = coreApp()
  const stack = new CoreStack(app, "Main")
  const a = new Construct(stack, "A")
  new Construct(a, "A1")
  new Construct(stack, "B")
  new Construct(a, "A2")
  assert.deepEqual([...stack.descendants()].map((node) => node.path), ["Main/A", "Main/A/A1", "Main/A/A2", "Main/B"])
  assert.deepEqual(app.stacks.map((s) => s.id), ["Main"])
})

test("an id that does not start with a letter is an InvalidConstructId naming the path and a fix", () => {
  const app = coreApp()
  const stack = new CoreStack(app, "Main")
  new CfnResource(stack, "1Queue", queue)
  const error = catchValidation(() => emitTemplates(app))
  assert.equal(error.problems.length, 1)
  const [problem] = error.problems
  assert.equal(problem.code, "InvalidConstructId")
  assert.equal(problem.path, "notes/test/Main/1Queue")
  assert.equal(problem.construct, "CfnResource")
  assert.equal(problem.problem, 'has the id "1Queue", which is not a valid construct id.')
  assert.equal(problem.allowed, "a letter followed by letters, digits, '-' or '_' (/^[a-zA-Z][a-zA-Z0-9-_]*$/).")
  assert.equal(problem.fix, 'rename it, for example "Queue".')
  assert.equal(
    error.message,
    [
      `CfnResource "notes/test/Main/1Queue" has the id "1Queue", which is not a valid construct id.  [InvalidConstructId]`,
      `  Allowed: a letter followed by letters, digits, '-' or '_' (/^[a-zA-Z][a-zA-Z0-9-_]*$/).`,
      `  Fix: rename it, for example "Queue".`,
    ].join("\n"),
  )
})

test("an id with spaces or dots is invalid, and the fix suggests the id with '-' instead", () => {
  const app = coreApp()
  const stack = new CoreStack(app, "Main")
  new Construct(stack, "my api.v2")
  const error = catchValidation(() => emitTemplates(app))
  assert.equal(error.problems[0].code, "InvalidConstructId")
  assert.equal(error.problems[0].fix, 'rename it, for example "my-api-v2".')
})

test("an invalid stack id is reported with the stack's full path", () => {
  const app = coreApp()
  new CoreStack(app, "9Lives")
  const error = catchValidation(() => emitTemplates(app))
  const problem = error.problems.find((p) => p.code === "InvalidConstructId")
  assert.equal(problem?.path, "notes/test/9Lives")
})

test("two children of one scope with the same id are a DuplicateConstructId naming both", () => {
  const app = coreApp()
  const stack = new CoreStack(app, "Main")
  new CfnResource(stack, "Jobs", queue)
  new CfnResource(stack, "Jobs", queue)
  const error = catchValidation(() => emitTemplates(app))
  assert.equal(error.problems.length, 1)
  const [problem] = error.problems
  assert.equal(problem.code, "DuplicateConstructId")
  assert.equal(problem.path, "notes/test/Main/Jobs")
  assert.equal(problem.problem, `uses the id "Jobs", which "notes/test/Main" already has (a CfnResource "Jobs"; '-' and '_' count as the same).`)
  assert.equal(problem.fix, "give one of the two constructs another id.")
})

test("ids that differ only by '-' and '_' are duplicates, because they make one logical ID", () => {
  const app = coreApp()
  const stack = new CoreStack(app, "Main")
  new Construct(stack, "my-api")
  new Construct(stack, "my_api")
  const error = catchValidation(() => emitTemplates(app))
  assert.equal(error.problems[0].code, "DuplicateConstructId")
  assert.match(error.problems[0].problem, /^uses the id "my_api", which "notes\/test\/Main" already has \(a Construct "my-api"/)
})

test("the same id in different scopes is fine", () => {
  const app = coreApp()
  const stack = new CoreStack(app, "Main")
  new CfnResource(new Construct(stack, "A"), "Queue", queue)
  new CfnResource(new Construct(stack, "B"), "Queue", queue)
  const { templates } = emitTemplates(app)
  assert.deepEqual(Object.keys(templates.Main.Resources), ["AQueue", "BQueue"])
})

test("two stacks with one id are a DuplicateConstructId in the app", () => {
  const app = coreApp()
  new CoreStack(app, "Api")
  new CoreStack(app, "Api")
  const error = catchValidation(() => emitTemplates(app))
  const problem = error.problems.find((p) => p.code === "DuplicateConstructId")
  assert.equal(problem?.path, "notes/test/Api")
  assert.match(problem?.problem ?? "", /which the app already has/)
})

test("every problem in the tree is reported at once", () => {
  const app = coreApp()
  const stack = new CoreStack(app, "Main")
  new Construct(stack, "1a")
  new Construct(stack, "2b")
  new Construct(stack, "Ok")
  new Construct(stack, "Ok")
  const error = catchValidation(() => emitTemplates(app))
  assert.deepEqual(error.problems.map((p) => p.code), ["InvalidConstructId", "InvalidConstructId", "DuplicateConstructId"])
  assert.equal(error.message.split("\n\n").length, 3)
})

test("a resource created directly in the app, outside any stack, is refused at once", () => {
  const app = coreApp()
  const error = catchValidation(() => new CfnResource(app, "Loose", queue))
  assert.equal(error.problems[0].code, "ConstructOutsideStack")
  assert.equal(error.problems[0].path, "notes/test/Loose")
})
