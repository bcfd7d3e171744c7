import assert from "node:assert/strict"
import { test } from "node:test"
import { Aws, CfnCondition, CfnMapping, CfnParameter, CfnResource, Construct, CoreStack, Fn } from "./index.ts"
import { catchValidation, coreApp, emitTemplates } from "../test/helpers/core.ts"

/** One stack "Main" with a queue "Jobs"; `build` adds a parameter "Out" (an SSM parameter) whose Value is the value under test. */
function resolveOne(value: (jobs: CfnResource, stack: CoreStack) => unknown): unknown {
  const app = coreApp()
  const stack = new CoreStack(app, "Main")
  const jobs = new CfnResource(stack, "Jobs", { type: "AWS::SQS::Queue" })
  new CfnResource(stack, "Out", { type: "AWS::SSM::Parameter", properties: { Type: "String", Value: value(jobs, stack) as string } })
  return emitTemplates(app).templates.Main.Resources.Out.Properties.Value
}

test("ref and getAtt of a resource in the same stack become Ref and Fn::GetAtt", () => {
  assert.deepEqual(resolveOne((jobs) => jobs.ref), { Ref: "Jobs" })
  assert.deepEqual(resolveOne((jobs) => jobs.getAtt("Arn")), { "Fn::GetAtt": ["Jobs", "Arn"] })
})

test("a reference inside a string becomes Fn::Join with the literal text around it", () => {
  assert.deepEqual(resolveOne((jobs) => `queue/${jobs.getAtt("QueueName")}/messages`), {
    "Fn::Join": ["", ["queue/", { "Fn::GetAtt": ["Jobs", "QueueName"] }, "/messages"]],
  })
})

test("two references next to each other in a string keep their order and no empty literal", () => {
  assert.deepEqual(resolveOne((jobs) => `${jobs.ref}${jobs.getAtt("Arn")}`), {
    "Fn::Join": ["", [{ Ref: "Jobs" }, { "Fn::GetAtt": ["Jobs", "Arn"] }]],
  })
})

test("a Fn::Join with an empty delimiter inside a string is flattened into the outer join", () => {
  assert.deepEqual(
    resolveOne((jobs) => `${Fn.join("", [jobs.ref, "-dlq"])}/x`),
    { "Fn::Join": ["", [{ Ref: "Jobs" }, "-dlq/x"]] },
  )
})

test("a Fn::Join with a delimiter stays a join of its own", () => {
  assert.deepEqual(resolveOne((jobs) => Fn.join(",", [jobs.ref, "b"])), { "Fn::Join": [",", [{ Ref: "Jobs" }, "b"]] })
  assert.deepEqual(resolveOne((jobs) => `list:${Fn.join(",", [jobs.ref, "b"])}`), {
    "Fn::Join": ["", ["list:", { "Fn::Join": [",", [{ Ref: "Jobs" }, "b"]] }]],
  })
})

test("pseudo parameters resolve to Ref of AWS::*, alone and inside strings", () => {
  assert.deepEqual(resolveOne(() => Aws.REGION), { Ref: "AWS::Region" })
  assert.deepEqual(resolveOne((_, stack) => stack.account), { Ref: "AWS::AccountId" })
  assert.deepEqual(resolveOne((_, stack) => `arn:${stack.partition}:s3:::bucket/*`), {
    "Fn::Join": ["", ["arn:", { Ref: "AWS::Partition" }, ":s3:::bucket/*"]],
  })
  assert.deepEqual(resolveOne(() => [Aws.STACK_NAME, Aws.STACK_ID, Aws.URL_SUFFIX, Aws.NO_VALUE, Aws.NOTIFICATION_ARNS]), [
    { Ref: "AWS::StackName" },
    { Ref: "AWS::StackId" },
    { Ref: "AWS::URLSuffix" },
    { Ref: "AWS::NoValue" },
    { Ref: "AWS::NotificationARNs" },
  ])
  assert.equal(resolveOne((_, stack) => stack.region), "us-east-1")
})

