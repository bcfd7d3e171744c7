/**
 * Topic: an SNS topic (SST v1's `Topic`) with function and queue subscribers.
 *
 * A function subscriber is an `AWS::SNS::Subscription` (protocol lambda) plus the permission that
 * lets SNS invoke it for this topic only; a queue subscriber is a subscription (protocol sqs) plus
 * a statement in the queue's policy letting this topic send to it. Both live beside the
 * subscriber's function in `scope`, so a topic shared between stacks does not make them depend on
 * each other.
 * @module
 */
import { z } from "zod"
import { assertSameShape, CfnResource, Construct, Lazy, parseProps, type Problem, type Value } from "../compiler/index.ts"
import type { FunctionBinding, SSTConstruct } from "./bindable.ts"
import { Function } from "./Function.ts"
import type { Permissions } from "./function/permissions.ts"
import type { FunctionDefinition, FunctionProps } from "./function/props.ts"
import { Queue } from "./Queue.ts"
import { allowInvoke, childId, FunctionDefaultsSchema, FunctionDefinitionSchema } from "./targets/function-target.ts"
import { FunctionSet } from "./targets/function-set.ts"
import { serviceStatement, type ResourcePolicyStatement } from "./targets/resource-policy.ts"

/** How SNS delivers to a subscriber (CDK's subscription props, with the filter policy as JSON). */
export interface TopicSubscriptionProps {
  /**
   * Only messages matching this SNS filter policy reach the subscriber.
   * @example filterPolicy: { color: ["red", "blue"], price: [{ numeric: [">", 100] }] }
   */
  filterPolicy?: Record<string, unknown>
  /** What the filter policy matches. @default "MessageAttributes" */
  filterPolicyScope?: "MessageAttributes" | "MessageBody"
}

export interface TopicFunctionSubscriberProps extends TopicSubscriptionProps {
  /** Marks a function target; optional. */
  type?: "function"
  /** @example function: { handler: "functions/receipt.main", timeout: 10 } */
  function: FunctionDefinition
  cdk?: { subscription?: TopicSubscriptionProps }
}

export interface TopicQueueSubscriberProps extends TopicSubscriptionProps {
  /** Marks a queue target. */
  type: "queue"
  /** @example queue: new Queue(stack, "Shipping") */
  queue: Queue
  /** Deliver the message body as is, without SNS's JSON envelope. @default false */
  rawMessageDelivery?: boolean
  cdk?: { subscription?: TopicSubscriptionProps & { rawMessageDelivery?: boolean } }
}

export type TopicSubscriber = FunctionDefinition | Queue | TopicFunctionSubscriberProps | TopicQueueSubscriberProps

/** Props of {@link Topic}. */
export interface TopicProps {
  /**
   * Subscribers by name: functions and queues.
   * @example subscribers: { receipt: "functions/receipt.main", shipping: { type: "queue", queue } }
   */
  subscribers?: Record<string, TopicSubscriber>
  /** First-in-first-out delivery (to queues only); the topic's name then ends in ".fifo". @default false */
  fifo?: boolean
  /** FIFO only: deduplicate by a hash of the body. @default true for FIFO topics */
  contentBasedDeduplication?: boolean
  defaults?: {
    /** Props every subscriber function starts from. */
    function?: FunctionProps
  }
  cdk?: {
    /** SST v1's place for the topic settings. */
    topic?: { fifo?: boolean; contentBasedDeduplication?: boolean }
  }
}

const SubscriptionShape = {
  filterPolicy: z.record(z.string(), z.unknown()).optional(),
  filterPolicyScope: z.enum(["MessageAttributes", "MessageBody"]).optional(),
}
const isQueue = (value: unknown) => value instanceof Queue
const FunctionSubscriberSchema = z.strictObject({
  ...SubscriptionShape,
  type: z.literal("function").optional(),
  function: FunctionDefinitionSchema,
  cdk: z.strictObject({ subscription: z.strictObject(SubscriptionShape).optional() }).optional(),
})
const QueueSubscriberSchema = z.strictObject({
  ...SubscriptionShape,
  type: z.literal("queue"),
  queue: z.custom<Queue>(isQueue, { message: "a Queue" }),
  rawMessageDelivery: z.boolean().optional(),
  cdk: z.strictObject({ subscription: z.strictObject({ ...SubscriptionShape, rawMessageDelivery: z.boolean().optional() }).optional() }).optional(),
})
const SubscribersSchema = z.record(z.string(), z.union([FunctionDefinitionSchema, z.custom<Queue>(isQueue), FunctionSubscriberSchema, QueueSubscriberSchema]))
const TopicSettingsShape = { fifo: z.boolean().optional(), contentBasedDeduplication: z.boolean().optional() }
const TopicPropsSchema = z.strictObject({ // strict: `subscriber` is an error, not a topic nobody hears
  subscribers: SubscribersSchema.optional(),
  ...TopicSettingsShape,
  defaults: FunctionDefaultsSchema.optional(),
  cdk: z.strictObject({ topic: z.strictObject(TopicSettingsShape).optional() }).optional(),
})
assertSameShape<TopicProps, z.input<typeof TopicPropsSchema>>()

