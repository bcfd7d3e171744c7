// Drives the CloudFormation fake with the real @aws-sdk/client-cloudformation client, so the
// wire protocol (awsQuery requests, XML answers and errors, retries on throttling) is the one
// the deployer will meet.

import assert from "node:assert/strict"
import { after, before, test } from "node:test"
import {
  CloudFormationClient,
  ContinueUpdateRollbackCommand,
  CreateChangeSetCommand,
  DeleteChangeSetCommand,
  DeleteStackCommand,
  DescribeChangeSetCommand,
  DescribeStackEventsCommand,
  DescribeStackResourcesCommand,
  DescribeStacksCommand,
  ExecuteChangeSetCommand,
  GetTemplateCommand,
  ListChangeSetsCommand,
  ListExportsCommand,
  ListImportsCommand,
  ListStacksCommand,
} from "@aws-sdk/client-cloudformation"
import type { CreateChangeSetCommandInput, DescribeChangeSetCommandOutput, Stack, StackEvent } from "@aws-sdk/client-cloudformation"
import { startCloudFormationFake } from "./cloudformation/index.ts"
import type { CloudFormationFake } from "./cloudformation/index.ts"

let fake: CloudFormationFake
let cf: CloudFormationClient

before(async () => {
  fake = await startCloudFormationFake({
    fetchTemplateUrl: async (url) => {
      if (url === "https://templates.example/queue.json") return JSON.stringify(QUEUE_ONLY)
      throw new Error(`no such object: ${url}`)
    },
  })
  cf = new CloudFormationClient({ endpoint: fake.endpoint, region: "us-east-1", credentials: { accessKeyId: "x", secretAccessKey: "y" } })
})

after(async () => {
  cf.destroy()
  await fake.close()
})

const APP = {
  Parameters: {
    Stage: { Type: "String" },
    Subnets: { Type: "CommaDelimitedList", Default: "subnet-a,subnet-b" },
  },
  Conditions: { IsProd: { "Fn::Equals": [{ Ref: "Stage" }, "prod"] } },
  Resources: {
    Table: {
      Type: "AWS::DynamoDB::Table",
      Properties: {
        TableName: { "Fn::Sub": "${AWS::StackName}-${Stage}-notes" },
        KeySchema: [{ AttributeName: "id", KeyType: "HASH" }],
        AttributeDefinitions: [{ AttributeName: "id", AttributeType: "S" }],
        BillingMode: "PAY_PER_REQUEST",
      },
    },
    Bucket: { Type: "AWS::S3::Bucket" },
    Queue: { Type: "AWS::SQS::Queue" },
    Role: {
      Type: "AWS::IAM::Role",
      Properties: { AssumeRolePolicyDocument: { Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }] } },
    },
    Handler: {
      Type: "AWS::Lambda::Function",
      DependsOn: "Queue",
      Properties: {
        Role: { "Fn::GetAtt": ["Role", "Arn"] },
        Runtime: "nodejs20.x",
        Handler: "index.handler",
        Code: { ZipFile: "exports.handler = async () => {}" },
        Environment: { Variables: { TABLE: { Ref: "Table" }, QUEUE: { Ref: "Queue" } } },
      },
    },
  },
  Outputs: {
    TableName: { Value: { Ref: "Table" } },
    TableArn: { Value: { "Fn::GetAtt": ["Table", "Arn"] } },
    BucketDomain: { Value: { "Fn::GetAtt": ["Bucket", "RegionalDomainName"] } },
    QueueUrl: { Value: { Ref: "Queue" } },
    HandlerArn: { Value: { "Fn::GetAtt": ["Handler", "Arn"] } },
    Where: { Value: { "Fn::Sub": "${AWS::Region}/${AWS::AccountId}/${AWS::Partition}" } },
    SecondSubnet: { Value: { "Fn::Select": [1, { Ref: "Subnets" }] } },
    Joined: { Value: { "Fn::Join": ["-", { "Fn::Split": [",", "x,y,z"] }] } },
    Size: { Value: { "Fn::If": ["IsProd", "big", "small"] } },
    Encoded: { Value: { "Fn::Base64": "hi" } },
    Zone: { Value: { "Fn::Select": [0, { "Fn::GetAZs": "" }] } },
  },
}

const QUEUE_ONLY = { Resources: { Queue: { Type: "AWS::SQS::Queue" } } }

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

async function waitForChangeSet(stackName: string, changeSetName: string, client = cf): Promise<DescribeChangeSetCommandOutput> {
  for (;;) {
    const changeSet = await client.send(new DescribeChangeSetCommand({ StackName: stackName, ChangeSetName: changeSetName }))
    if (changeSet.Status !== "CREATE_PENDING" && changeSet.Status !== "CREATE_IN_PROGRESS") return changeSet
    await sleep(5)
  }
}

