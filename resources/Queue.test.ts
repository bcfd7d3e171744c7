import assert from "node:assert/strict"
import { test } from "node:test"
import { catchValidation, synth, statementsOf } from "../test/helpers/synth.ts"
import { validateTemplate } from "../test/helpers/validate-template.ts"
import { Function } from "./Function.ts"
import { Queue } from "./Queue.ts"
import { serviceStatement } from "./targets/resource-policy.ts"

test("Queue is an encrypted SQS queue named <stage>-<app>-<id>", () => {
  const { template } = synth((stack) => new Queue(stack, "Jobs"))
  assert.deepEqual(template.Resources.Jobs, { Type: "AWS::SQS::Queue", Properties: { QueueName: "test-notes-Jobs", SqsManagedSseEnabled: true } })
  assert.deepEqual(validateTemplate(template), [])
})

test("Queue consumer reads through an event source mapping, with a visibility timeout six times its timeout", () => {
  const { template } = synth((stack) => {
    const queue = new Queue(stack, "Jobs", { consumer: { function: { handler: "functions/worker.main", timeout: 20 }, cdk: { eventSource: { batchSize: 5, reportBatchItemFailures: true } } } })
    assert.ok(queue.consumerFunction instanceof Function)
  })
  const r = template.Resources
  assert.equal(r.Jobs.Properties.VisibilityTimeout, 120)
  assert.deepEqual(r.JobsConsumerEventSource.Properties, {
    FunctionName: { "Fn::GetAtt": ["JobsConsumer", "Arn"] },
    EventSourceArn: { "Fn::GetAtt": ["Jobs", "Arn"] },
    BatchSize: 5,
    FunctionResponseTypes: ["ReportBatchItemFailures"],
  })
  assert.deepEqual(statementsOf(r, "JobsConsumer"), [
    { Effect: "Allow", Action: ["sqs:ReceiveMessage", "sqs:ChangeMessageVisibility", "sqs:GetQueueUrl", "sqs:DeleteMessage", "sqs:GetQueueAttributes"], Resource: { "Fn::GetAtt": ["Jobs", "Arn"] } },
  ])
  assert.deepEqual(validateTemplate(template), [])
})

test("Queue visibility timeout is at least 30 seconds with a short consumer, and options may sit beside function", () => {
  const { template } = synth((stack) => {
    const queue = new Queue(stack, "Jobs")
    queue.addConsumer(stack, { function: { handler: "functions/worker.main", timeout: 3 }, batchSize: 100, maxBatchingWindow: "2 seconds", maxConcurrency: 5 })
  })
  assert.equal(template.Resources.Jobs.Properties.VisibilityTimeout, 30)
  assert.deepEqual(template.Resources.JobsConsumerEventSource.Properties, {
    FunctionName: { "Fn::GetAtt": ["JobsConsumer", "Arn"] },
    EventSourceArn: { "Fn::GetAtt": ["Jobs", "Arn"] },
    BatchSize: 100,
    MaximumBatchingWindowInSeconds: 2,
    ScalingConfig: { MaximumConcurrency: 5 },
  })
  assert.deepEqual(validateTemplate(template), [])
})

test("Queue fifo ends its name in .fifo and deduplicates by content; settings come from props or SST v1's cdk.queue", () => {
  const { template } = synth((stack) => {
    const failed = new Queue(stack, "Failed", { fifo: true })
    new Queue(stack, "Orders", { cdk: { queue: { fifo: true, retentionPeriod: "14 days", deadLetterQueue: { queue: failed, maxReceiveCount: 3 } } }, deliveryDelay: 5, receiveMessageWaitTime: "20 seconds" })
    new Queue(stack, "Plain", { visibilityTimeout: "5 minutes", deadLetterQueue: { queue: new Queue(stack, "PlainFailed").cdk.queue, maxReceiveCount: 10 } })
  })
  assert.deepEqual(template.Resources.Orders.Properties, {
    QueueName: "test-notes-Orders.fifo",
    FifoQueue: true,
    ContentBasedDeduplication: true,
    MessageRetentionPeriod: 1209600,
    DelaySeconds: 5,
    ReceiveMessageWaitTimeSeconds: 20,
    RedrivePolicy: { deadLetterTargetArn: { "Fn::GetAtt": ["Failed", "Arn"] }, maxReceiveCount: 3 },
    SqsManagedSseEnabled: true,
  })
  assert.equal(template.Resources.Plain.Properties.VisibilityTimeout, 300)
  assert.deepEqual(template.Resources.Plain.Properties.RedrivePolicy.deadLetterTargetArn, { "Fn::GetAtt": ["PlainFailed", "Arn"] })
  assert.deepEqual(validateTemplate(template), [])
})

test("Queue binds as SST_Queue_queueUrl_<id> with sqs:* on its ARN only, and exposes name, ARN and URL", () => {
  const { template } = synth((stack) => {
    const queue = new Queue(stack, "Queue")
    new Function(stack, "Send", { handler: "functions/send.main", bind: [queue] })
    stack.addOutputs({ Name: queue.queueName, Arn: queue.queueArn, Url: queue.queueUrl })
  })
  assert.deepEqual(template.Resources.Send.Properties.Environment.Variables.SST_Queue_queueUrl_Queue, { Ref: "Queue" })
  assert.deepEqual(statementsOf(template.Resources, "Send"), [{ Effect: "Allow", Action: "sqs:*", Resource: { "Fn::GetAtt": ["Queue", "Arn"] } }])
  assert.deepEqual(template.Outputs!.Name.Value, { "Fn::GetAtt": ["Queue", "QueueName"] })
  assert.deepEqual(validateTemplate(template), [])
})

