import assert from "node:assert/strict"
import { test } from "node:test"
import { catchValidation, emit, synth, testApp, statementsOf } from "../test/helpers/synth.ts"
import { validateTemplate } from "../test/helpers/validate-template.ts"
import { Function } from "./Function.ts"
import { Queue } from "./Queue.ts"
import { Stack } from "./Stack.ts"
import { Topic } from "./Topic.ts"

test("Topic subscribes functions with an SNS subscription and a permission scoped to the topic", () => {
  const { template } = synth((stack) => {
    const topic = new Topic(stack, "Ordered", { defaults: { function: { timeout: 5 } }, subscribers: { receipt: "functions/receipt.main", shipping: { function: "functions/shipping.main", filterPolicy: { kind: ["parcel"] } } } })
    assert.equal(topic.subscriberFunctions.length, 2)
    assert.ok(topic.getFunction("receipt") instanceof Function)
  })
  const r = template.Resources
  assert.deepEqual(r.Ordered, { Type: "AWS::SNS::Topic", Properties: { TopicName: "test-notes-Ordered" } })
  assert.deepEqual(r.OrderedSubscriptionreceipt.Properties, { TopicArn: { Ref: "Ordered" }, Protocol: "lambda", Endpoint: { "Fn::GetAtt": ["OrderedSubscriberreceipt", "Arn"] } })
  assert.deepEqual(r.OrderedSubscriptionshipping.Properties.FilterPolicy, { kind: ["parcel"] })
  assert.deepEqual(r.OrderedPermissionreceipt.Properties, {
    Action: "lambda:InvokeFunction",
    FunctionName: { "Fn::GetAtt": ["OrderedSubscriberreceipt", "Arn"] },
    Principal: "sns.amazonaws.com",
    SourceArn: { Ref: "Ordered" },
  })
  assert.equal(r.OrderedSubscriberreceipt.Properties.Timeout, 5)
  assert.deepEqual(validateTemplate(template), [])
})

test("Topic subscribes queues (a Queue or { type: \"queue\" }) and lets only this topic send to them", () => {
  const { template } = synth((stack) => {
    const shipping = new Queue(stack, "Shipping")
    const audit = new Queue(stack, "Audit")
    new Topic(stack, "Ordered", { subscribers: { shipping, audit: { type: "queue", queue: audit, rawMessageDelivery: true, cdk: { subscription: { filterPolicy: { audit: ["yes"] }, filterPolicyScope: "MessageBody" } } } } })
  })
  const r = template.Resources
  assert.deepEqual(r.OrderedSubscriptionshipping.Properties, { TopicArn: { Ref: "Ordered" }, Protocol: "sqs", Endpoint: { "Fn::GetAtt": ["Shipping", "Arn"] } })
  assert.deepEqual(r.OrderedSubscriptionaudit.Properties, {
    TopicArn: { Ref: "Ordered" },
    Protocol: "sqs",
    Endpoint: { "Fn::GetAtt": ["Audit", "Arn"] },
    FilterPolicy: { audit: ["yes"] },
    FilterPolicyScope: "MessageBody",
    RawMessageDelivery: true,
  })
  assert.deepEqual(r.ShippingPolicy.Properties.PolicyDocument.Statement, [
    { Effect: "Allow", Principal: { Service: "sns.amazonaws.com" }, Action: "sqs:SendMessage", Resource: { "Fn::GetAtt": ["Shipping", "Arn"] }, Condition: { ArnEquals: { "aws:SourceArn": { Ref: "Ordered" } } } },
  ])
  assert.deepEqual(validateTemplate(template), [])
})

test("Topic fifo ends its name in .fifo and delivers to FIFO queues", () => {
  const { template } = synth((stack) => {
    const queue = new Queue(stack, "Sorted", { fifo: true })
    new Topic(stack, "Ordered", { cdk: { topic: { fifo: true } }, subscribers: { sorted: queue } })
  })
  assert.deepEqual(template.Resources.Ordered.Properties, { TopicName: "test-notes-Ordered.fifo", FifoTopic: true, ContentBasedDeduplication: true })
  assert.deepEqual(validateTemplate(template), [])
})