async function waitForStack(stackName: string, client = cf): Promise<Stack> {
  for (;;) {
    const { Stacks } = await client.send(new DescribeStacksCommand({ StackName: stackName }))
    const stack = Stacks![0]!
    if (!stack.StackStatus!.endsWith("_IN_PROGRESS") || stack.StackStatus === "REVIEW_IN_PROGRESS") return stack
    await sleep(5)
  }
}

let changeSetCount = 0

/** Creates a change set and waits until it is ready (or failed). */
async function changeSet(stackName: string, template: unknown, input: Partial<CreateChangeSetCommandInput> = {}, client = cf) {
  const changeSetName = `cs-${++changeSetCount}`
  const created = await client.send(
    new CreateChangeSetCommand({ StackName: stackName, ChangeSetName: changeSetName, TemplateBody: JSON.stringify(template), ChangeSetType: "UPDATE", ...input }),
  )
  return { created, changeSetName, described: await waitForChangeSet(stackName, changeSetName, client) }
}

/** Creates a change set, executes it and waits for the stack to settle. */
async function deploy(stackName: string, template: unknown, input: Partial<CreateChangeSetCommandInput> = {}, client = cf): Promise<Stack> {
  const { changeSetName, described } = await changeSet(stackName, template, input, client)
  assert.equal(described.Status, "CREATE_COMPLETE", `${stackName}: ${described.StatusReason}`)
  await client.send(new ExecuteChangeSetCommand({ StackName: stackName, ChangeSetName: changeSetName }))
  return waitForStack(stackName, client)
}

async function eventsOf(stackName: string, client = cf): Promise<StackEvent[]> {
  const events: StackEvent[] = []
  let NextToken: string | undefined
  do {
    const page = await client.send(new DescribeStackEventsCommand({ StackName: stackName, NextToken }))
    events.push(...page.StackEvents!)
    NextToken = page.NextToken
  } while (NextToken)
  return events
}

function stackStatuses(events: StackEvent[]): string[] {
  return events.filter((e) => e.ResourceType === "AWS::CloudFormation::Stack").map((e) => e.ResourceStatus!).reverse()
}

function outputsOf(stack: Stack): Record<string, string> {
  return Object.fromEntries((stack.Outputs ?? []).map((o) => [o.OutputKey!, o.OutputValue!]))
}

async function rejection(promise: Promise<unknown>): Promise<Error & { name: string; $metadata?: { httpStatusCode?: number } }> {
  try {
    await promise
  } catch (error) {
    return error as Error & { name: string }
  }
  assert.fail("expected the call to fail")
}

const IAM = { Capabilities: ["CAPABILITY_IAM" as const] }

