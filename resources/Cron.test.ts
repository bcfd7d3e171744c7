import assert from "node:assert/strict"
import { test } from "node:test"
import { catchValidation, synth, statementsOf } from "../test/helpers/synth.ts"
import { validateTemplate } from "../test/helpers/validate-template.ts"
import { Cron } from "./Cron.ts"
import { Function } from "./Function.ts"
import { Table } from "./Table.ts"

test("Cron turns a cron() schedule into the rule's ScheduleExpression and targets the job function", () => {
  const { template } = synth((stack) => {
    new Cron(stack, "Nightly", { schedule: "cron(0 3 * * ? *)", job: "functions/nightly.main" })
  })
  const rule = template.Resources.NightlyRule
  assert.equal(rule.Type, "AWS::Events::Rule")
  assert.deepEqual(rule.Properties, {
    ScheduleExpression: "cron(0 3 * * ? *)",
    State: "ENABLED",
    Targets: [{ Id: "Target0", Arn: { "Fn::GetAtt": ["NightlyJob", "Arn"] } }],
  })
  assert.equal(template.Resources.NightlyJob.Type, "AWS::Lambda::Function")
  assert.deepEqual(template.Resources.NightlyJobPermission.Properties, {
    Action: "lambda:InvokeFunction",
    FunctionName: { "Fn::GetAtt": ["NightlyJob", "Arn"] },
    Principal: "events.amazonaws.com",
    SourceArn: { "Fn::GetAtt": ["NightlyRule", "Arn"] },
  })
  assert.deepEqual(validateTemplate(template), [])
})

test("Cron passes the job's event as Input, can be disabled, and takes SST v1's cdk.target options", () => {
  const { template } = synth((stack) => {
    new Cron(stack, "Report", { schedule: "rate(1 day)", enabled: false, job: { function: { handler: "functions/report.main", timeout: 60 }, event: { report: "daily" } } })
    new Cron(stack, "Ping", { schedule: "rate(5 minutes)", job: { function: "functions/ping.main", cdk: { target: { event: { ping: true }, retryAttempts: 2, maxEventAge: "1 hour" } } } })
  })
  assert.equal(template.Resources.ReportRule.Properties.State, "DISABLED")
  assert.equal(template.Resources.ReportRule.Properties.Targets[0].Input, '{"report":"daily"}')
  assert.equal(template.Resources.ReportJob.Properties.Timeout, 60)
  assert.deepEqual(template.Resources.PingRule.Properties.Targets[0], {
    Id: "Target0",
    Arn: { "Fn::GetAtt": ["PingJob", "Arn"] },
    Input: '{"ping":true}',
    RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 3600 },
  })
  assert.deepEqual(validateTemplate(template), [])
})

test("Cron exposes jobFunction, and bind and attachPermissions reach it", () => {
  const { template } = synth((stack) => {
    const table = new Table(stack, "Notes", { fields: { id: "string" }, primaryIndex: { partitionKey: "id" } })
    const cron = new Cron(stack, "Cleanup", { schedule: "rate(1 hour)", job: "functions/cleanup.main" })
    assert.ok(cron.jobFunction instanceof Function)
    assert.equal(cron.getFunctionBinding(), undefined)
    cron.bind([table])
    cron.attachPermissions(["sqs:SendMessage"])
  })
  const variables = template.Resources.CleanupJob.Properties.Environment.Variables
  assert.deepEqual(variables.SST_Table_tableName_Notes, { Ref: "Notes" })
  const actions = statementsOf(template.Resources, "CleanupJob").map((s: { Action: string }) => s.Action)
  assert.deepEqual(actions, ["dynamodb:*", "sqs:SendMessage"])
  assert.deepEqual(validateTemplate(template), [])
})

test("Cron refuses a schedule without rate() or cron(), and says how to write one", () => {
  const error = catchValidation(() =>
    // @ts-expect-error the type refuses it already; JavaScript callers reach the schema
    synth((stack) => new Cron(stack, "Nightly", { schedule: "daily", job: "f.main" })),
  )
  assert.equal(error.problems[0].code, "InvalidSchedule")
  assert.equal(error.problems[0].property, "schedule")
  assert.match(error.message, /Cron "notes\/test\/Main\/Nightly": schedule is "daily", which is neither a rate\(\) nor a cron\(\) expression\.  \[InvalidSchedule\]/)
  assert.match(error.message, /Fix: write "rate\(1 day\)" or "cron\(0 3 \* \* \? \*\)"/)
})

test("Cron refuses rates EventBridge refuses and cron expressions with five fields or both day fields", () => {
  const cases: [string, RegExp][] = [
    ["rate(5 minute)", /Fix: write "rate\(5 minutes\)"\./],
    ["rate(1 hours)", /Fix: write "rate\(1 hour\)"\./],
    ["rate(0 days)", /a rate of zero/],
    ["rate(every day)", /whose rate is not "<value> <unit>"/],
    ["cron(0 3 * * *)", /Fix: add the year: "cron\(0 3 \* \* \* \*\)", with "\?" in day-of-month or day-of-week\./],
    ["cron(0 3 * * MON *)", /Fix: write "cron\(0 3 \? \* MON \*\)"\./],
  ]
  for (const [schedule, message] of cases) {
    const error = catchValidation(() => synth((stack) => new Cron(stack, "Job", { schedule: schedule as `rate(${string})`, job: "f.main" })))
    assert.equal(error.problems[0].code, "InvalidSchedule", schedule)
    assert.match(error.message, message, schedule)
  }
})

test("Cron refuses a missing job, a misspelt prop and an event age outside 60 s to 24 h", () => {
  const missing = catchValidation(() =>
    // @ts-expect-error job is required
    synth((stack) => new Cron(stack, "Nightly", { schedule: "rate(1 day)" })),
  )
  assert.deepEqual(missing.problems.map((p) => [p.code, p.property]), [["MissingProp", "job"]])
  const typo = catchValidation(() =>
    // @ts-expect-error enable is not a prop
    synth((stack) => new Cron(stack, "Nightly", { schedule: "rate(1 day)", job: "f.main", enable: false })),
  )
  assert.match(typo.message, /did you mean "enabled"\?/)
  const age = catchValidation(() => synth((stack) => new Cron(stack, "Nightly", { schedule: "rate(1 day)", job: { function: "f.main", cdk: { target: { maxEventAge: "2 days" } } } })))
  assert.deepEqual(age.problems.map((p) => p.code), ["InvalidEventAge"])
})
