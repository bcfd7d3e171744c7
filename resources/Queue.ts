/**
 * Queue: an SQS queue (SST v1's `Queue`), optionally consumed by one function through an event
 * source mapping.
 *
 * The visibility timeout follows Lambda's advice: at least six times the consumer's timeout, so a
 * throttled batch can be retried before its messages reappear. Services that send to the queue
 * (SNS topics, EventBridge rules, S3 buckets) add statements to the one queue policy the queue
 * owns: two `AWS::SQS::QueuePolicy` resources on one queue would overwrite each other.
 * @module
 */
import { z } from "zod"
import { assertSameShape, CfnResource, Construct, Lazy, parseProps, type Problem } from "../compiler/index.ts"
import type { FunctionBinding, SSTConstruct } from "./bindable.ts"
import { Function } from "./Function.ts"
import { DurationSchema, toSeconds, type Duration } from "./function/duration.ts"
import type { Permissions } from "./function/permissions.ts"
import type { FunctionDefinition } from "./function/props.ts"
import { deadLetterQueueArn, isDeadLetterTarget, QUEUE_LIMITS, type QueueDeadLetterQueueProps } from "./queue/settings.ts"
import { consumerOptions, createEventSourceMapping, eventSourceProblems, QueueEventSourceSchema, type QueueEventSourceProps } from "./targets/event-source.ts"
import { FunctionDefinitionSchema } from "./targets/function-target.ts"
import type { ResourcePolicyStatement } from "./targets/resource-policy.ts"

export type { QueueDeadLetterQueueProps } from "./queue/settings.ts"
export type { QueueEventSourceProps } from "./targets/event-source.ts"

/** A consumer written as an object: the function plus how it reads the queue. */
export interface QueueConsumerProps extends QueueEventSourceProps {
  /** The consumer function. @example function: { handler: "functions/worker.main", timeout: 30 } */
  function: FunctionDefinition
  cdk?: {
    /** SST v1's place for the event source options; they may also sit beside `function`. */
    eventSource?: QueueEventSourceProps
  }
}

/** The queue's own settings; SST v1 apps pass them as `cdk.queue`. */
export interface QueueSettingsProps {
  /** First-in-first-out delivery; the queue's name then ends in ".fifo". @default false */
  fifo?: boolean
  /** FIFO only: deduplicate by a hash of the body when a message has no deduplication id. @default true for FIFO queues */
  contentBasedDeduplication?: boolean
  /** How long a received message stays hidden from other consumers. @default six times the consumer's timeout, at least 30 seconds */
  visibilityTimeout?: Duration
  /** How long SQS keeps a message (1 minute to 14 days). @default "4 days" */
  retentionPeriod?: Duration
  /** How long a new message stays invisible (0 to 15 minutes). @default 0 */
  deliveryDelay?: Duration
  /** Long polling wait of ReceiveMessage (0 to 20 seconds). @default 0 */
  receiveMessageWaitTime?: Duration
  /** Where messages go after failing `maxReceiveCount` times. @example deadLetterQueue: { queue: failed, maxReceiveCount: 3 } */
  deadLetterQueue?: QueueDeadLetterQueueProps
}

/** Props of {@link Queue}. */
export interface QueueProps extends QueueSettingsProps {
  /** The function that receives the messages. @example consumer: "functions/worker.main" */
  consumer?: FunctionDefinition | QueueConsumerProps
  cdk?: {
    /** SST v1's place for the queue settings (the same names as above). */
    queue?: QueueSettingsProps
  }
}

const DeadLetterSchema = z.strictObject({
  queue: z.custom<QueueDeadLetterQueueProps["queue"]>(isDeadLetterTarget, { message: "a Queue, an AWS::SQS::Queue resource or { queueArn }" }),
  maxReceiveCount: z.number().int().min(1).max(1000),
})
const SettingsShape = {
  fifo: z.boolean().optional(),
  contentBasedDeduplication: z.boolean().optional(),
  visibilityTimeout: DurationSchema.optional(),
  retentionPeriod: DurationSchema.optional(),
  deliveryDelay: DurationSchema.optional(),
  receiveMessageWaitTime: DurationSchema.optional(),
  deadLetterQueue: DeadLetterSchema.optional(),
}
const ConsumerSchema = QueueEventSourceSchema.extend({
  function: FunctionDefinitionSchema,
  cdk: z.strictObject({ eventSource: QueueEventSourceSchema.optional() }).optional(),
})
const ConsumerDefinitionSchema = z.union([FunctionDefinitionSchema, ConsumerSchema])
const QueuePropsSchema = z.strictObject({ // strict: `visiblityTimeout` is an error, not the default
  ...SettingsShape,
  consumer: ConsumerDefinitionSchema.optional(),
  cdk: z.strictObject({ queue: z.strictObject(SettingsShape).optional() }).optional(),
})
assertSameShape<QueueProps, z.input<typeof QueuePropsSchema>>()