test("a CREATE change set makes a REVIEW_IN_PROGRESS stack, becomes AVAILABLE, and executing it creates every resource with evaluated outputs", async () => {
  const { created, described } = await changeSet("app", APP, { ChangeSetType: "CREATE", Parameters: [{ ParameterKey: "Stage", ParameterValue: "dev" }], ...IAM })
  assert.match(created.Id!, /^arn:aws:cloudformation:us-east-1:123456789012:changeSet\/cs-\d+\/[0-9a-f-]{36}$/)
  assert.match(created.StackId!, /^arn:aws:cloudformation:us-east-1:123456789012:stack\/app\/[0-9a-f-]{36}$/)
  assert.equal(described.Status, "CREATE_COMPLETE")
  assert.equal(described.ExecutionStatus, "AVAILABLE")
  assert.deepEqual(described.Changes!.map((c) => [c.ResourceChange!.Action, c.ResourceChange!.LogicalResourceId]), [
    ["Add", "Table"],
    ["Add", "Bucket"],
    ["Add", "Queue"],
    ["Add", "Role"],
    ["Add", "Handler"],
  ])
  const review = await cf.send(new DescribeStacksCommand({ StackName: "app" }))
  assert.equal(review.Stacks![0]!.StackStatus, "REVIEW_IN_PROGRESS")

  await cf.send(new ExecuteChangeSetCommand({ ChangeSetName: described.ChangeSetId! }))
  const inProgress = await cf.send(new DescribeStacksCommand({ StackName: "app" }))
  assert.equal(inProgress.Stacks![0]!.StackStatus, "CREATE_IN_PROGRESS", "the status changes before ExecuteChangeSet answers")
  const stack = await waitForStack("app")
  assert.equal(stack.StackStatus, "CREATE_COMPLETE")
  assert.deepEqual(outputsOf(stack), {
    TableName: "app-dev-notes",
    TableArn: "arn:aws:dynamodb:us-east-1:123456789012:table/app-dev-notes",
    BucketDomain: `${(await physicalId("app", "Bucket"))}.s3.us-east-1.amazonaws.com`,
    QueueUrl: `https://sqs.us-east-1.amazonaws.com/123456789012/${fake.stacks()[0]!.resources.find((r) => r.logicalId === "Queue")!.physicalId!.split("/").at(-1)}`,
    HandlerArn: `arn:aws:lambda:us-east-1:123456789012:function:${await physicalId("app", "Handler")}`,
    Where: "us-east-1/123456789012/aws",
    SecondSubnet: "subnet-b",
    Joined: "x-y-z",
    Size: "small",
    Encoded: "aGk=",
    Zone: "us-east-1a",
  })
  assert.match(await physicalId("app", "Bucket"), /^app-bucket-[a-z0-9]{12}$/)
  assert.match(await physicalId("app", "Handler"), /^app-Handler-[A-Z0-9]{12}$/)

  const events = await eventsOf("app")
  assert.deepEqual(stackStatuses(events), ["REVIEW_IN_PROGRESS", "CREATE_IN_PROGRESS", "CREATE_COMPLETE"])
  const oldestFirst = [...events].reverse()
  const at = (logicalId: string, status: string) => oldestFirst.findIndex((e) => e.LogicalResourceId === logicalId && e.ResourceStatus === status)
  for (const dependency of ["Role", "Queue", "Table"]) {
    assert.ok(at(dependency, "CREATE_COMPLETE") < at("Handler", "CREATE_IN_PROGRESS"), `${dependency} before Handler`)
  }
  const handlerEvents = oldestFirst.filter((e) => e.LogicalResourceId === "Handler").map((e) => [e.ResourceStatus, e.ResourceStatusReason])
  assert.deepEqual(handlerEvents, [
    ["CREATE_IN_PROGRESS", undefined],
    ["CREATE_IN_PROGRESS", "Resource creation Initiated"],
    ["CREATE_COMPLETE", undefined],
  ])
  const stackEvent = events.find((e) => e.ResourceType === "AWS::CloudFormation::Stack")!
  assert.equal(stackEvent.LogicalResourceId, "app")
  assert.equal(stackEvent.PhysicalResourceId, stack.StackId)

  const { StackResources } = await cf.send(new DescribeStackResourcesCommand({ StackName: "app" }))
  assert.equal(StackResources!.length, 5)
  assert.ok(StackResources!.every((r) => r.ResourceStatus === "CREATE_COMPLETE"))
  const template = await cf.send(new GetTemplateCommand({ StackName: "app" }))
  assert.equal(template.TemplateBody, JSON.stringify(APP))
})

async function physicalId(stackName: string, logicalId: string): Promise<string> {
  const { StackResources } = await cf.send(new DescribeStackResourcesCommand({ StackName: stackName, LogicalResourceId: logicalId }))
  return StackResources![0]!.PhysicalResourceId!
}

test("a change set that changes nothing fails with CloudFormation's exact reason and cannot be executed", async () => {
  const { changeSetName, described } = await changeSet("app", APP, { Parameters: [{ ParameterKey: "Stage", UsePreviousValue: true }], ...IAM })
  assert.equal(described.Status, "FAILED")
  assert.equal(described.ExecutionStatus, "UNAVAILABLE")
  assert.equal(described.StatusReason, "The submitted information didn't contain changes. Submit different information to create a change set.")
  const error = await rejection(cf.send(new ExecuteChangeSetCommand({ StackName: "app", ChangeSetName: changeSetName })))
  assert.equal(error.name, "InvalidChangeSetStatusException")
  assert.match(error.message, /^ChangeSet \[arn:aws:cloudformation:.*\] cannot be executed in its current status of \[FAILED\]$/)
  await cf.send(new DeleteChangeSetCommand({ StackName: "app", ChangeSetName: changeSetName }))
  const gone = await rejection(cf.send(new DescribeChangeSetCommand({ StackName: "app", ChangeSetName: changeSetName })))
  assert.equal(gone.name, "ChangeSetNotFoundException")
  assert.equal(gone.message, `ChangeSet [${changeSetName}] does not exist`)
  assert.equal(gone.$metadata?.httpStatusCode, 404)
})