test("Fn.sub keeps ${AWS::*} and named variables, and turns references in its text into variables", () => {
  assert.deepEqual(resolveOne((jobs) => Fn.sub("arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:${Name}", { Name: jobs.getAtt("QueueName") })), {
    "Fn::Sub": ["arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:${Name}", { Name: { "Fn::GetAtt": ["Jobs", "QueueName"] } }],
  })
  assert.deepEqual(resolveOne((jobs) => Fn.sub(`${jobs.ref}-a-${jobs.getAtt("Arn")}`)), {
    "Fn::Sub": ["${Token1}-a-${Token2}", { Token1: { Ref: "Jobs" }, Token2: { "Fn::GetAtt": ["Jobs", "Arn"] } }],
  })
})

test("functions of literals and pseudo parameters only work too, as values and inside strings", () => {
  assert.deepEqual(resolveOne(() => Fn.sub("arn:${AWS::Partition}:s3:::assets")), { "Fn::Sub": "arn:${AWS::Partition}:s3:::assets" })
  assert.deepEqual(resolveOne(() => Fn.join("-", ["a", "b"])), { "Fn::Join": ["-", ["a", "b"]] })
  assert.deepEqual(resolveOne(() => Fn.base64("#!/bin/sh\necho hi")), { "Fn::Base64": "#!/bin/sh\necho hi" })
  assert.deepEqual(resolveOne(() => Fn.join("", [Aws.REGION, "-x"])), { "Fn::Join": ["", [{ Ref: "AWS::Region" }, "-x"]] })
  assert.deepEqual(resolveOne(() => Fn.select(0, Fn.getAZs())), { "Fn::Select": [0, { "Fn::GetAZs": "" }] })
  assert.deepEqual(resolveOne(() => `prefix-${Fn.select(1, Fn.split(",", "a,b"))}`), {
    "Fn::Join": ["", ["prefix-", { "Fn::Select": [1, { "Fn::Split": [",", "a,b"] }] }]],
  })
})

test("Fn.select and Fn.split combine into Fn::Select over Fn::Split", () => {
  assert.deepEqual(resolveOne((jobs) => Fn.select(2, Fn.split(":", jobs.getAtt("Arn")))), {
    "Fn::Select": [2, { "Fn::Split": [":", { "Fn::GetAtt": ["Jobs", "Arn"] }] }],
  })
})

test("Fn.base64 encodes a string holding references as Fn::Base64 of a join", () => {
  assert.deepEqual(resolveOne((jobs) => Fn.base64(`#!/bin/sh\necho ${jobs.ref}`)), {
    "Fn::Base64": { "Fn::Join": ["", ["#!/bin/sh\necho ", { Ref: "Jobs" }]] },
  })
})