/** Lambda's SQS advice: visibility timeout at least six times the function timeout. */
const VISIBILITY_FACTOR = 6
const DEFAULT_VISIBILITY_SECONDS = 30
const DEFAULT_FUNCTION_TIMEOUT_SECONDS = 10
const CONSUME_ACTIONS = ["sqs:ReceiveMessage", "sqs:ChangeMessageVisibility", "sqs:GetQueueUrl", "sqs:DeleteMessage", "sqs:GetQueueAttributes"]

export class Queue extends Construct implements SSTConstruct {
  /** The `AWS::SQS::Queue` resource. */
  readonly resource: CfnResource
  /** SST v1 apps reach the queue through `queue.cdk.queue`. */
  readonly cdk: { queue: CfnResource }
  /** Whether the queue is first-in-first-out. */
  readonly fifo: boolean
  private readonly settings: QueueSettingsProps
  private consumer: Function | undefined
  private readonly permissionsForConsumer: Permissions[] = []
  private readonly bindForConsumer: SSTConstruct[] = []
  private readonly policyStatements: ResourcePolicyStatement[] = []
  private policy: CfnResource | undefined
  private readonly attributes: { arn?: string; url?: string; name?: string } = {}

  constructor(scope: Construct, id: string, rawProps: QueueProps = {}) {
    super(scope, id)
    const props = parseProps(QueuePropsSchema, rawProps, this, "Queue")
    this.settings = this.mergeSettings(props)
    this.fifo = this.settings.fifo === true
    this.resource = this.createQueue()
    this.cdk = { queue: this.resource }
    if (props.consumer) this.addConsumer(this, props.consumer)
  }

  /** The queue's ARN. */
  get queueArn(): string {
    return (this.attributes.arn ??= this.resource.getAtt("Arn"))
  }

  /** The queue's URL, which the SQS API takes. */
  get queueUrl(): string {
    return (this.attributes.url ??= this.resource.ref)
  }

  /** The queue's name. */
  get queueName(): string {
    return (this.attributes.name ??= this.resource.getAtt("QueueName"))
  }

  /** The consumer's function, once there is one. */
  get consumerFunction(): Function | undefined {
    return this.consumer
  }

  /**
   * Adds the consumer (a queue has at most one); its function is created in `scope`.
   * @example queue.addConsumer(stack, { function: "functions/worker.main", cdk: { eventSource: { batchSize: 5 } } })
   */
  addConsumer(scope: Construct, consumer: FunctionDefinition | QueueConsumerProps): void {
    const parsed = parseProps(z.strictObject({ consumer: ConsumerDefinitionSchema }), { consumer }, this, "Queue").consumer
    if (this.consumer) {
      this.report({ code: "ConsumerExists", property: "consumer", problem: `is added twice; the queue is already consumed by "${this.consumer.displayPath}".`, allowed: "one consumer per queue (Lambda shares the messages between mappings, it does not copy them).", fix: "fan out with a Topic whose subscribers are queues, one queue per consumer." })
      return
    }
    const isProps = typeof parsed === "object" && !(parsed instanceof Function) && "function" in parsed
    const definition = isProps ? (parsed as QueueConsumerProps).function : (parsed as FunctionDefinition)
    const options = isProps ? consumerOptions(parsed as QueueConsumerProps) : {}
    const fn = Function.fromDefinition(scope, scope === this ? "Consumer" : `${this.id}_Consumer`, definition)
    this.consumer = fn
    for (const permissions of this.permissionsForConsumer) fn.attachPermissions(permissions)
    if (this.bindForConsumer.length > 0) fn.bind(this.bindForConsumer)
    this.checkConsumerOptions(options)
    this.setVisibilityTimeout(fn)
    const mappingId = definition instanceof Function ? `EventSource_${this.id}` : "EventSource"
    createEventSourceMapping(fn, mappingId, { arn: this.queueArn, kind: "queue", read: { actions: CONSUME_ACTIONS, resources: [this.queueArn] } }, options)
  }