test("CreateChangeSet refuses what CloudFormation refuses at once, with its messages", async () => {
  const refused = async (input: Partial<CreateChangeSetCommandInput>, template: unknown = APP) =>
    rejection(cf.send(new CreateChangeSetCommand({ StackName: "app", ChangeSetName: "bad", TemplateBody: JSON.stringify(template), ...input })))
  const noCapability = await refused({ Parameters: [{ ParameterKey: "Stage", ParameterValue: "x" }] })
  assert.equal(noCapability.name, "InsufficientCapabilitiesException")
  assert.equal(noCapability.message, "Requires capabilities : [CAPABILITY_IAM]")
  const named = structuredClone(APP)
  Object.assign(named.Resources.Role.Properties, { RoleName: "app-role" })
  const namedError = await refused({ Parameters: [{ ParameterKey: "Stage", ParameterValue: "x" }], ...IAM }, named)
  assert.equal(namedError.message, "Requires capabilities : [CAPABILITY_NAMED_IAM]")
  const missing = await refused({ ...IAM }, { ...APP, Parameters: { ...APP.Parameters, Other: { Type: "String" } } })
  assert.equal(missing.name, "ValidationError")
  assert.equal(missing.message, "Parameters: [Stage, Other] must have values")
  const unresolved = await refused({}, { Resources: { Queue: { Type: "AWS::SQS::Queue", Properties: { QueueName: { Ref: "Nope" } } } } })
  assert.equal(unresolved.message, "Template format error: Unresolved resource dependencies [Nope] in the Resources block of the template")
  const badAttribute = await refused({}, { Resources: { Queue: { Type: "AWS::SQS::Queue" } }, Outputs: { X: { Value: { "Fn::GetAtt": ["Queue", "Nope"] } } } })
  assert.equal(badAttribute.message, "Template error: resource Queue does not support attribute type Nope in Fn::GetAtt")
  const cycle = await refused({}, { Resources: { A: { Type: "AWS::SNS::Topic", DependsOn: "B" }, B: { Type: "AWS::SNS::Topic", DependsOn: "A" } } })
  assert.equal(cycle.message, "Circular dependency between resources: [A, B]")
  const unknownType = await refused({}, { Resources: { Thing: { Type: "AWS::Nope::Thing" } } })
  assert.equal(unknownType.message, "Template format error: Unrecognized resource types: [AWS::Nope::Thing]")
  const again = await refused({ ChangeSetType: "CREATE", ...IAM, Parameters: [{ ParameterKey: "Stage", ParameterValue: "x" }] })
  assert.equal(again.message, "Stack [app] already exists and cannot be created again with the changeSet [bad].")
  const noStack = await rejection(cf.send(new CreateChangeSetCommand({ StackName: "nope", ChangeSetName: "bad", TemplateBody: JSON.stringify(QUEUE_ONLY) })))
  assert.equal(noStack.message, "Stack [nope] does not exist")
  const describeMissing = await rejection(cf.send(new DescribeStacksCommand({ StackName: "nope" })))
  assert.equal(describeMissing.name, "ValidationError")
  assert.equal(describeMissing.message, "Stack with id nope does not exist")
  const eventsMissing = await rejection(cf.send(new DescribeStackEventsCommand({ StackName: "nope" })))
  assert.equal(eventsMissing.message, "Stack [nope] does not exist")
})

test("an update replaces what a name change replaces, adds and removes resources, and goes through cleanup", async () => {
  const next = structuredClone(APP) as typeof APP & { Resources: Record<string, unknown> }
  delete (next.Resources as Record<string, unknown>)["Bucket"]
  delete (next.Outputs as Record<string, unknown>)["BucketDomain"]
  next.Resources["Topic"] = { Type: "AWS::SNS::Topic" }
  const { changeSetName, described } = await changeSet("app", next, { Parameters: [{ ParameterKey: "Stage", ParameterValue: "prod" }], ...IAM })
  const changes = Object.fromEntries(described.Changes!.map((c) => [c.ResourceChange!.LogicalResourceId, c.ResourceChange!]))
  assert.equal(changes["Table"]!.Action, "Modify")
  assert.equal(changes["Table"]!.Replacement, "True")
  assert.deepEqual(changes["Table"]!.Details![0]!.Target, { Attribute: "Properties", Name: "TableName", RequiresRecreation: "Always" })
  assert.equal(changes["Handler"]!.Action, "Modify", "it refers to the replaced table")
  assert.equal(changes["Topic"]!.Action, "Add")
  assert.equal(changes["Bucket"]!.Action, "Remove")
  assert.equal(changes["Queue"], undefined)
  const { ChangeSetId } = described
  const summaries = await cf.send(new ListChangeSetsCommand({ StackName: "app" }))
  assert.ok(summaries.Summaries!.some((s) => s.ChangeSetId === ChangeSetId && s.ExecutionStatus === "AVAILABLE"))

  const oldTable = await physicalId("app", "Table")
  await cf.send(new ExecuteChangeSetCommand({ StackName: "app", ChangeSetName: changeSetName }))
  const stack = await waitForStack("app")
  assert.equal(stack.StackStatus, "UPDATE_COMPLETE")
  assert.equal(outputsOf(stack)["TableName"], "app-prod-notes")
  assert.equal(outputsOf(stack)["Size"], "big")
  const events = await eventsOf("app")
  assert.deepEqual(stackStatuses(events).slice(-3), ["UPDATE_IN_PROGRESS", "UPDATE_COMPLETE_CLEANUP_IN_PROGRESS", "UPDATE_COMPLETE"])
  const cleanup = events.findIndex((e) => (e.ResourceStatus as string) === "UPDATE_COMPLETE_CLEANUP_IN_PROGRESS")
  const deletedOld = events.findIndex((e) => e.LogicalResourceId === "Table" && e.ResourceStatus === "DELETE_COMPLETE" && e.PhysicalResourceId === oldTable)
  assert.ok(deletedOld !== -1 && deletedOld < cleanup, "the old table is deleted in the cleanup")
  const executed = await cf.send(new DescribeChangeSetCommand({ ChangeSetName: ChangeSetId! }))
  assert.equal(executed.ExecutionStatus, "EXECUTE_COMPLETE")
  assert.deepEqual(fake.stacks().find((s) => s.stackName === "app")!.resources.map((r) => r.logicalId).sort(), ["Handler", "Queue", "Role", "Table", "Topic"])
})