/** SNS topic names: at most 256 characters, ".fifo" included. */
const MAX_TOPIC_NAME_LENGTH = 256

export class Topic extends Construct implements SSTConstruct {
  /** The `AWS::SNS::Topic` resource. */
  readonly resource: CfnResource
  /** SST v1 apps reach the topic through `topic.cdk.topic`. */
  readonly cdk: { topic: CfnResource }
  /** Whether the topic is first-in-first-out. */
  readonly fifo: boolean
  /** The `AWS::SNS::Subscription` resources, in the order subscribers were added. */
  readonly subscriptions: CfnResource[] = []
  private readonly props: z.output<typeof TopicPropsSchema>
  private readonly functions = new FunctionSet("subscriber", (problem) => this.report(problem))
  private readonly subscriberNames = new Set<string>()
  private readonly policyStatements: ResourcePolicyStatement[] = []
  private policy: CfnResource | undefined
  private readonly attributes: { arn?: string; name?: string } = {}

  constructor(scope: Construct, id: string, rawProps: TopicProps = {}) {
    super(scope, id)
    this.props = parseProps(TopicPropsSchema, rawProps, this, "Topic")
    const settings = { ...this.props.cdk?.topic, ...dropUndefined({ fifo: this.props.fifo, contentBasedDeduplication: this.props.contentBasedDeduplication }) }
    this.fifo = settings.fifo === true
    this.resource = this.createTopic(settings.contentBasedDeduplication)
    this.cdk = { topic: this.resource }
    if (this.props.subscribers) this.addSubscribers(this, this.props.subscribers)
  }

  /** The topic's ARN. */
  get topicArn(): string {
    return (this.attributes.arn ??= this.resource.ref)
  }

  /** The topic's name. */
  get topicName(): string {
    return (this.attributes.name ??= this.resource.getAtt("TopicName"))
  }

  /** The functions of the function subscribers. */
  get subscriberFunctions(): Function[] {
    return this.functions.all
  }

  /**
   * Adds subscribers; their functions and subscriptions are created in `scope`.
   * @example topic.addSubscribers(stack, { audit: "functions/audit.main" })
   */
  addSubscribers(scope: Construct, subscribers: Record<string, TopicSubscriber>): void {
    const parsed = parseProps(SubscribersSchema, subscribers, this, "Topic")
    for (const [name, subscriber] of Object.entries(parsed)) {
      const property = `subscribers.${name}`
      if (this.subscriberNames.has(name)) {
        this.report({ code: "DuplicateSubscriber", property, problem: "is already a subscriber of this topic.", allowed: "subscriber names that are unique per topic.", fix: "give the subscriber another name." })
        continue
      }
      this.subscriberNames.add(name)
      if (subscriber instanceof Queue) this.addQueueSubscriber(scope, name, { type: "queue", queue: subscriber })
      else if (isQueueSubscriber(subscriber)) this.addQueueSubscriber(scope, name, subscriber)
      else this.addFunctionSubscriber(scope, name, subscriber as FunctionDefinition | TopicFunctionSubscriberProps)
    }
  }

  /** The function of a function subscriber, by name. */
  getFunction(subscriberName: string): Function | undefined {
    return this.functions.get(subscriberName)
  }

  /** Grants permissions to every subscriber function, present and future. */
  attachPermissions(permissions: Permissions): void {
    this.functions.attachPermissions(permissions)
  }

  /** Grants permissions to one subscriber function. */
  attachPermissionsToSubscriber(subscriberName: string, permissions: Permissions): void {
    this.functions.named(subscriberName, "attachPermissionsToSubscriber")?.attachPermissions(permissions)
  }

  /** Binds constructs to every subscriber function, present and future. */
  bind(constructs: SSTConstruct[]): void {
    this.functions.bind(constructs)
  }

  /** Binds constructs to one subscriber function. */
  bindToSubscriber(subscriberName: string, constructs: SSTConstruct[]): void {
    this.functions.named(subscriberName, "bindToSubscriber")?.bind(constructs)
  }

  /** Adds a statement to the topic's policy, and returns the policy (buckets use it for notifications). */
  addToResourcePolicy(statement: ResourcePolicyStatement): CfnResource {
    if (!this.policyStatements.some((s) => JSON.stringify(s) === JSON.stringify(statement))) this.policyStatements.push(statement)
    this.policy ??= new CfnResource(this, "Policy", {
      type: "AWS::SNS::TopicPolicy",
      properties: {
        Topics: [this.topicArn],
        PolicyDocument: { Version: "2012-10-17", Statement: new Lazy(() => [...this.policyStatements], this.app) },
      },
    })
    return this.policy
  }

  getConstructMetadata(): unknown {
    return { type: "Topic", data: { topicArn: this.topicArn, subscribers: this.functions.entries.map(([name, fn]) => ({ name, fn: fn.path })) } }
  }