  /** Grants the consumer permissions (also one added later). */
  attachPermissions(permissions: Permissions): void {
    this.consumer?.attachPermissions(permissions)
    this.permissionsForConsumer.push(permissions)
  }

  /** Binds constructs to the consumer (also one added later). */
  bind(constructs: SSTConstruct[]): void {
    this.consumer?.bind(constructs)
    this.bindForConsumer.push(...constructs)
  }

  /**
   * Adds a statement to the queue's policy, and returns the policy (for DependsOn). Topics, event
   * buses and buckets use it to let their service send to the queue.
   */
  addToResourcePolicy(statement: ResourcePolicyStatement): CfnResource {
    if (!this.policyStatements.some((s) => JSON.stringify(s) === JSON.stringify(statement))) this.policyStatements.push(statement)
    this.policy ??= new CfnResource(this, "Policy", {
      type: "AWS::SQS::QueuePolicy",
      properties: {
        Queues: [this.queueUrl],
        PolicyDocument: { Version: "2012-10-17", Statement: new Lazy(() => [...this.policyStatements], this.app) },
      },
    })
    return this.policy
  }

  getConstructMetadata(): unknown {
    return { type: "Queue", data: { name: this.queueName, url: this.queueUrl, consumer: this.consumer?.path } }
  }

  /** Binding gives `SST_Queue_queueUrl_<id>` and `sqs:*` on this queue only. */
  getFunctionBinding(): FunctionBinding {
    return {
      clientPackage: "queue",
      variables: { queueUrl: { type: "plain", value: this.queueUrl } },
      permissions: { "sqs:*": [this.queueArn] },
    }
  }

  private mergeSettings(props: z.output<typeof QueuePropsSchema>): QueueSettingsProps {
    const fromCdk = props.cdk?.queue ?? {}
    const own = Object.fromEntries(Object.keys(SettingsShape).filter((key) => props[key as keyof QueueSettingsProps] !== undefined).map((key) => [key, props[key as keyof QueueSettingsProps]]))
    for (const key of Object.keys(own)) {
      if (key in fromCdk && (fromCdk as Record<string, unknown>)[key] !== undefined) {
        this.report({ code: "DuplicateProp", property: `cdk.queue.${key}`, problem: `is set here and as ${key}.`, allowed: "each setting in one place.", fix: `keep ${key} and remove cdk.queue.${key}.` })
      }
    }
    return { ...fromCdk, ...own }
  }

  private createQueue(): CfnResource {
    const s = this.settings
    const name = this.app.logicalPrefixedName(this.id) + (this.fifo ? ".fifo" : "")
    if (name.length > QUEUE_LIMITS.nameLength) {
      this.report({ code: "QueueNameTooLong", problem: `makes the queue name ${JSON.stringify(name)} (${name.length} characters).`, allowed: `at most ${QUEUE_LIMITS.nameLength} characters, ".fifo" included ("<stage>-<app>-<id>").`, fix: `shorten the id by ${name.length - QUEUE_LIMITS.nameLength} characters.` })
    }
    if (s.contentBasedDeduplication !== undefined && !this.fifo) {
      this.report({ code: "FifoOnly", property: "contentBasedDeduplication", problem: "is set on a standard queue.", allowed: "contentBasedDeduplication on FIFO queues only.", fix: "set fifo: true, or remove contentBasedDeduplication." })
    }
    return new CfnResource(this, "Resource", {
      type: "AWS::SQS::Queue",
      properties: {
        QueueName: name,
        // Only add FifoQueue when true: CloudFormation refuses FifoQueue: false on some updates.
        FifoQueue: this.fifo ? true : undefined,
        ContentBasedDeduplication: this.fifo ? (s.contentBasedDeduplication ?? true) : undefined,
        VisibilityTimeout: this.seconds("visibilityTimeout", s.visibilityTimeout, QUEUE_LIMITS.visibilityTimeout),
        MessageRetentionPeriod: this.seconds("retentionPeriod", s.retentionPeriod, QUEUE_LIMITS.retentionPeriod),
        DelaySeconds: this.seconds("deliveryDelay", s.deliveryDelay, QUEUE_LIMITS.deliveryDelay),
        ReceiveMessageWaitTimeSeconds: this.seconds("receiveMessageWaitTime", s.receiveMessageWaitTime, QUEUE_LIMITS.receiveMessageWaitTime),
        RedrivePolicy: s.deadLetterQueue ? this.redrivePolicy(s.deadLetterQueue) : undefined,
        SqsManagedSseEnabled: true,
      },
    })
  }