test("a failed create rolls back to ROLLBACK_COMPLETE, the root cause is the oldest failure, and the stack can then only be deleted", async () => {
  fake.failResource("broken", "Queue", "Resource handler returned message: \"Access denied\"")
  const template = { Resources: { Queue: { Type: "AWS::SQS::Queue" }, Topic: { Type: "AWS::SNS::Topic" }, Later: { Type: "AWS::SNS::Topic", DependsOn: "Queue" } } }
  const stack = await deploy("broken", template, { ChangeSetType: "CREATE" })
  assert.equal(stack.StackStatus, "ROLLBACK_COMPLETE")
  const events = await eventsOf("broken")
  assert.deepEqual(stackStatuses(events), ["REVIEW_IN_PROGRESS", "CREATE_IN_PROGRESS", "ROLLBACK_IN_PROGRESS", "ROLLBACK_COMPLETE"])
  const rollback = events.find((e) => e.ResourceStatus === "ROLLBACK_IN_PROGRESS")!
  assert.equal(rollback.ResourceStatusReason, "The following resource(s) failed to create: [Queue, Topic]. Rollback requested by user.")
  const failures = events.filter((e) => e.ResourceStatus?.endsWith("_FAILED"))
  assert.deepEqual(failures.map((e) => [e.LogicalResourceId, e.ResourceStatusReason]), [
    ["Topic", "Resource creation cancelled"],
    ["Queue", "Resource handler returned message: \"Access denied\""],
  ])
  const rootCause = failures.filter((e) => e.ResourceStatusReason !== "Resource creation cancelled").at(-1)!
  assert.equal(rootCause.LogicalResourceId, "Queue")
  assert.equal(events.filter((e) => e.LogicalResourceId === "Later").length, 0, "a resource after the failure never starts")

  const refused = await rejection(cf.send(new CreateChangeSetCommand({ StackName: "broken", ChangeSetName: "again", TemplateBody: JSON.stringify(template) })))
  assert.equal(refused.message, `Stack:${stack.StackId} is in ROLLBACK_COMPLETE state and can not be updated.`)
  await cf.send(new DeleteStackCommand({ StackName: "broken" }))
  await waitForStackGone("broken")
  const byId = await cf.send(new DescribeStacksCommand({ StackName: stack.StackId }))
  assert.equal(byId.Stacks![0]!.StackStatus, "DELETE_COMPLETE")
})

async function waitForStackGone(stackName: string): Promise<void> {
  for (;;) {
    const { Stacks } = await cf.send(new DescribeStacksCommand({})).catch(() => ({ Stacks: [] as Stack[] }))
    const stack = Stacks!.find((s) => s.StackName === stackName)
    if (!stack) return
    if (!stack.StackStatus!.endsWith("_IN_PROGRESS")) assert.fail(`${stackName} stopped in ${stack.StackStatus}: ${stack.StackStatusReason}`)
    await sleep(5)
  }
}

