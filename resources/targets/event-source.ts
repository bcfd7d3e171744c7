/**
 * Event source mappings: Lambda polling a queue (SQS) or a stream (DynamoDB, Kinesis) for a
 * consumer function, with the options SST v1 took from CDK's event sources.
 *
 * The mapping lives beside the function (in its stack), as CDK's `addEventSource` puts it: the
 * function's stack already depends on the source for its permissions, so a mapping in the
 * source's stack would make the two stacks depend on each other.
 * @module
 */
import { z } from "zod"
import { CfnResource, type Value } from "../../compiler/index.ts"
import { DurationSchema, toSeconds, type Duration } from "../function/duration.ts"
import type { Function } from "../Function.ts"

/** How Lambda reads a queue (CDK's `SqsEventSourceProps`). */
export interface QueueEventSourceProps {
  /** Messages per invocation. @default 10 */
  batchSize?: number
  /** How long Lambda gathers messages before it invokes. @default no wait */
  maxBatchingWindow?: Duration
  /** The function returns `batchItemFailures`, so only failed messages are retried. @default false */
  reportBatchItemFailures?: boolean
  /** Highest number of concurrent invocations for this queue (2 to 1000). @default no limit */
  maxConcurrency?: number
  /** @default true */
  enabled?: boolean
  /** Event patterns; only matching messages reach the function. @example filters: [{ body: { type: ["order"] } }] */
  filters?: Record<string, unknown>[]
}

/** How Lambda reads a stream (CDK's `DynamoEventSourceProps` and `KinesisEventSourceProps`). */
export interface StreamEventSourceProps {
  /** Where reading starts in a new mapping. @default "LATEST" */
  startingPosition?: "LATEST" | "TRIM_HORIZON"
  /** Records per invocation. @default 100 */
  batchSize?: number
  /** How long Lambda gathers records before it invokes. @default no wait */
  maxBatchingWindow?: Duration
  /** Split a failing batch in two and retry each half. @default false */
  bisectBatchOnError?: boolean
  /** Retries of a failing batch; -1 retries until the record expires. @default -1 */
  retryAttempts?: number
  /** Skip records older than this (60 seconds to 7 days). @default records are never skipped */
  maxRecordAge?: Duration
  /** Batches processed at once per shard (1 to 10). @default 1 */
  parallelizationFactor?: number
  /** The function returns `batchItemFailures`. @default false */
  reportBatchItemFailures?: boolean
  /** Aggregation window in seconds (0 to 900). @default none */
  tumblingWindow?: Duration
  /** @default true */
  enabled?: boolean
  /** Event patterns; only matching records reach the function. @example filters: [{ eventName: ["INSERT"] }] */
  filters?: Record<string, unknown>[]
}

const FiltersSchema = z.array(z.record(z.string(), z.unknown()))

export const QueueEventSourceSchema = z.strictObject({
  batchSize: z.number().int().min(1).max(10000).optional(),
  maxBatchingWindow: DurationSchema.optional(),
  reportBatchItemFailures: z.boolean().optional(),
  maxConcurrency: z.number().int().min(2).max(1000).optional(),
  enabled: z.boolean().optional(),
  filters: FiltersSchema.optional(),
})

export const StreamEventSourceSchema = z.strictObject({
  startingPosition: z.enum(["LATEST", "TRIM_HORIZON"]).optional(),
  batchSize: z.number().int().min(1).max(10000).optional(),
  maxBatchingWindow: DurationSchema.optional(),
  bisectBatchOnError: z.boolean().optional(),
  retryAttempts: z.number().int().min(-1).max(10000).optional(),
  maxRecordAge: DurationSchema.optional(),
  parallelizationFactor: z.number().int().min(1).max(10).optional(),
  reportBatchItemFailures: z.boolean().optional(),
  tumblingWindow: DurationSchema.optional(),
  enabled: z.boolean().optional(),
  filters: FiltersSchema.optional(),
})

/** Lambda's limit on MaximumBatchingWindowInSeconds (CreateEventSourceMapping). */
export const MAX_BATCHING_WINDOW_SECONDS = 300

export interface EventSource {
  /** The queue's or stream's ARN. */
  arn: string
  kind: "queue" | "stream"
  /** What the function's role needs to read the source. */
  read: { actions: string[]; resources: string[] }
}