test("conditions: Fn::Equals, And, Or, Not in the section; Fn::If and Condition on resources and outputs", () => {
  const app = coreApp()
  const stack = new CoreStack(app, "Main")
  const env = new CfnParameter(stack, "Env", { allowedValues: ["dev", "prod"], default: "dev" })
  const isProd = new CfnCondition(stack, "IsProd", { expression: Fn.equals(env.value, "prod") })
  const both = new CfnCondition(stack, "Both", { expression: Fn.and(Fn.condition(isProd), Fn.not(Fn.equals(Aws.REGION, "us-west-2"))) })
  const either = new CfnCondition(stack, "Either", { expression: Fn.or(Fn.condition(isProd), Fn.condition(both)) })
  const backup = new CfnResource(stack, "Backup", { type: "AWS::SQS::Queue", condition: either })
  new CfnResource(stack, "Jobs", {
    type: "AWS::SQS::Queue",
    properties: { DelaySeconds: Fn.conditionIf(isProd, 0, Aws.NO_VALUE) as unknown as number },
  })
  stack.addOutputs({ Backup: { value: backup.ref, condition: either } })
  const { templates } = emitTemplates(app)
  const t = templates.Main
  assert.deepEqual(t.Parameters.Env, { Type: "String", Default: "dev", AllowedValues: ["dev", "prod"] })
  assert.deepEqual(t.Conditions, {
    IsProd: { "Fn::Equals": [{ Ref: "Env" }, "prod"] },
    Both: { "Fn::And": [{ Condition: "IsProd" }, { "Fn::Not": [{ "Fn::Equals": [{ Ref: "AWS::Region" }, "us-west-2"] }] }] },
    Either: { "Fn::Or": [{ Condition: "IsProd" }, { Condition: "Both" }] },
  })
  assert.equal(t.Resources.Backup.Condition, "Either")
  assert.deepEqual(t.Resources.Jobs.Properties.DelaySeconds, { "Fn::If": ["IsProd", 0, { Ref: "AWS::NoValue" }] })
  assert.deepEqual(t.Outputs.Backup, { Value: { Ref: "Backup" }, Condition: "Either" })
})

test("Fn::FindInMap names the mapping by its logical ID", () => {
  const app = coreApp()
  const stack = new CoreStack(app, "Main")
  const sizes = new CfnMapping(stack, "Sizes", { mapping: { dev: { memory: 128 }, prod: { memory: 1024 } } })
  new CfnResource(stack, "Out", { type: "AWS::SSM::Parameter", properties: { Type: "String", Value: sizes.findInMap("dev", "memory") } })
  const t = emitTemplates(app).templates.Main
  assert.deepEqual(t.Mappings, { Sizes: { dev: { memory: 128 }, prod: { memory: 1024 } } })
  assert.deepEqual(t.Resources.Out.Properties.Value, { "Fn::FindInMap": ["Sizes", "dev", "memory"] })
})

test("a condition used in another stack is a CrossStackCondition", () => {
  const app = coreApp()
  const a = new CoreStack(app, "A")
  const isProd = new CfnCondition(a, "IsProd", { expression: Fn.equals(Aws.REGION, "us-east-1") })
  const b = new CoreStack(app, "B")
  new CfnResource(b, "Jobs", { type: "AWS::SQS::Queue", properties: { DelaySeconds: Fn.conditionIf(isProd, 1, 2) as unknown as number } })
  const error = catchValidation(() => emitTemplates(app))
  assert.equal(error.problems[0].code, "CrossStackCondition")
  assert.equal(error.problems[0].path, "notes/test/A/IsProd")
  assert.equal(error.problems[0].problem, "is used at Resources.Jobs.Properties.DelaySeconds[0] in another stack; conditions and mappings belong to one stack.")
})

test("Lazy values are computed at emit, after the rest of the tree was built", () => {
  const app = coreApp()
  const stack = new CoreStack(app, "Main")
  const actions: string[] = ["sqs:SendMessage"]
  new CfnResource(stack, "Out", { type: "AWS::SSM::Parameter", properties: { Type: "String", Value: Fn.lazy(() => actions.join(","), app).toString() } })
  actions.push("sqs:ReceiveMessage")
  assert.equal(emitTemplates(app).templates.Main.Resources.Out.Properties.Value, "sqs:SendMessage,sqs:ReceiveMessage")
})

test("a Lazy value may itself produce references", () => {
  const app = coreApp()
  const stack = new CoreStack(app, "Main")
  const queues: CfnResource[] = []
  new CfnResource(stack, "Policy", {
    type: "AWS::SQS::QueuePolicy",
    properties: { Queues: Fn.lazy(() => queues.map((q) => q.ref)) as unknown as string[], PolicyDocument: {} },
  })
  queues.push(new CfnResource(stack, "Jobs", { type: "AWS::SQS::Queue" }))
  assert.deepEqual(emitTemplates(app).templates.Main.Resources.Policy.Properties.Queues, [{ Ref: "Jobs" }])
})