test("Queue collects every service's statement in one queue policy", () => {
  const { template } = synth((stack) => {
    const queue = new Queue(stack, "Jobs")
    queue.addToResourcePolicy(serviceStatement("sns.amazonaws.com", "sqs:SendMessage", queue.queueArn, "arn:aws:sns:us-east-1:123456789012:t"))
    queue.addToResourcePolicy(serviceStatement("events.amazonaws.com", "sqs:SendMessage", queue.queueArn, "arn:aws:events:us-east-1:123456789012:rule/r"))
  })
  const policies = Object.values(template.Resources).filter((r: any) => r.Type === "AWS::SQS::QueuePolicy")
  assert.equal(policies.length, 1)
  assert.deepEqual(template.Resources.JobsPolicy.Properties.Queues, [{ Ref: "Jobs" }])
  assert.equal(template.Resources.JobsPolicy.Properties.PolicyDocument.Statement.length, 2)
  assert.deepEqual(validateTemplate(template), [])
})

test("Queue refuses a visibility timeout shorter than six times the consumer's timeout", () => {
  const error = catchValidation(() => synth((stack) => new Queue(stack, "Jobs", { visibilityTimeout: 60, consumer: { function: { handler: "functions/worker.main", timeout: 30 } } })))
  assert.equal(error.problems[0].code, "VisibilityTimeoutTooShort")
  assert.match(error.message, /Queue "notes\/test\/Main\/Jobs": visibilityTimeout is 60 \(60 seconds\), shorter than six times the consumer's timeout of 30 seconds\./)
  assert.match(error.message, /Fix: set visibilityTimeout: 180 or more/)
})

test("Queue refuses a second consumer, FIFO-only settings on a standard queue and out-of-range settings", () => {
  const error = catchValidation(() =>
    synth((stack) => {
      const queue = new Queue(stack, "Jobs", { consumer: "functions/a.main", contentBasedDeduplication: true, retentionPeriod: 30, deliveryDelay: "1 hour" })
      queue.addConsumer(stack, "functions/b.main")
    }),
  )
  assert.deepEqual(error.problems.map((p) => [p.code, p.property]), [
    ["FifoOnly", "contentBasedDeduplication"],
    ["InvalidQueueSetting", "retentionPeriod"],
    ["InvalidQueueSetting", "deliveryDelay"],
    ["ConsumerExists", "consumer"],
  ])
})

test("Queue refuses Lambda batch options that do not fit the queue type, a mismatched or self dead-letter queue, and a name over 80 characters", () => {
  const error = catchValidation(() =>
    synth((stack) => {
      const standard = new Queue(stack, "Standard")
      new Queue(stack, "Fifo", { fifo: true, deadLetterQueue: { queue: standard, maxReceiveCount: 3 }, consumer: { function: "f.main", batchSize: 20, maxBatchingWindow: 1 } })
      new Queue(stack, "Big", { consumer: { function: "f.main", batchSize: 100 } })
      new Queue(stack, "L".repeat(70))
    }),
  )
  assert.deepEqual(error.problems.map((p) => [p.code, p.property]), [
    ["DeadLetterQueueType", "deadLetterQueue.queue"],
    ["InvalidEventSource", "consumer.batchSize"],
    ["InvalidEventSource", "consumer.maxBatchingWindow"],
    ["InvalidEventSource", "consumer.batchSize"],
    ["QueueNameTooLong", undefined],
  ])
  assert.match(error.message, /Fix: add maxBatchingWindow: "1 second" \(or more\)\./)
})

test("Queue refuses a misspelt prop, the same setting in two places, and a misspelt consumer option", () => {
  const typo = catchValidation(() =>
    // @ts-expect-error the type refuses it already; JavaScript callers reach the schema
    synth((stack) => new Queue(stack, "Jobs", { visiblityTimeout: 60 })),
  )
  assert.equal(typo.problems[0].code, "UnknownProp")
  assert.match(typo.message, /did you mean "visibilityTimeout"\?/)
  const twice = catchValidation(() => synth((stack) => new Queue(stack, "Jobs", { fifo: true, cdk: { queue: { fifo: true } } })))
  assert.deepEqual(twice.problems.map((p) => [p.code, p.property]), [["DuplicateProp", "cdk.queue.fifo"]])
  const option = catchValidation(() =>
    // @ts-expect-error batchsize is not an option
    synth((stack) => new Queue(stack, "Jobs", { consumer: { function: "f.main", cdk: { eventSource: { batchsize: 5 } } } })),
  )
  assert.equal(option.problems[0].property, "consumer.cdk.eventSource.batchsize")
  assert.match(option.message, /did you mean "batchSize"\?/)
  const count = catchValidation(() =>
    synth((stack) => new Queue(stack, "Other", { deadLetterQueue: { queue: { queueArn: "arn:aws:sqs:us-east-1:123456789012:x" }, maxReceiveCount: 0 } })),
  )
  assert.equal(count.problems[0].code, "InvalidPropValue")
  assert.equal(count.problems[0].property, "deadLetterQueue.maxReceiveCount")
})