/**
 * Grants `fn` read access to `source` and creates the `AWS::Lambda::EventSourceMapping` as a child
 * of the function. The mapping refers to the function, which waits for its policy, so Lambda
 * never checks the mapping against a role that cannot read the source yet.
 */
export function createEventSourceMapping(fn: Function, id: string, source: EventSource, options: QueueEventSourceProps | StreamEventSourceProps): CfnResource {
  fn.attachPermissions([{ actions: source.read.actions, resources: source.read.resources }])
  const stream = options as StreamEventSourceProps
  const seconds = (duration: Duration | undefined) => (duration === undefined ? undefined : toSeconds(duration))
  const properties: Record<string, Value> = {
    FunctionName: fn.functionArn,
    EventSourceArn: source.arn,
    StartingPosition: source.kind === "stream" ? (stream.startingPosition ?? "LATEST") : undefined,
    BatchSize: options.batchSize,
    MaximumBatchingWindowInSeconds: seconds(options.maxBatchingWindow),
    BisectBatchOnFunctionError: stream.bisectBatchOnError,
    MaximumRetryAttempts: stream.retryAttempts,
    MaximumRecordAgeInSeconds: seconds(stream.maxRecordAge),
    ParallelizationFactor: stream.parallelizationFactor,
    TumblingWindowInSeconds: seconds(stream.tumblingWindow),
    FunctionResponseTypes: options.reportBatchItemFailures ? ["ReportBatchItemFailures"] : undefined,
    ScalingConfig: "maxConcurrency" in options && options.maxConcurrency !== undefined ? { MaximumConcurrency: options.maxConcurrency } : undefined,
    Enabled: options.enabled,
    FilterCriteria: options.filters?.length ? { Filters: options.filters.map((filter) => ({ Pattern: JSON.stringify(filter) })) } : undefined,
  }
  return new CfnResource(fn, id, { type: "AWS::Lambda::EventSourceMapping", properties })
}

/** A problem with event source options, without the construct's path (the caller adds it). */
export interface EventSourceProblem {
  code: string
  property: string
  problem: string
  allowed: string
  fix: string
}

/** Limits the schema cannot check because durations come as strings ("5 minutes"). */
export function eventSourceProblems(options: QueueEventSourceProps | StreamEventSourceProps, property: string): EventSourceProblem[] {
  const problems: EventSourceProblem[] = []
  const check = (key: string, value: Duration | undefined, ok: (seconds: number) => boolean, allowed: string) => {
    if (value === undefined || ok(toSeconds(value))) return
    problems.push({
      code: "InvalidEventSource",
      property: `${property}.${key}`,
      problem: `is ${JSON.stringify(value)} (${toSeconds(value)} seconds).`,
      allowed,
      fix: `set ${key} within those bounds.`,
    })
  }
  check("maxBatchingWindow", options.maxBatchingWindow, (s) => s <= MAX_BATCHING_WINDOW_SECONDS, `at most ${MAX_BATCHING_WINDOW_SECONDS} seconds (Lambda's limit).`)
  const stream = options as StreamEventSourceProps
  check("maxRecordAge", stream.maxRecordAge, (s) => s >= 60 && s <= 604800, "60 seconds to 7 days (Lambda's limit).")
  check("tumblingWindow", stream.tumblingWindow, (s) => s <= 900, "at most 900 seconds (Lambda's limit).")
  return problems
}

/** A stream consumer written as an object (SST v1's `TableConsumerProps`, `KinesisStreamConsumerProps`). */
export interface StreamConsumerProps extends StreamEventSourceProps {
  /** The consumer function. @example function: { handler: "functions/indexer.main", timeout: 30 } */
  function: import("../function/props.ts").FunctionDefinition
  cdk?: {
    /** SST v1's place for the event source options; the same options may also sit beside `function`. */
    eventSource?: StreamEventSourceProps
  }
}

/** The options of a consumer: `cdk.eventSource` first, then the ones beside `function`. */
export function consumerOptions<T extends object>(consumer: T & { function?: unknown; cdk?: { eventSource?: object } }): Omit<T, "function" | "cdk"> {
  const { function: _fn, cdk, ...own } = consumer
  return { ...(cdk?.eventSource ?? {}), ...own } as Omit<T, "function" | "cdk">
}