test("an update whose rollback fails stops in UPDATE_ROLLBACK_FAILED; ContinueUpdateRollback skipping the resource restores the previous template", async () => {
  const v1 = { Resources: { Queue: { Type: "AWS::SQS::Queue", Properties: { DelaySeconds: 1 } }, Topic: { Type: "AWS::SNS::Topic", Properties: { DisplayName: "one" } } } }
  const v2 = { Resources: { Queue: { Type: "AWS::SQS::Queue", Properties: { DelaySeconds: 2 } }, Topic: { Type: "AWS::SNS::Topic", Properties: { DisplayName: "two" } } } }
  await deploy("stuck", v1, { ChangeSetType: "CREATE" })
  fake.failResource("stuck", "Queue", "Queue update failed", { on: "update" })
  fake.failRollback("stuck", "Topic", "Topic was changed outside CloudFormation")

  const { changeSetName } = await changeSet("stuck", v2)
  await cf.send(new ExecuteChangeSetCommand({ StackName: "stuck", ChangeSetName: changeSetName }))
  const busy = await rejection(cf.send(new CreateChangeSetCommand({ StackName: "stuck", ChangeSetName: "meanwhile", TemplateBody: JSON.stringify(v2) })))
  assert.match(busy.message, /^Stack:arn:aws:cloudformation:us-east-1:123456789012:stack\/stuck\/[0-9a-f-]+ is in UPDATE_IN_PROGRESS state and can not be updated\.$/)
  const deleteBusy = await rejection(cf.send(new DeleteStackCommand({ StackName: "stuck" })))
  assert.equal(deleteBusy.message, "Stack [stuck] cannot be deleted while in status UPDATE_IN_PROGRESS")

  let stack = await waitForStack("stuck")
  assert.equal(stack.StackStatus, "UPDATE_ROLLBACK_FAILED")
  assert.equal(stack.StackStatusReason, "The following resource(s) failed to update: [Topic].")
  const events = await eventsOf("stuck")
  assert.deepEqual(stackStatuses(events).slice(-3), ["UPDATE_IN_PROGRESS", "UPDATE_ROLLBACK_IN_PROGRESS", "UPDATE_ROLLBACK_FAILED"])
  assert.equal(events.find((e) => e.ResourceStatus === "UPDATE_ROLLBACK_IN_PROGRESS")!.ResourceStatusReason, "The following resource(s) failed to update: [Queue, Topic].")

  await cf.send(new ContinueUpdateRollbackCommand({ StackName: "stuck" }))
  stack = await waitForStack("stuck")
  assert.equal(stack.StackStatus, "UPDATE_ROLLBACK_FAILED", "the cause is still there")

  await cf.send(new ContinueUpdateRollbackCommand({ StackName: "stuck", ResourcesToSkip: ["Topic"] }))
  stack = await waitForStack("stuck")
  assert.equal(stack.StackStatus, "UPDATE_ROLLBACK_COMPLETE")
  assert.deepEqual(stackStatuses(await eventsOf("stuck")).slice(-2), ["UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS", "UPDATE_ROLLBACK_COMPLETE"])
  const template = await cf.send(new GetTemplateCommand({ StackName: "stuck" }))
  assert.equal(template.TemplateBody, JSON.stringify(v1))
})

test("deleting skips Retain resources, fails on a bucket that will not delete, then succeeds when it is retained", async () => {
  const template = {
    Resources: {
      Bucket: { Type: "AWS::S3::Bucket" },
      Logs: { Type: "AWS::Logs::LogGroup", DeletionPolicy: "Retain" },
      Reader: { Type: "AWS::SNS::Topic", Properties: { DisplayName: { Ref: "Bucket" } } },
    },
  }
  await deploy("files", template, { ChangeSetType: "CREATE" })
  fake.failResource("files", "Bucket", "The bucket you tried to delete is not empty", { on: "delete" })
  await cf.send(new DeleteStackCommand({ StackName: "files" }))
  const stack = await waitForStack("files")
  assert.equal(stack.StackStatus, "DELETE_FAILED")
  assert.equal(stack.StackStatusReason, "The following resource(s) failed to delete: [Bucket].")
  const events = await eventsOf("files")
  const oldestFirst = [...events].reverse()
  const deleted = oldestFirst.filter((e) => e.ResourceStatus?.startsWith("DELETE_") && e.ResourceType !== "AWS::CloudFormation::Stack")
  assert.deepEqual(deleted.map((e) => [e.LogicalResourceId, e.ResourceStatus]), [
    ["Reader", "DELETE_IN_PROGRESS"],
    ["Reader", "DELETE_COMPLETE"],
    ["Bucket", "DELETE_IN_PROGRESS"],
    ["Logs", "DELETE_SKIPPED"],
    ["Bucket", "DELETE_FAILED"],
  ])

  await cf.send(new DeleteStackCommand({ StackName: "files", RetainResources: ["Bucket"] }))
  await waitForStackGone("files")
  const listed = await cf.send(new ListStacksCommand({ StackStatusFilter: ["DELETE_COMPLETE"] }))
  assert.ok(listed.StackSummaries!.some((s) => s.StackName === "files"))
  await cf.send(new DeleteStackCommand({ StackName: "never-existed" }))
})