  /** Binding gives `SST_Topic_topicArn_<id>` and `sns:*` on this topic only. */
  getFunctionBinding(): FunctionBinding {
    return {
      clientPackage: "topic",
      variables: { topicArn: { type: "plain", value: this.topicArn } },
      permissions: { "sns:*": [this.topicArn] },
    }
  }

  private createTopic(contentBasedDeduplication: boolean | undefined): CfnResource {
    const name = this.app.logicalPrefixedName(this.id) + (this.fifo ? ".fifo" : "")
    if (name.length > MAX_TOPIC_NAME_LENGTH) {
      this.report({ code: "TopicNameTooLong", problem: `makes the topic name ${JSON.stringify(name)} (${name.length} characters).`, allowed: `at most ${MAX_TOPIC_NAME_LENGTH} characters.`, fix: `shorten the id by ${name.length - MAX_TOPIC_NAME_LENGTH} characters.` })
    }
    if (contentBasedDeduplication !== undefined && !this.fifo) {
      this.report({ code: "FifoOnly", property: "contentBasedDeduplication", problem: "is set on a standard topic.", allowed: "contentBasedDeduplication on FIFO topics only.", fix: "set fifo: true, or remove contentBasedDeduplication." })
    }
    return new CfnResource(this, "Resource", {
      type: "AWS::SNS::Topic",
      properties: {
        TopicName: name,
        FifoTopic: this.fifo ? true : undefined,
        ContentBasedDeduplication: this.fifo ? (contentBasedDeduplication ?? true) : undefined,
      },
    })
  }

  private addFunctionSubscriber(scope: Construct, name: string, subscriber: FunctionDefinition | TopicFunctionSubscriberProps): void {
    const isProps = typeof subscriber === "object" && !(subscriber instanceof Function) && "function" in subscriber
    const props = (isProps ? subscriber : { function: subscriber }) as TopicFunctionSubscriberProps
    if (this.fifo) {
      this.report({ code: "FifoTopicFunctionSubscriber", property: `subscribers.${name}`, problem: "is a function, and FIFO topics deliver to SQS queues only.", allowed: "queue subscribers on a FIFO topic.", fix: "subscribe a FIFO queue and let the function consume it, or make the topic standard." })
    }
    const fn = Function.fromDefinition(scope, childId(this, scope, "Subscriber", name), props.function, this.props.defaults?.function, `is a subscriber of the Topic "${this.displayPath}", whose defaults.function cannot apply to a Function that already exists.`)
    this.functions.add(name, fn)
    this.subscribe(scope, name, "lambda", fn.functionArn, { ...props.cdk?.subscription, ...dropUndefined({ filterPolicy: props.filterPolicy, filterPolicyScope: props.filterPolicyScope }) })
    allowInvoke(scope, childId(this, scope, "Permission", name), fn, "sns.amazonaws.com", this.topicArn)
  }

  private addQueueSubscriber(scope: Construct, name: string, subscriber: TopicQueueSubscriberProps): void {
    const { queue } = subscriber
    if (queue.fifo && !this.fifo) {
      this.report({ code: "FifoQueueOnStandardTopic", property: `subscribers.${name}`, problem: `is the FIFO queue "${queue.displayPath}", and standard topics cannot deliver to FIFO queues.`, allowed: "standard queues on a standard topic; FIFO queues on a FIFO topic.", fix: "set fifo: true on the topic, or subscribe a standard queue." })
    }
    const options = { ...subscriber.cdk?.subscription, ...dropUndefined({ filterPolicy: subscriber.filterPolicy, filterPolicyScope: subscriber.filterPolicyScope, rawMessageDelivery: subscriber.rawMessageDelivery }) }
    this.subscribe(scope, name, "sqs", queue.queueArn, options)
    queue.addToResourcePolicy(serviceStatement("sns.amazonaws.com", "sqs:SendMessage", queue.queueArn, this.topicArn))
  }

  private subscribe(scope: Construct, name: string, protocol: string, endpoint: string, options: TopicSubscriptionProps & { rawMessageDelivery?: boolean }): void {
    const properties: Record<string, Value> = { TopicArn: this.topicArn, Protocol: protocol, Endpoint: endpoint }
    if (options.filterPolicy) properties.FilterPolicy = options.filterPolicy as Record<string, Value>
    if (options.filterPolicyScope) properties.FilterPolicyScope = options.filterPolicyScope
    if (options.rawMessageDelivery !== undefined) properties.RawMessageDelivery = options.rawMessageDelivery
    this.subscriptions.push(new CfnResource(scope, childId(this, scope, "Subscription", name), { type: "AWS::SNS::Subscription", properties }))
  }

  private report(problem: Omit<Problem, "path" | "construct">): void {
    this.app.report({ ...problem, path: this.displayPath, construct: "Topic" } as Problem)
  }
}

function isQueueSubscriber(value: unknown): value is TopicQueueSubscriberProps {
  return typeof value === "object" && value !== null && (value as { type?: unknown }).type === "queue"
}

function dropUndefined<T extends Record<string, unknown>>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as Partial<T>
}
