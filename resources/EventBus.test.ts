import assert from "node:assert/strict"
import { test } from "node:test"
import { catchValidation, synth, statementsOf } from "../test/helpers/synth.ts"
import { validateTemplate } from "../test/helpers/validate-template.ts"
import { EventBus } from "./EventBus.ts"
import { Function } from "./Function.ts"
import { Queue } from "./Queue.ts"

test("EventBus is a bus named with the stage; a rule's pattern writes detailType as detail-type and targets functions", () => {
  const { template } = synth((stack) => {
    new EventBus(stack, "Ordered", {
      defaults: { function: { timeout: 10 } },
      rules: { rule1: { pattern: { source: ["myevent"], detailType: ["Order"], detail: { total: [{ numeric: [">", 0] }] } }, targets: { receipt: "functions/receipt.main", shipping: { function: "functions/shipping.main" } } } },
    })
  })
  const r = template.Resources
  assert.deepEqual(r.Ordered, { Type: "AWS::Events::EventBus", Properties: { Name: "test-notes-Ordered" } })
  assert.deepEqual(r.OrderedRulerule1.Properties, {
    EventBusName: { "Fn::GetAtt": ["Ordered", "Name"] },
    EventPattern: { source: ["myevent"], "detail-type": ["Order"], detail: { total: [{ numeric: [">", 0] }] } },
    State: "ENABLED",
    Targets: [
      { Id: "receipt", Arn: { "Fn::GetAtt": ["OrderedTargetrule1receipt", "Arn"] } },
      { Id: "shipping", Arn: { "Fn::GetAtt": ["OrderedTargetrule1shipping", "Arn"] } },
    ],
  })
  assert.deepEqual(r.OrderedTargetPermissionrule1receipt.Properties, {
    Action: "lambda:InvokeFunction",
    FunctionName: { "Fn::GetAtt": ["OrderedTargetrule1receipt", "Arn"] },
    Principal: "events.amazonaws.com",
    SourceArn: { "Fn::GetAtt": ["OrderedRulerule1", "Arn"] },
  })
  assert.deepEqual(validateTemplate(template), [])
})

test("EventBus sends to queues with a policy statement for the rule, and applies retries and target options", () => {
  const { template } = synth((stack) => {
    const queue = new Queue(stack, "Orders")
    const sorted = new Queue(stack, "Sorted", { fifo: true })
    new EventBus(stack, "Bus", {
      defaults: { retries: 3 },
      rules: {
        orders: {
          pattern: { source: ["shop"] },
          targets: {
            queue,
            sorted: { type: "queue", queue: sorted, cdk: { target: { messageGroupId: "orders" } } },
            audit: { function: "functions/audit.main", cdk: { target: { retryAttempts: 0, maxEventAge: "2 hours", event: { audit: true } } } },
          },
        },
      },
    })
  })
  const r = template.Resources
  assert.deepEqual(r.BusRuleorders.Properties.Targets, [
    { Id: "queue", Arn: { "Fn::GetAtt": ["Orders", "Arn"] }, RetryPolicy: { MaximumRetryAttempts: 3 } },
    { Id: "sorted", Arn: { "Fn::GetAtt": ["Sorted", "Arn"] }, RetryPolicy: { MaximumRetryAttempts: 3 }, SqsParameters: { MessageGroupId: "orders" } },
    { Id: "audit", Arn: { "Fn::GetAtt": ["BusTargetordersaudit", "Arn"] }, Input: '{"audit":true}', RetryPolicy: { MaximumRetryAttempts: 0, MaximumEventAgeInSeconds: 7200 } },
  ])
  assert.deepEqual(r.OrdersPolicy.Properties.PolicyDocument.Statement, [
    { Effect: "Allow", Principal: { Service: "events.amazonaws.com" }, Action: "sqs:SendMessage", Resource: { "Fn::GetAtt": ["Orders", "Arn"] }, Condition: { ArnEquals: { "aws:SourceArn": { "Fn::GetAtt": ["BusRuleorders", "Arn"] } } } },
  ])
  assert.deepEqual(validateTemplate(template), [])
})

