import assert from "node:assert/strict"
import { test } from "node:test"
import { catchValidation, synth, statementsOf } from "../test/helpers/synth.ts"
import { validateTemplate } from "../test/helpers/validate-template.ts"
import { Function } from "./Function.ts"
import { KinesisStream } from "./KinesisStream.ts"
import { Table } from "./Table.ts"

test("KinesisStream is a provisioned one-shard stream named <stage>-<app>-<id>, encrypted with the AWS managed key", () => {
  const { template } = synth((stack) => new KinesisStream(stack, "Stream"))
  assert.deepEqual(template.Resources.Stream, {
    Type: "AWS::Kinesis::Stream",
    Properties: { Name: "test-notes-Stream", ShardCount: 1, StreamModeDetails: { StreamMode: "PROVISIONED" }, StreamEncryption: { EncryptionType: "KMS", KeyId: "alias/aws/kinesis" } },
  })
  assert.deepEqual(validateTemplate(template), [])
})

test("KinesisStream can be on demand, keep records longer, or be unencrypted", () => {
  const { template } = synth((stack) => {
    new KinesisStream(stack, "Events", { streamMode: "on_demand", retentionPeriod: "7 days" })
    new KinesisStream(stack, "Logs", { shardCount: 4, encryption: "unencrypted" })
  })
  assert.deepEqual(template.Resources.Events.Properties, { Name: "test-notes-Events", StreamModeDetails: { StreamMode: "ON_DEMAND" }, RetentionPeriodHours: 168, StreamEncryption: { EncryptionType: "KMS", KeyId: "alias/aws/kinesis" } })
  assert.deepEqual(template.Resources.Logs.Properties, { Name: "test-notes-Logs", ShardCount: 4, StreamModeDetails: { StreamMode: "PROVISIONED" } })
  assert.deepEqual(validateTemplate(template), [])
})

test("KinesisStream consumers read through event source mappings (LATEST) with read rights on the stream only", () => {
  const { template } = synth((stack) => {
    const stream = new KinesisStream(stack, "Stream", {
      defaults: { function: { timeout: 30 } },
      consumers: { consumer1: "functions/consumer1.main", consumer2: { function: "functions/consumer2.main", startingPosition: "TRIM_HORIZON", parallelizationFactor: 2, filters: [{ data: { kind: ["a"] } }] } },
    })
    assert.ok(stream.getFunction("consumer1") instanceof Function)
    stream.attachPermissionsToConsumer("consumer2", ["s3"])
  })
  const r = template.Resources
  assert.deepEqual(r.StreamConsumerconsumer1EventSource.Properties, { FunctionName: { "Fn::GetAtt": ["StreamConsumerconsumer1", "Arn"] }, EventSourceArn: { "Fn::GetAtt": ["Stream", "Arn"] }, StartingPosition: "LATEST" })
  assert.deepEqual(r.StreamConsumerconsumer2EventSource.Properties, {
    FunctionName: { "Fn::GetAtt": ["StreamConsumerconsumer2", "Arn"] },
    EventSourceArn: { "Fn::GetAtt": ["Stream", "Arn"] },
    StartingPosition: "TRIM_HORIZON",
    ParallelizationFactor: 2,
    FilterCriteria: { Filters: [{ Pattern: '{"data":{"kind":["a"]}}' }] },
  })
  const [read, s3] = statementsOf(r, "StreamConsumerconsumer2")
  assert.deepEqual(read.Resource, { "Fn::GetAtt": ["Stream", "Arn"] })
  assert.ok(read.Action.includes("kinesis:GetRecords"))
  assert.equal(s3.Action, "s3:*")
  assert.equal(r.StreamConsumerconsumer1.Properties.Timeout, 30)
  assert.deepEqual(validateTemplate(template), [])
})

test("KinesisStream binds as SST_KinesisStream_streamName_<id> with kinesis:* on its ARN; a Table can stream into it", () => {
  const { template } = synth((stack) => {
    const stream = new KinesisStream(stack, "Stream")
    new Table(stack, "Notes", { fields: { id: "string" }, primaryIndex: { partitionKey: "id" }, kinesisStream: stream })
    new Function(stack, "Put", { handler: "functions/put.main", bind: [stream] })
  })
  assert.deepEqual(template.Resources.Put.Properties.Environment.Variables.SST_KinesisStream_streamName_Stream, { Ref: "Stream" })
  assert.deepEqual(statementsOf(template.Resources, "Put"), [{ Effect: "Allow", Action: "kinesis:*", Resource: { "Fn::GetAtt": ["Stream", "Arn"] } }])
  assert.deepEqual(template.Resources.Notes.Properties.KinesisStreamSpecification, { StreamArn: { "Fn::GetAtt": ["Stream", "Arn"] } })
  assert.deepEqual(validateTemplate(template), [])
})

test("KinesisStream refuses a shard count on demand, a retention outside 1 to 365 days, duplicate and unknown consumers, and misspelt props", () => {
  const error = catchValidation(() =>
    synth((stack) => {
      const stream = new KinesisStream(stack, "Stream", { streamMode: "on_demand", shardCount: 2, retentionPeriod: "12 hours", consumers: { a: "f.main" } })
      stream.addConsumers(stack, { a: "f.main" })
      stream.bindToConsumer("b", [])
    }),
  )
  assert.deepEqual(error.problems.map((p) => [p.code, p.property]), [
    ["ShardCountOnDemand", "shardCount"],
    ["InvalidRetentionPeriod", "retentionPeriod"],
    ["DuplicateConsumer", "consumers.a"],
    ["UnknownConsumer", 'bindToConsumer("b")'],
  ])
  const typo = catchValidation(() =>
    // @ts-expect-error shards is not a prop
    synth((stack) => new KinesisStream(stack, "Stream", { shards: 2 })),
  )
  assert.match(typo.message, /UnknownProp/)
  const mode = catchValidation(() =>
    // @ts-expect-error "ON_DEMAND" is CDK's spelling
    synth((stack) => new KinesisStream(stack, "Stream", { streamMode: "ON_DEMAND" })),
  )
  assert.match(mode.message, /Allowed: one of "provisioned", "on_demand"\./)
})