test("provision hooks make a template's buckets exist: a hook's error fails the create or the delete with its message", async () => {
  // An in-memory S3: bucket name → keys, and what the hooks were asked to do.
  const buckets = new Map<string, string[]>()
  const asked: string[] = []
  const local = await startCloudFormationFake({
    delayMs: 1,
    provision: {
      "AWS::S3::Bucket": {
        create: (name) => {
          asked.push(`create ${name}`)
          if (name === "taken-bucket") throw new Error("taken-bucket already exists")
          buckets.set(name, [])
        },
        delete: (name) => {
          asked.push(`delete ${name}`)
          if (buckets.get(name)?.length) throw new Error("The bucket you tried to delete is not empty")
          buckets.delete(name)
        },
      },
    },
  })
  const client = new CloudFormationClient({ endpoint: local.endpoint, region: "us-east-1", credentials: { accessKeyId: "x", secretAccessKey: "y" } })
  try {
    const template = { Resources: { Site: { Type: "AWS::S3::Bucket" }, Uploads: { Type: "AWS::S3::Bucket", Properties: { BucketName: "uploads-bucket" } }, Topic: { Type: "AWS::SNS::Topic" } } }
    assert.equal((await deploy("hooked", template, { ChangeSetType: "CREATE" }, client)).StackStatus, "CREATE_COMPLETE")
    const site = local.stacks()[0]!.resources.find((r) => r.logicalId === "Site")!.physicalId!
    assert.deepEqual([...buckets.keys()].sort(), [site, "uploads-bucket"].sort(), "Ref of a bucket (its name) is what the hook gets; other types have no hook")

    buckets.get("uploads-bucket")!.push("a.txt")
    await client.send(new DeleteStackCommand({ StackName: "hooked" }))
    const failed = await waitForStack("hooked", client)
    assert.deepEqual([failed.StackStatus, failed.StackStatusReason], ["DELETE_FAILED", "The following resource(s) failed to delete: [Uploads]."])
    const failure = (await eventsOf("hooked", client)).find((e) => e.ResourceStatus === "DELETE_FAILED" && e.LogicalResourceId === "Uploads")
    assert.equal(failure?.ResourceStatusReason, "The bucket you tried to delete is not empty")
    assert.deepEqual([...buckets.keys()], ["uploads-bucket"])

    buckets.set("uploads-bucket", [])
    await client.send(new DeleteStackCommand({ StackName: "hooked" }))
    for (;;) {
      const { Stacks } = await client.send(new DescribeStacksCommand({})).catch(() => ({ Stacks: [] as Stack[] }))
      if (!Stacks!.some((s) => s.StackName === "hooked")) break
      await sleep(5)
    }
    assert.equal(buckets.size, 0)

    asked.length = 0
    const taken = { Resources: { Site: { Type: "AWS::S3::Bucket" }, Taken: { Type: "AWS::S3::Bucket", Properties: { BucketName: "taken-bucket" } } } }
    const rolledBack = await deploy("taken", taken, { ChangeSetType: "CREATE" }, client)
    assert.equal(rolledBack.StackStatus, "ROLLBACK_COMPLETE")
    const cause = (await eventsOf("taken", client)).find((e) => e.ResourceStatus === "CREATE_FAILED" && e.LogicalResourceId === "Taken")
    assert.equal(cause?.ResourceStatusReason, "taken-bucket already exists")
    const takenSite = local.stacks().find((s) => s.stackName === "taken")!
    assert.deepEqual(takenSite.resources, [], "the rollback deleted both")
    assert.equal(buckets.size, 0, "the bucket that was made is deleted again")
    assert.deepEqual(asked.filter((a) => a.startsWith("delete")).length, 2, "delete runs for the failed one too, which must count as deleted")
  } finally {
    client.destroy()
    await local.close()
  }
})

test("provision hooks are checked: a misspelt hook or a key that is not a resource type is refused", async () => {
  await assert.rejects(startCloudFormationFake({ provision: { "AWS::S3::Bucket": { craete: () => {} } as never } }), {
    name: "TypeError",
    message: 'Invalid hook in provision["AWS::S3::Bucket"]: "craete" (allowed: create, delete)',
  })
  await assert.rejects(startCloudFormationFake({ provision: { Bucket: {} } }), {
    name: "TypeError",
    message: '"provision" keys are resource types such as "AWS::S3::Bucket", got "Bucket"',
  })
})

test("throttled requests answer Throttling 'Rate exceeded' and the SDK retries until it gets through", async () => {
  const before = fake.calls.length
  fake.throttle(2)
  const { Stacks } = await cf.send(new DescribeStacksCommand({}))
  assert.ok(Stacks!.some((s) => s.StackName === "app"))
  assert.deepEqual(fake.calls.slice(before).map((c) => c.action), ["DescribeStacks", "DescribeStacks", "DescribeStacks"])

  fake.throttle(1)
  const noRetry = new CloudFormationClient({ endpoint: fake.endpoint, region: "us-east-1", credentials: { accessKeyId: "x", secretAccessKey: "y" }, maxAttempts: 1 })
  const error = await rejection(noRetry.send(new DescribeStacksCommand({})))
  noRetry.destroy()
  assert.equal(error.name, "Throttling")
  assert.equal(error.message, "Rate exceeded")
  assert.equal(error.$metadata?.httpStatusCode, 400)
})