  private redrivePolicy(dlq: QueueDeadLetterQueueProps): Record<string, string | number> {
    const dlqFifo = fifoOf(dlq.queue)
    if (dlqFifo !== undefined && dlqFifo !== this.fifo) {
      this.report({ code: "DeadLetterQueueType", property: "deadLetterQueue.queue", problem: `is a ${dlqFifo ? "FIFO" : "standard"} queue, and this one is ${this.fifo ? "FIFO" : "standard"}.`, allowed: "a dead-letter queue of the same type (SQS's rule).", fix: `set fifo: ${this.fifo} on the dead-letter queue.` })
    }
    return { deadLetterTargetArn: deadLetterQueueArn(dlq.queue), maxReceiveCount: dlq.maxReceiveCount }
  }

  private checkConsumerOptions(options: QueueEventSourceProps): void {
    for (const problem of eventSourceProblems(options, "consumer")) this.report(problem)
    if (this.fifo && options.batchSize !== undefined && options.batchSize > 10) {
      this.report({ code: "InvalidEventSource", property: "consumer.batchSize", problem: `is ${options.batchSize} on a FIFO queue.`, allowed: "at most 10 for FIFO queues (Lambda's limit).", fix: "set batchSize to 10 or less." })
    }
    if (this.fifo && options.maxBatchingWindow !== undefined) {
      this.report({ code: "InvalidEventSource", property: "consumer.maxBatchingWindow", problem: "is set on a FIFO queue.", allowed: "no batching window for FIFO queues (Lambda's rule).", fix: "remove maxBatchingWindow." })
    }
    if (!this.fifo && options.batchSize !== undefined && options.batchSize > 10 && (options.maxBatchingWindow === undefined || toSeconds(options.maxBatchingWindow) < 1)) {
      this.report({ code: "InvalidEventSource", property: "consumer.batchSize", problem: `is ${options.batchSize} without a batching window.`, allowed: "a batchSize over 10 together with maxBatchingWindow of at least 1 second (Lambda's rule).", fix: 'add maxBatchingWindow: "1 second" (or more).' })
    }
  }

  /** The default follows the consumer; an explicit value must leave it room. */
  private setVisibilityTimeout(fn: Function): void {
    const timeout = toSeconds(fn.props.timeout ?? DEFAULT_FUNCTION_TIMEOUT_SECONDS)
    const needed = timeout * VISIBILITY_FACTOR
    const explicit = this.settings.visibilityTimeout
    if (explicit === undefined) {
      this.resource.properties.VisibilityTimeout = Math.max(DEFAULT_VISIBILITY_SECONDS, needed)
      return
    }
    if (toSeconds(explicit) < needed) {
      this.report({
        code: "VisibilityTimeoutTooShort",
        property: "visibilityTimeout",
        problem: `is ${JSON.stringify(explicit)} (${toSeconds(explicit)} seconds), shorter than six times the consumer's timeout of ${timeout} seconds.`,
        allowed: `at least ${needed} seconds: Lambda's SQS guidance is six times the function timeout, so a throttled batch is retried before its messages reappear.`,
        fix: `set visibilityTimeout: ${needed} or more, leave it out (it then follows the consumer), or shorten the consumer's timeout.`,
      })
    }
  }

  private seconds(key: string, value: Duration | undefined, [min, max]: readonly [number, number]): number | undefined {
    if (value === undefined) return undefined
    const seconds = toSeconds(value)
    if (seconds < min || seconds > max || !Number.isInteger(seconds)) {
      this.report({ code: "InvalidQueueSetting", property: key, problem: `is ${JSON.stringify(value)} (${seconds} seconds).`, allowed: `whole seconds from ${min} to ${max} (SQS's limits).`, fix: `set ${key} within those bounds.` })
    }
    return seconds
  }

  private report(problem: Omit<Problem, "path" | "construct">): void {
    this.app.report({ ...problem, path: this.displayPath, construct: "Queue" } as Problem)
  }
}

/**
 * Whether a dead-letter queue is FIFO, when it says. Kept outside the class: a class that names
 * itself in its body is emitted by esbuild as `class _Queue`, and the binding's environment names
 * come from the class name.
 */
function fifoOf(queue: QueueDeadLetterQueueProps["queue"]): boolean | undefined {
  return queue instanceof Queue ? queue.fifo : undefined
}