test("EventBus.subscribe makes a rule on detail-type with one function target; addRules and addTargets extend the bus", () => {
  const { template } = synth((stack) => {
    const bus = new EventBus(stack, "Bus")
    bus.subscribe("user.created", "functions/welcome.main")
    bus.subscribe("user.created", { function: "functions/audit.main" }, { pattern: { source: ["auth"] } })
    bus.addRules(stack, { refunds: { pattern: { detailType: ["Refund"] } } })
    bus.addTargets(stack, "refunds", { refund: "functions/refund.main" })
    assert.ok(bus.getRule("refunds"))
    assert.ok(bus.getFunction("user_created", "subscriber") instanceof Function)
  })
  const r = template.Resources
  assert.deepEqual(r.BusRuleusercreated.Properties.EventPattern, { "detail-type": ["user.created"] })
  assert.deepEqual(r.BusRuleusercreated.Properties.Targets, [{ Id: "subscriber", Arn: { "Fn::GetAtt": ["BusTargetusercreatedsubscriber", "Arn"] } }])
  assert.deepEqual(r.BusRuleusercreated2.Properties.EventPattern, { source: ["auth"], "detail-type": ["user.created"] })
  assert.deepEqual(r.BusRulerefunds.Properties.Targets, [{ Id: "refund", Arn: { "Fn::GetAtt": ["BusTargetrefundsrefund", "Arn"] } }])
  assert.ok(r.BusTargetPermissionrefundsrefund)
  assert.deepEqual(validateTemplate(template), [])
})

test("EventBus binds as SST_EventBus_eventBusName_<id> with events:* on its ARN only; attachPermissions and bind reach targets", () => {
  const { template } = synth((stack) => {
    const bus = new EventBus(stack, "Ordered", { rules: { rule1: { pattern: { source: ["a"] }, targets: { t: "functions/t.main" } } } })
    new Function(stack, "Order", { handler: "functions/order.main", bind: [bus] })
    bus.attachPermissions(["s3"])
    bus.attachPermissionsToTarget("rule1", "t", ["sqs"])
    bus.bind([bus])
    bus.bindToTarget("rule1", "t", [])
  })
  assert.deepEqual(template.Resources.Order.Properties.Environment.Variables.SST_EventBus_eventBusName_Ordered, { "Fn::GetAtt": ["Ordered", "Name"] })
  assert.deepEqual(statementsOf(template.Resources, "Order"), [{ Effect: "Allow", Action: "events:*", Resource: { "Fn::GetAtt": ["Ordered", "Arn"] } }])
  const actions = statementsOf(template.Resources, "OrderedTargetrule1t").map((s: { Action: string }) => s.Action)
  assert.deepEqual(actions, ["s3:*", "sqs:*", "events:*"])
  assert.deepEqual(validateTemplate(template), [])
})

test("EventBus refuses rules without a pattern, duplicate or badly named targets, more than 5 targets and FIFO queues without a group", () => {
  const error = catchValidation(() =>
    synth((stack) => {
      const bus = new EventBus(stack, "Bus", {
        rules: {
          empty: { targets: { a: "functions/a.main" } },
          many: { pattern: { source: ["x"] }, targets: { a: "f.main", b: "f.main", c: "f.main", d: "f.main", e: "f.main", f: "f.main", "g h": "f.main" } },
          fifo: { pattern: { source: ["x"] }, targets: { q: { type: "queue", queue: new Queue(stack, "Sorted", { fifo: true }) } } },
        },
      })
      bus.addTargets(stack, "fifo", { q: "f.main" })
      bus.addRules(stack, { fifo: { pattern: { source: ["y"] } } })
      bus.addTargets(stack, "fio", {})
      bus.bindToTarget("many", "z", [])
    }),
  )
  assert.deepEqual(error.problems.map((p) => [p.code, p.property]), [
    ["MissingPattern", "rules.empty.pattern"],
    ["TooManyTargets", "rules.many.targets.f"],
    ["InvalidTargetName", "rules.many.targets.g h"],
    ["MissingMessageGroupId", "rules.fifo.targets.q"],
    ["DuplicateTarget", "rules.fifo.targets.q"],
    ["DuplicateRule", "rules.fifo"],
    ["UnknownRule", 'addTargets("fio")'],
    ["UnknownTarget", 'bindToTarget("many", "z")'],
  ])
  assert.match(error.message, /Fix: did you mean "fifo"\?/)
})

test("EventBus says which prop or pattern field is misspelt, and refuses an event age over a day", () => {
  const typo = catchValidation(() =>
    // @ts-expect-error detailtype is not a pattern field
    synth((stack) => new EventBus(stack, "Bus", { rules: { r: { pattern: { detailtype: ["x"] } } } })),
  )
  assert.equal(typo.problems[0].property, "rules.r.pattern.detailtype")
  assert.match(typo.message, /did you mean "detailType"\?/)
  const age = catchValidation(() => synth((stack) => new EventBus(stack, "Bus", { rules: { r: { pattern: { source: ["x"] }, targets: { t: { function: "f.main", cdk: { target: { maxEventAge: "2 days" } } } } } } })))
  assert.deepEqual(age.problems.map((p) => [p.code, p.property]), [["InvalidEventAge", "rules.r.targets.t.cdk.target.maxEventAge"]])
})