test("an export another stack imports cannot change, and its stack cannot be deleted; a missing import fails the create", async () => {
  const producer = (value: string) => ({
    Resources: { Topic: { Type: "AWS::SNS::Topic", Properties: { DisplayName: value } } },
    Outputs: { Shared: { Value: value, Export: { Name: { "Fn::Sub": "${AWS::StackName}-shared" } } } },
  })
  const consumer = { Resources: { Queue: { Type: "AWS::SQS::Queue", Properties: { QueueName: { "Fn::ImportValue": "producer-shared" } } } } }
  await deploy("producer", producer("one"), { ChangeSetType: "CREATE" })
  const consumed = await deploy("consumer", consumer, { ChangeSetType: "CREATE" })
  assert.equal(consumed.StackStatus, "CREATE_COMPLETE")
  assert.equal(await physicalId("consumer", "Queue"), "https://sqs.us-east-1.amazonaws.com/123456789012/one")
  const { Exports } = await cf.send(new ListExportsCommand({}))
  assert.deepEqual(Exports!.filter((e) => e.Name === "producer-shared").map((e) => e.Value), ["one"])
  const { Imports } = await cf.send(new ListImportsCommand({ ExportName: "producer-shared" }))
  assert.deepEqual(Imports, ["consumer"])

  const updated = await deploy("producer", producer("two"))
  assert.equal(updated.StackStatus, "UPDATE_ROLLBACK_COMPLETE")
  const reason = (await eventsOf("producer")).find((e) => e.ResourceStatus === "UPDATE_ROLLBACK_IN_PROGRESS")!.ResourceStatusReason
  assert.equal(reason, "Export producer-shared cannot be updated as it is in use by consumer")
  assert.equal(outputsOf(updated)["Shared"], "one")

  await cf.send(new DeleteStackCommand({ StackName: "producer" }))
  const deleted = await waitForStack("producer")
  assert.equal(deleted.StackStatus, "DELETE_FAILED")
  assert.equal(deleted.StackStatusReason, "Export producer-shared cannot be deleted as it is in use by consumer")

  const orphan = await deploy("orphan", { Resources: { Queue: { Type: "AWS::SQS::Queue", Properties: { QueueName: { "Fn::ImportValue": "nope" } } } } }, { ChangeSetType: "CREATE" })
  assert.equal(orphan.StackStatus, "ROLLBACK_COMPLETE")
  assert.equal(orphan.StackStatusReason, undefined)
  const rollback = (await eventsOf("orphan")).find((e) => e.ResourceStatus === "ROLLBACK_IN_PROGRESS")!
  assert.equal(rollback.ResourceStatusReason, "No export named nope found. Rollback requested by user.")
})

test("stack events come newest first in pages joined by NextToken", async () => {
  const Resources = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`Topic${i}`, { Type: "AWS::SNS::Topic" }]))
  await deploy("many", { Resources }, { ChangeSetType: "CREATE" })
  const first = await cf.send(new DescribeStackEventsCommand({ StackName: "many" }))
  assert.equal(first.StackEvents!.length, 100)
  assert.ok(first.NextToken)
  const all = await eventsOf("many")
  assert.equal(all.length, 1 + 1 + 40 * 3 + 1)
  assert.equal(new Set(all.map((e) => e.EventId)).size, all.length)
  const times = all.map((e) => e.Timestamp!.getTime())
  assert.deepEqual(times, [...times].sort((a, b) => b - a))
  assert.equal(all[0]!.ResourceStatus, "CREATE_COMPLETE")
  assert.equal(all.at(-1)!.ResourceStatus, "REVIEW_IN_PROGRESS")
})

test("TemplateURL is fetched, and EXPRESS mode with rollback disabled leaves a failed create in CREATE_FAILED", async () => {
  fake.failResource("quick", "Queue", "Queue limit reached", { once: true })
  const { changeSetName, described } = await changeSet("quick", undefined, {
    ChangeSetType: "CREATE",
    TemplateBody: undefined,
    TemplateURL: "https://templates.example/queue.json",
    DeploymentConfig: { Mode: "EXPRESS", DisableRollback: true },
  })
  assert.deepEqual(described.DeploymentConfig, { Mode: "EXPRESS", DisableRollback: true })
  await cf.send(new ExecuteChangeSetCommand({ StackName: "quick", ChangeSetName: changeSetName }))
  const stack = await waitForStack("quick")
  assert.equal(stack.StackStatus, "CREATE_FAILED")
  assert.equal(stack.StackStatusReason, "The following resource(s) failed to create: [Queue].")
  assert.equal(fake.stacks().find((s) => s.stackName === "quick")!.resources[0]!.status, "CREATE_FAILED")

  const missing = await rejection(cf.send(new CreateChangeSetCommand({ StackName: "quick", ChangeSetName: "again", TemplateURL: "https://templates.example/none.json" })))
  assert.equal(missing.name, "ValidationError")
})