test("Topic binds as SST_Topic_topicArn_<id> with sns:* on its ARN only, and attachPermissions and bind reach subscribers", () => {
  const { template } = synth((stack) => {
    const topic = new Topic(stack, "Ordered", { subscribers: { receipt: "functions/receipt.main" } })
    new Function(stack, "Order", { handler: "functions/order.main", bind: [topic] })
    topic.attachPermissions(["s3"])
    topic.attachPermissionsToSubscriber("receipt", ["sqs"])
    const other = new Topic(stack, "Other")
    topic.bind([other])
  })
  assert.deepEqual(template.Resources.Order.Properties.Environment.Variables.SST_Topic_topicArn_Ordered, { Ref: "Ordered" })
  assert.deepEqual(statementsOf(template.Resources, "Order"), [{ Effect: "Allow", Action: "sns:*", Resource: { Ref: "Ordered" } }])
  const actions = statementsOf(template.Resources, "OrderedSubscriberreceipt").map((s: { Action: string }) => s.Action)
  assert.deepEqual(actions, ["s3:*", "sqs:*", "sns:*"])
  assert.deepEqual(template.Resources.OrderedSubscriberreceipt.Properties.Environment.Variables.SST_Topic_topicArn_Other, { Ref: "Other" })
  assert.deepEqual(validateTemplate(template), [])
})

test("Topic subscribers added from another stack live in that stack", () => {
  const app = testApp()
  const topic = new Topic(new Stack(app, "Events"), "Ordered")
  topic.addSubscribers(new Stack(app, "Workers"), { receipt: "functions/receipt.main" })
  const { templates } = emit(app)
  assert.ok(templates.Workers.Resources.OrderedSubscriptionreceipt)
  assert.ok(templates.Workers.Resources.OrderedPermissionreceipt)
  assert.deepEqual(templates.Workers.Resources.OrderedSubscriptionreceipt.Properties.TopicArn, { Ref: "XrefEventsOrderedRef" })
  assert.deepEqual(validateTemplate(templates.Events), [])
  assert.deepEqual(validateTemplate(templates.Workers), [])
})

test("Topic refuses function subscribers on a FIFO topic, FIFO queues on a standard topic, duplicates and FIFO-only settings", () => {
  const error = catchValidation(() =>
    synth((stack) => {
      new Topic(stack, "Fifo", { fifo: true, subscribers: { f: "functions/f.main" } })
      const topic = new Topic(stack, "Standard", { contentBasedDeduplication: false, subscribers: { q: new Queue(stack, "Sorted", { fifo: true }) } })
      topic.addSubscribers(stack, { q: "functions/q.main" })
      topic.bindToSubscriber("nope", [])
    }),
  )
  assert.deepEqual(error.problems.map((p) => [p.code, p.property]), [
    ["FifoTopicFunctionSubscriber", "subscribers.f"],
    ["FifoOnly", "contentBasedDeduplication"],
    ["FifoQueueOnStandardTopic", "subscribers.q"],
    ["DuplicateSubscriber", "subscribers.q"],
    ["UnknownSubscriber", 'bindToSubscriber("nope")'],
  ])
  assert.match(error.message, /Fix: subscribe a FIFO queue and let the function consume it, or make the topic standard\./)
})

test("Topic says which prop or subscriber option is misspelt", () => {
  const typo = catchValidation(() =>
    // @ts-expect-error the type refuses it already; JavaScript callers reach the schema
    synth((stack) => new Topic(stack, "Ordered", { subscriber: {} })),
  )
  assert.match(typo.message, /did you mean "subscribers"\?/)
  const option = catchValidation(() =>
    // @ts-expect-error filterPolcy is not an option
    synth((stack) => new Topic(stack, "Ordered", { subscribers: { a: { function: "f.main", filterPolcy: {} } } })),
  )
  assert.equal(option.problems[0].property, "subscribers.a.filterPolcy")
  assert.match(option.message, /did you mean "filterPolicy"\?/)
})
