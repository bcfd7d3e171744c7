import assert from "node:assert/strict"
import { test } from "node:test"
import { CfnCondition, CfnResource, CoreStack, Fn } from "./index.ts"
import { catchValidation, coreApp, emitTemplates } from "../test/helpers/core.ts"

function oneStack() {
  const app = coreApp()
  return { app, stack: new CoreStack(app, "Main") }
}

test("a raw resource carries every CloudFormation attribute, in CloudFormation's words", () => {
  const { app, stack } = oneStack()
  const isProd = new CfnCondition(stack, "IsProd", { expression: Fn.equals("a", "b") })
  const dlq = new CfnResource(stack, "Dlq", { type: "AWS::SQS::Queue" })
  new CfnResource(stack, "Jobs", {
    type: "AWS::SQS::Queue",
    properties: { RedrivePolicy: { deadLetterTargetArn: dlq.getAtt("Arn"), maxReceiveCount: 3 } },
    dependsOn: dlq,
    deletionPolicy: "Retain",
    updateReplacePolicy: "Delete",
    condition: isProd,
    metadata: { "cfn-lint": { config: { ignore_checks: ["W1"] } } },
  })
  assert.deepEqual(emitTemplates(app).templates.Main.Resources.Jobs, {
    Type: "AWS::SQS::Queue",
    Properties: { RedrivePolicy: { deadLetterTargetArn: { "Fn::GetAtt": ["Dlq", "Arn"] }, maxReceiveCount: 3 } },
    DependsOn: ["Dlq"],
    Condition: "IsProd",
    DeletionPolicy: "Retain",
    UpdateReplacePolicy: "Delete",
    Metadata: { "cfn-lint": { config: { ignore_checks: ["W1"] } } },
  })
})

test("addDependency and addPropertyOverride change the resource after it was made", () => {
  const { app, stack } = oneStack()
  const a = new CfnResource(stack, "A", { type: "AWS::SQS::Queue" })
  const b = new CfnResource(stack, "B", { type: "AWS::SQS::Queue", properties: { VisibilityTimeout: 30 } })
  b.addDependency(a, a)
  b.addPropertyOverride("RedrivePolicy.maxReceiveCount", 5)
  b.addPropertyOverride("VisibilityTimeout", 60)
  const t = emitTemplates(app).templates.Main
  assert.deepEqual(t.Resources.B.DependsOn, ["A"])
  assert.deepEqual(t.Resources.B.Properties, { VisibilityTimeout: 60, RedrivePolicy: { maxReceiveCount: 5 } })
})

test("a misspelt prop of a raw resource is an UnknownProp that suggests the right name", () => {
  const { stack } = oneStack()
  const error = catchValidation(
    // @ts-expect-error the type refuses it already; JavaScript callers reach the schema
    () => new CfnResource(stack, "Jobs", { type: "AWS::SQS::Queue", properites: { DelaySeconds: 1 } }),
  )
  assert.equal(error.problems.length, 1)
  assert.equal(
    error.message,
    [
      `CfnResource "notes/test/Main/Jobs": properites is not a prop of this construct.  [UnknownProp]`,
      `  Allowed: type, properties, dependsOn, deletionPolicy, updateReplacePolicy, condition, metadata, removalPolicy`,
      `  Fix: did you mean "properties"?`,
    ].join("\n"),
  )
})

test("a raw resource without a type is a MissingProp; a bad policy an InvalidPropValue listing the choices", () => {
  const { stack } = oneStack()
  // @ts-expect-error type is required
  const missing = catchValidation(() => new CfnResource(stack, "Jobs", { properties: {} }))
  assert.deepEqual([missing.problems[0].code, missing.problems[0].property, missing.problems[0].problem], ["MissingProp", "type", "is required but missing."])
  // @ts-expect-error not a policy
  const bad = catchValidation(() => new CfnResource(stack, "Other", { type: "AWS::SQS::Queue", removalPolicy: "keep" }))
  const problem = bad.problems.find((p) => p.path === "notes/test/Main/Other")
  assert.equal(problem?.code, "InvalidPropValue")
  assert.equal(problem?.allowed, 'one of "destroy", "retain", "snapshot".')
})

test("without a removal policy, resources have no DeletionPolicy: CloudFormation deletes them", () => {
  const { app, stack } = oneStack()
  new CfnResource(stack, "Jobs", { type: "AWS::SQS::Queue" })
  const jobs = emitTemplates(app).templates.Main.Resources.Jobs
  assert.equal(jobs.DeletionPolicy, undefined)
  assert.equal(jobs.UpdateReplacePolicy, undefined)
})

test('removalPolicy "retain" keeps the resource on deletion and on replacement', () => {
  const { app, stack } = oneStack()
  new CfnResource(stack, "Notes", { type: "AWS::DynamoDB::Table", removalPolicy: "retain" })
  const notes = emitTemplates(app).templates.Main.Resources.Notes
  assert.equal(notes.DeletionPolicy, "Retain")
  assert.equal(notes.UpdateReplacePolicy, "Retain")
})

test("setDefaultRemovalPolicy applies to every resource of the app, over the resources' own policy", () => {
  const { app, stack } = oneStack()
  const other = new CoreStack(app, "Other")
  new CfnResource(stack, "Notes", { type: "AWS::DynamoDB::Table", removalPolicy: "destroy" })
  new CfnResource(other, "Jobs", { type: "AWS::SQS::Queue" })
  app.setDefaultRemovalPolicy("retain")
  const { templates } = emitTemplates(app)
  assert.equal(templates.Main.Resources.Notes.DeletionPolicy, "Retain")
  assert.equal(templates.Other.Resources.Jobs.DeletionPolicy, "Retain")
})

test('setDefaultRemovalPolicy("destroy") removes the Retain a resource asked for, as SST v1 does for dev stages', () => {
  const { app, stack } = oneStack()
  new CfnResource(stack, "Notes", { type: "AWS::DynamoDB::Table", removalPolicy: "retain" })
  app.setDefaultRemovalPolicy("destroy")
  assert.equal(emitTemplates(app).templates.Main.Resources.Notes.DeletionPolicy, undefined)
})

test("an explicit deletionPolicy wins over the app's default", () => {
  const { app, stack } = oneStack()
  new CfnResource(stack, "Notes", { type: "AWS::DynamoDB::Table", deletionPolicy: "RetainExceptOnCreate" })
  app.setDefaultRemovalPolicy("destroy")
  const notes = emitTemplates(app).templates.Main.Resources.Notes
  assert.equal(notes.DeletionPolicy, "RetainExceptOnCreate")
  assert.equal(notes.UpdateReplacePolicy, undefined)
})

test('"snapshot" is Snapshot on types that support it and Retain on the others', () => {
  const { app, stack } = oneStack()
  new CfnResource(stack, "Cluster", { type: "AWS::RDS::DBCluster" })
  new CfnResource(stack, "Volume", { type: "AWS::EC2::Volume" })
  new CfnResource(stack, "Jobs", { type: "AWS::SQS::Queue" })
  app.setDefaultRemovalPolicy("snapshot")
  const resources = emitTemplates(app).templates.Main.Resources
  assert.deepEqual(
    Object.fromEntries(Object.entries(resources).map(([id, r]: [string, any]) => [id, [r.DeletionPolicy, r.UpdateReplacePolicy]])),
    { Cluster: ["Snapshot", "Snapshot"], Volume: ["Snapshot", "Snapshot"], Jobs: ["Retain", "Retain"] },
  )
})