test("plain values pass through: numbers, booleans, empty strings; undefined properties and list items are left out", () => {
  assert.deepEqual(
    resolveOne(() => ({ n: 0, t: true, f: false, e: "", list: [1, undefined, "x"], gone: undefined, nested: { deep: [""] } })),
    { n: 0, t: true, f: false, e: "", list: [1, "x"], nested: { deep: [""] } },
  )
})

test("a construct where a value goes is an UnresolvableValue naming the document path", () => {
  const app = coreApp()
  const stack = new CoreStack(app, "Main")
  const jobs = new CfnResource(stack, "Jobs", { type: "AWS::SQS::Queue" })
  new CfnResource(stack, "Out", { type: "AWS::SSM::Parameter", properties: { Value: jobs as unknown as string, Limit: Infinity } })
  const error = catchValidation(() => emitTemplates(app))
  assert.deepEqual(
    error.problems.map((p) => [p.code, p.property, p.problem]),
    [
      ["UnresolvableValue", "Resources.Out.Properties.Value", 'holds the construct "Main/Jobs" (a CfnResource), which cannot be written into a template.'],
      ["UnresolvableValue", "Resources.Out.Properties.Limit", "holds the number Infinity, which cannot be written into a template."],
    ],
  )
  assert.equal(error.problems[0].fix, "pass an attribute of the construct (for example bucket.bucketName) instead of the object itself.")
})

test("an object of a class (a Date, a Map) is refused rather than written as {}", () => {
  const error = catchValidation(() => resolveOne(() => new Map()))
  assert.equal(error.problems[0].code, "UnresolvableValue")
  assert.equal(error.problems[0].problem, "holds an object of class Map, which cannot be written into a template.")
})

test("a reference made by another App is an internal error, not a silent wrong value", () => {
  const other = coreApp()
  const foreign = new CfnResource(new CoreStack(other, "Other"), "Jobs", { type: "AWS::SQS::Queue" })
  assert.throws(() => resolveOne(() => `${foreign.ref}`), /^Error: internal: .* holds a reference made by another App/)
})

test("an unresolved intrinsic refuses JSON.stringify instead of writing {}", () => {
  assert.throws(() => JSON.stringify({ value: Fn.split(",", "a,b") }), /internal: an unresolved intrinsic reached JSON.stringify/)
})

test("references in Metadata, Outputs and parameter-free stacks resolve the same way", () => {
  const app = coreApp()
  const stack = new CoreStack(app, "Main")
  const jobs = new CfnResource(stack, "Jobs", { type: "AWS::SQS::Queue", metadata: { owner: `team-${Aws.REGION}` } })
  stack.addOutputs({ JobsUrl: jobs.ref, JobsArn: { value: jobs.getAtt("Arn"), description: "the queue" } })
  const t = emitTemplates(app).templates.Main
  assert.deepEqual(t.Resources.Jobs.Metadata, { owner: { "Fn::Join": ["", ["team-", { Ref: "AWS::Region" }]] } })
  assert.deepEqual(t.Outputs, {
    JobsUrl: { Value: { Ref: "Jobs" } },
    JobsArn: { Description: "the queue", Value: { "Fn::GetAtt": ["Jobs", "Arn"] } },
  })
})

test("a value built from a reference can be used by constructs below a plain Construct", () => {
  const app = coreApp()
  const stack = new CoreStack(app, "Main")
  const group = new Construct(stack, "Group")
  const jobs = new CfnResource(group, "Jobs", { type: "AWS::SQS::Queue" })
  new CfnResource(group, "Out", { type: "AWS::SSM::Parameter", properties: { Value: jobs.ref } })
  assert.deepEqual(emitTemplates(app).templates.Main.Resources.GroupOut.Properties.Value, { Ref: "GroupJobs" })
})
