/**
 * Cron: a function run on a schedule (SST v1's `Cron`): an EventBridge rule with a
 * `ScheduleExpression` that targets the job function, and the permission that lets EventBridge
 * invoke it for that rule only.
 * @module
 */
import { z } from "zod"
import { assertSameShape, CfnResource, Construct, parseProps, type Problem } from "../compiler/index.ts"
import type { FunctionBinding, SSTConstruct } from "./bindable.ts"
import { scheduleProblem, type CronSchedule } from "./cron/schedule.ts"
import { Function } from "./Function.ts"
import { RuleTargetSchema, targetRetryPolicy, type EventBusTargetOptions } from "./event-bus/rule.ts"
import type { Permissions } from "./function/permissions.ts"
import type { FunctionDefinition } from "./function/props.ts"
import { allowInvoke, FunctionDefinitionSchema, requireProps } from "./targets/function-target.ts"

export type { CronSchedule } from "./cron/schedule.ts"

/** How EventBridge delivers to the job (CDK's `LambdaFunctionProps`). */
export interface CronTargetProps extends EventBusTargetOptions {}

export interface CronJobProps {
  /** The function to run. @example function: { handler: "functions/nightly.main", timeout: "5 minutes" } */
  function: FunctionDefinition
  /** The event the function receives, as JSON. @example event: { report: "daily" } */
  event?: Record<string, unknown>
  cdk?: {
    /** SST v1's place for the target options. */
    target?: CronTargetProps
  }
}

/** Props of {@link Cron}. */
export interface CronProps {
  /**
   * When the job runs, in EventBridge's syntax (UTC).
   * @example schedule: "rate(5 minutes)"
   * @example schedule: "cron(15 10 * * ? *)"
   */
  schedule: CronSchedule
  /** The function to run, or `{ function, event }`. @example job: "functions/nightly.main" */
  job: FunctionDefinition | CronJobProps
  /** @default true */
  enabled?: boolean
}

const JobSchema = z.strictObject({
  function: FunctionDefinitionSchema,
  event: z.record(z.string(), z.unknown()).optional(),
  cdk: z.strictObject({ target: RuleTargetSchema.optional() }).optional(),
})
const CronPropsSchema = z.strictObject({ // strict: `scedule` is an error, not a rule without a schedule
  schedule: z.custom<CronSchedule>((value) => typeof value === "string", { message: 'a schedule such as "rate(1 day)" or "cron(0 3 * * ? *)"' }),
  job: z.union([FunctionDefinitionSchema, JobSchema]),
  enabled: z.boolean().optional(),
})
assertSameShape<CronProps, z.input<typeof CronPropsSchema>>()

export class Cron extends Construct implements SSTConstruct {
  /** The `AWS::Events::Rule` resource. */
  readonly rule: CfnResource
  /** The function run on schedule. */
  readonly jobFunction: Function
  /** SST v1 apps reach the rule through `cron.cdk.rule`. */
  readonly cdk: { rule: CfnResource }

  constructor(scope: Construct, id: string, rawProps: CronProps) {
    super(scope, id)
    requireProps(this, "Cron", rawProps, {
      schedule: { allowed: 'a rate() or cron() expression, e.g. "rate(1 day)".', fix: 'add schedule: "rate(1 day)" (or "cron(0 3 * * ? *)").' },
      job: { allowed: 'a handler string, function props, a Function, or { function, event }.', fix: 'add job: "functions/job.main".' },
    })
    const props = parseProps(CronPropsSchema, rawProps, this, "Cron")
    this.checkSchedule(props.schedule)
    const job = isJobProps(props.job) ? props.job : { function: props.job }
    this.jobFunction = Function.fromDefinition(this, "Job", job.function)
    this.rule = this.createRule(props.schedule, props.enabled, job)
    this.cdk = { rule: this.rule }
    allowInvoke(this, "JobPermission", this.jobFunction, "events.amazonaws.com", this.rule.getAtt("Arn"))
  }

  /** Grants the job function permissions. */
  attachPermissions(permissions: Permissions): void {
    this.jobFunction.attachPermissions(permissions)
  }

  /** Binds constructs to the job function. */
  bind(constructs: SSTConstruct[]): void {
    this.jobFunction.bind(constructs)
  }

  getConstructMetadata(): unknown {
    return { type: "Cron", data: { schedule: this.rule.properties.ScheduleExpression, job: this.jobFunction.path } }
  }

  /** A Cron has nothing to bind; SST v1's was the same. */
  getFunctionBinding(): FunctionBinding | undefined {
    return undefined
  }

  private createRule(schedule: string, enabled: boolean | undefined, job: CronJobProps): CfnResource {
    const target = job.cdk?.target ?? {}
    const event = job.event ?? target.event
    const retryPolicy = targetRetryPolicy(target, undefined, (problem) => this.report({ ...problem, property: "job.cdk.target.maxEventAge" }))
    return new CfnResource(this, "Rule", {
      type: "AWS::Events::Rule",
      properties: {
        ScheduleExpression: schedule,
        State: enabled === false ? "DISABLED" : "ENABLED",
        Targets: [
          {
            Id: "Target0",
            Arn: this.jobFunction.functionArn,
            Input: event === undefined ? undefined : JSON.stringify(event),
            RetryPolicy: retryPolicy,
          },
        ],
      },
    })
  }

  private checkSchedule(schedule: string): void {
    const problem = scheduleProblem(schedule)
    if (problem) this.report({ code: "InvalidSchedule", property: "schedule", ...problem })
  }

  private report(problem: Omit<Problem, "path" | "construct">): void {
    this.app.report({ ...problem, path: this.displayPath, construct: "Cron" } as Problem)
  }
}

function isJobProps(job: FunctionDefinition | CronJobProps): job is CronJobProps {
  return typeof job === "object" && !(job instanceof Function) && "function" in job
}
