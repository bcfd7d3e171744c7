/**
 * EventBridge rule pieces: the event pattern in EventBridge's field names, and the delivery
 * options of a target (CDK's target props: input event, retry attempts, maximum event age).
 * @module
 */
import { z } from "zod"
import type { Value } from "../../compiler/index.ts"
import { DurationSchema, toSeconds, type Duration } from "../function/duration.ts"

export interface EventBusRulePattern {
  /** Event sources to match. @example source: ["myapp.orders"] */
  source?: string[]
  /** Detail types to match; EventBridge calls the field `detail-type`. @example detailType: ["Order"] */
  detailType?: string[]
  /** Fields of the event's detail to match. @example detail: { status: ["paid"] } */
  detail?: Record<string, unknown>
}

/** How EventBridge delivers to a target (CDK's `LambdaFunctionProps` and `SqsQueueProps`). */
export interface EventBusTargetOptions {
  /** The event the target receives instead of the matched one. */
  event?: Record<string, unknown>
  /** Delivery retries (0 to 185). @default the bus's defaults.retries, else 185 */
  retryAttempts?: number
  /** Give up on an event older than this (60 seconds to 24 hours). @default 24 hours */
  maxEventAge?: Duration
}

export const RuleTargetSchema = z.strictObject({
  event: z.record(z.string(), z.unknown()).optional(),
  retryAttempts: z.number().int().min(0).max(185).optional(),
  maxEventAge: DurationSchema.optional(),
})

/** Target ids: 1 to 64 letters, digits, '.', '-' and '_' (EventBridge's PutTargets). */
export const TARGET_ID_PATTERN = /^[.\-_A-Za-z0-9]{1,64}$/

/** The pattern in EventBridge's words, or undefined when it matches nothing in particular. */
export function eventPattern(pattern: EventBusRulePattern | undefined): Record<string, Value> | undefined {
  if (!pattern) return undefined
  const out: Record<string, Value> = {}
  if (pattern.source?.length) out.source = pattern.source
  if (pattern.detailType?.length) out["detail-type"] = pattern.detailType
  if (pattern.detail && Object.keys(pattern.detail).length > 0) out.detail = pattern.detail as Record<string, Value>
  return Object.keys(out).length > 0 ? out : undefined
}

export interface RetryProblem {
  code: string
  problem: string
  allowed: string
  fix: string
}

/** The target's RetryPolicy; the bus's `defaults.retries` applies when the target sets none. */
export function targetRetryPolicy(options: EventBusTargetOptions | undefined, defaultRetries: number | undefined, report: (problem: RetryProblem) => void): Record<string, Value> | undefined {
  const policy: Record<string, Value> = {}
  const retries = options?.retryAttempts ?? defaultRetries
  if (retries !== undefined) policy.MaximumRetryAttempts = retries
  if (options?.maxEventAge !== undefined) {
    const seconds = toSeconds(options.maxEventAge)
    if (seconds < 60 || seconds > 86400) {
      report({ code: "InvalidEventAge", problem: `is ${JSON.stringify(options.maxEventAge)} (${seconds} seconds).`, allowed: "60 seconds to 24 hours (EventBridge's limit).", fix: 'set e.g. maxEventAge: "1 hour".' })
    }
    policy.MaximumEventAgeInSeconds = seconds
  }
  return Object.keys(policy).length > 0 ? policy : undefined
}
