import assert from "node:assert/strict"
import { test } from "node:test"
import { z } from "zod"
import { Construct, CoreStack, parseProps } from "./index.ts"
import { closest, formatPath } from "./props.ts"
import { catchValidation, coreApp } from "../test/helpers/core.ts"

const QueueSchema = z.strictObject({
  consumer: z.string().optional(),
  visibilityTimeout: z.number().optional(),
  fifo: z.boolean().optional(),
  mode: z.enum(["standard", "fifo"]).optional(),
  routes: z.record(z.string(), z.strictObject({ function: z.string(), authorizer: z.string().optional() })).optional(),
  name: z.string(),
})

/** A construct "Queue" in stack "Main" whose props are checked with `QueueSchema`. */
class Queue extends Construct {
  readonly props: z.output<typeof QueueSchema>
  constructor(scope: Construct, id: string, props: unknown) {
    super(scope, id)
    this.props = parseProps(QueueSchema, props, this)
  }
}

function build(props: unknown) {
  const app = coreApp()
  return catchValidation(() => new Queue(new CoreStack(app, "Main"), "Jobs", props))
}

test("valid props come back parsed", () => {
  const app = coreApp()
  const queue = new Queue(new CoreStack(app, "Main"), "Jobs", { name: "jobs", fifo: true })
  assert.deepEqual(queue.props, { name: "jobs", fifo: true })
  assert.equal(app.problems.length, 0)
})

test("a misspelt prop is an UnknownProp with the allowed props and a did-you-mean fix, in STYLE's format", () => {
  const error = build({ name: "jobs", visiblityTimeout: 30 })
  assert.equal(
    error.message,
    [
      `Queue "notes/test/Main/Jobs": visiblityTimeout is not a prop of this construct.  [UnknownProp]`,
      `  Allowed: consumer, visibilityTimeout, fifo, mode, routes, name`,
      `  Fix: did you mean "visibilityTimeout"?`,
    ].join("\n"),
  )
  assert.deepEqual(error.problems[0], {
    code: "UnknownProp",
    path: "notes/test/Main/Jobs",
    construct: "Queue",
    property: "visiblityTimeout",
    problem: "is not a prop of this construct.",
    allowed: "consumer, visibilityTimeout, fifo, mode, routes, name",
    fix: 'did you mean "visibilityTimeout"?',
  })
})

test("an unknown prop far from every known one is to be removed", () => {
  assert.equal(build({ name: "x", zzzzzzzzz: 1 }).problems[0].fix, 'remove "zzzzzzzzz".')
})

test("a missing required prop is a MissingProp", () => {
  const [problem] = build({}).problems
  assert.deepEqual([problem.code, problem.property, problem.problem, problem.fix], ["MissingProp", "name", "is required but missing.", "set name."])
})

test("a prop of the wrong type is an InvalidPropType quoting the value", () => {
  const [problem] = build({ name: "x", visibilityTimeout: "30" }).problems
  assert.deepEqual([problem.code, problem.property, problem.problem, problem.allowed, problem.fix], [
    "InvalidPropType",
    "visibilityTimeout",
    'is "30".',
    "number.",
    "pass a number.",
  ])
})

test("a value outside an enum lists the allowed values", () => {
  const [problem] = build({ name: "x", mode: "lifo" }).problems
  assert.deepEqual([problem.code, problem.problem, problem.allowed], ["InvalidPropValue", 'is "lifo".', 'one of "standard", "fifo".'])
})

test("problems deep in props name the nested property, with odd keys in brackets", () => {
  const [problem] = build({ name: "x", routes: { "GET /notes": { function: "f.main", authorizr: "iam" } } }).problems
  assert.equal(problem.code, "UnknownProp")
  assert.equal(problem.property, 'routes["GET /notes"].authorizr')
  assert.equal(problem.allowed, "function, authorizer")
  assert.equal(problem.fix, 'did you mean "authorizer"?')
})

test("every problem in one construct's props is reported together", () => {
  const error = build({ visibilityTimeout: "x", fifo: 1 })
  assert.deepEqual(error.problems.map((p) => `${p.code} ${p.property}`), ["InvalidPropType visibilityTimeout", "InvalidPropType fifo", "MissingProp name"])
})

test("props that are not an object at all are reported on props", () => {
  const [problem] = build("jobs").problems
  assert.equal(problem.property, "props")
  assert.equal(problem.problem, 'is "jobs".')
})

test("formatPath writes identifiers with dots, indexes and odd keys in brackets", () => {
  assert.equal(formatPath(["routes", "GET /x", "function"]), 'routes["GET /x"].function')
  assert.equal(formatPath(["layers", 2]), "layers[2]")
  assert.equal(formatPath([]), "")
})

test("closest finds a candidate within three edits, case-insensitively", () => {
  assert.equal(closest("Timout", ["timeout", "memorySize"]), "timeout")
  assert.equal(closest("xyz", ["timeout", "memorySize"]), undefined)
})
