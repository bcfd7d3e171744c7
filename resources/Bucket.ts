/**
 * Bucket: an S3 bucket (SST v1's `Bucket`), private, encrypted, TLS-only and retained when
 * removed, with event notifications to functions, queues and topics.
 *
 * Notifications are plain CloudFormation: the bucket's NotificationConfiguration names each
 * destination and the bucket waits (DependsOn) for the Lambda permission or the queue or topic
 * policy that lets S3 deliver, since S3 checks them when the configuration is set. Those refer to
 * the bucket by its computed name, never by `Fn::GetAtt`, so there is no cycle
 * (bucket/physical-name.ts).
 * @module
 */
import { z } from "zod"
import { assertSameShape, Aws, CfnResource, Construct, Lazy, parseProps, type Problem, type Value } from "../compiler/index.ts"
import type { FunctionBinding, SSTConstruct } from "./bindable.ts"
import { BUCKET_EVENTS, DEFAULT_EVENTS, mergeFilters, overlaps, s3KeyFilter, type BucketFilter, type BucketNotificationEvent, type KeyFilter } from "./bucket/notifications.ts"
import { bucketNameProblem, computedBucketName, knownBucketAttributes } from "./bucket/physical-name.ts"
import { Function } from "./Function.ts"
import { DurationSchema, toSeconds, type Duration } from "./function/duration.ts"
import type { Permissions } from "./function/permissions.ts"
import type { FunctionDefinition, FunctionProps } from "./function/props.ts"
import { Queue } from "./Queue.ts"
import { FunctionSet } from "./targets/function-set.ts"
import { allowInvoke, childId, FunctionDefaultsSchema, FunctionDefinitionSchema } from "./targets/function-target.ts"
import { serviceStatement } from "./targets/resource-policy.ts"
import { Topic } from "./Topic.ts"

export type { BucketFilter, BucketNotificationEvent } from "./bucket/notifications.ts"

export interface BucketCorsRule {
  /** @example allowedMethods: ["GET", "PUT"] */
  allowedMethods: ("GET" | "PUT" | "HEAD" | "POST" | "DELETE")[]
  /** Origins with their protocol, or "*". @example allowedOrigins: ["https://example.com"] */
  allowedOrigins: string[]
  allowedHeaders?: string[]
  exposedHeaders?: string[]
  /** How long browsers may cache the preflight answer. @example maxAge: "1 day" */
  maxAge?: Duration
  id?: string
}

interface BucketNotificationCommonProps {
  /** The S3 events that notify. @default ["object_created", "object_removed"] */
  events?: BucketNotificationEvent[]
  /** Which keys notify: at most one prefix and one suffix. @example filters: [{ prefix: "uploads/" }, { suffix: ".jpg" }] */
  filters?: BucketFilter[]
}

export interface BucketFunctionNotificationProps extends BucketNotificationCommonProps {
  /** Marks a function target; optional. */
  type?: "function"
  function: FunctionDefinition
}

export interface BucketQueueNotificationProps extends BucketNotificationCommonProps {
  /** Marks a queue target. */
  type: "queue"
  queue: Queue
}

export interface BucketTopicNotificationProps extends BucketNotificationCommonProps {
  /** Marks a topic target. */
  type: "topic"
  topic: Topic
}

export type BucketNotification = FunctionDefinition | Queue | Topic | BucketFunctionNotificationProps | BucketQueueNotificationProps | BucketTopicNotificationProps

/** Props of {@link Bucket}. */
export interface BucketProps {
  /** The bucket's name, unique across all of S3. @default "<stage>-<app>-<id>-<account>-<region>", in lower case */
  name?: string
  /** `true` allows every origin and header with GET, PUT, HEAD, POST and DELETE. @default true */
  cors?: boolean | BucketCorsRule[]
  /**
   * Notifications by name, to functions, queues and topics.
   * @example notifications: { resize: { function: "functions/resize.main", events: ["object_created"], filters: [{ suffix: ".jpg" }] } }
   */
  notifications?: Record<string, BucketNotification>
  defaults?: {
    /** Props every notification function starts from. */
    function?: FunctionProps
  }
}

const EventSchema = z.enum(Object.keys(BUCKET_EVENTS) as [BucketNotificationEvent, ...BucketNotificationEvent[]])
const CommonShape = {
  events: z.array(EventSchema).min(1).optional(),
  filters: z.array(z.strictObject({ prefix: z.string().min(1).optional(), suffix: z.string().min(1).optional() })).optional(),
}
const isQueue = (value: unknown) => value instanceof Queue
const isTopic = (value: unknown) => value instanceof Topic
const FunctionNotificationSchema = z.strictObject({ ...CommonShape, type: z.literal("function").optional(), function: FunctionDefinitionSchema })
const QueueNotificationSchema = z.strictObject({ ...CommonShape, type: z.literal("queue"), queue: z.custom<Queue>(isQueue, { message: "a Queue" }) })
const TopicNotificationSchema = z.strictObject({ ...CommonShape, type: z.literal("topic"), topic: z.custom<Topic>(isTopic, { message: "a Topic" }) })
const ShortNotificationSchema = z.union([FunctionDefinitionSchema, z.custom<Queue>(isQueue), z.custom<Topic>(isTopic)])
/** Checked entry by entry in addNotifications, with the schema of the form each one has. */
const NotificationsSchema = z.record(z.string(), z.custom<BucketNotification>(() => true))

/**
 * The schema of the form `value` has. Picking it first (instead of a union of three objects)
 * keeps zod's issues precise: a misspelt event is reported at `events[0]`, not as "no form fits".
 */
function notificationSchema(value: unknown): z.ZodType {
  const has = (key: string) => value !== null && typeof value === "object" && key in value
  if (has("queue") || (value as { type?: unknown } | null)?.type === "queue") return QueueNotificationSchema
  if (has("topic") || (value as { type?: unknown } | null)?.type === "topic") return TopicNotificationSchema
  if (has("function") || has("events") || has("filters")) return FunctionNotificationSchema
  return ShortNotificationSchema
}

const CorsRuleSchema = z.strictObject({
  allowedMethods: z.array(z.enum(["GET", "PUT", "HEAD", "POST", "DELETE"])).min(1),
  allowedOrigins: z.array(z.string().min(1)).min(1),
  allowedHeaders: z.array(z.string()).optional(),
  exposedHeaders: z.array(z.string()).optional(),
  maxAge: DurationSchema.optional(),
  id: z.string().max(255).optional(),
})
const BucketPropsSchema = z.strictObject({ // strict: `notification` is an error, not a silent bucket
  name: z.string().min(1).optional(),
  // Rules are checked in corsConfiguration: inside a union, zod would only say "no form fits".
  cors: z.union([z.boolean(), z.array(z.custom<BucketCorsRule>((value) => value !== null && typeof value === "object"))]).optional(),
  notifications: NotificationsSchema.optional(),
  defaults: FunctionDefaultsSchema.optional(),
})
assertSameShape<BucketProps, z.input<typeof BucketPropsSchema>>()

const ALL_METHODS = ["GET", "PUT", "HEAD", "POST", "DELETE"]

interface Configured {
  name: string
  events: string[]
  filter: KeyFilter
}

export class Bucket extends Construct implements SSTConstruct {
  /** The `AWS::S3::Bucket` resource. */
  readonly resource: CfnResource
  /** SST v1 apps reach the bucket through `bucket.cdk.bucket`. */
  readonly cdk: { bucket: CfnResource }
  /** The bucket's physical name as written in the template. */
  readonly physicalName: string
  private readonly props: z.output<typeof BucketPropsSchema>
  private readonly known: { name: string; arn: string; localArn: string }
  private readonly functions = new FunctionSet("notification", (problem) => this.report(problem))
  private readonly destinations: Record<string, Function | Queue | Topic> = {}
  private readonly configured: Configured[] = []
  private readonly configurations = { LambdaConfigurations: [] as Value[], QueueConfigurations: [] as Value[], TopicConfigurations: [] as Value[] }

  constructor(scope: Construct, id: string, rawProps: BucketProps = {}) {
    super(scope, id)
    this.props = parseProps(BucketPropsSchema, rawProps, this, "Bucket")
    this.physicalName = this.props.name ?? computedBucketName(this.app, this.id)
    this.checkName()
    this.resource = this.createBucket()
    this.cdk = { bucket: this.resource }
    this.known = knownBucketAttributes(this.resource, this.physicalName)
    this.createTlsOnlyPolicy()
    if (this.props.notifications) this.addNotifications(this, this.props.notifications)
  }

  /** The bucket's name. */
  get bucketName(): string {
    return this.known.name
  }

  /** The bucket's ARN. */
  get bucketArn(): string {
    return this.known.arn
  }

  /** The functions of the function notifications. */
  get notificationFunctions(): Function[] {
    return this.functions.all
  }

  /**
   * Adds notifications; their functions are created in `scope`.
   * @example bucket.addNotifications(stack, { thumbnails: { function: "functions/thumb.main", events: ["object_created"] } })
   */
  addNotifications(scope: Construct, notifications: Record<string, BucketNotification>): void {
    const shape = Object.fromEntries(Object.entries(notifications ?? {}).map(([name, value]) => [name, notificationSchema(value)]))
    const parsed = parseProps(z.strictObject({ notifications: z.strictObject(shape) }), { notifications }, this, "Bucket").notifications
    for (const [name, notification] of Object.entries(parsed)) this.addNotification(scope, name, notification as BucketNotification)
  }

  /** The function of a function notification, by name. */
  getFunction(notificationName: string): Function | undefined {
    return this.functions.get(notificationName)
  }

  /** Grants permissions to every notification function, present and future. */
  attachPermissions(permissions: Permissions): void {
    this.functions.attachPermissions(permissions)
  }

  /** Grants permissions to one notification function. */
  attachPermissionsToNotification(notificationName: string, permissions: Permissions): void {
    this.functions.named(notificationName, "attachPermissionsToNotification")?.attachPermissions(permissions)
  }

  /** Binds constructs to every notification function, present and future. */
  bind(constructs: SSTConstruct[]): void {
    this.functions.bind(constructs)
  }

  /** Binds constructs to one notification function. */
  bindToNotification(notificationName: string, constructs: SSTConstruct[]): void {
    this.functions.named(notificationName, "bindToNotification")?.bind(constructs)
  }

  getConstructMetadata(): unknown {
    return { type: "Bucket", data: { name: this.bucketName, notificationNames: Object.keys(this.destinations), notifications: this.functions.all.map((fn) => fn.path) } }
  }

  /** Binding gives `SST_Bucket_bucketName_<id>` and `s3:*` on the bucket and its objects only. */
  getFunctionBinding(): FunctionBinding {
    return {
      clientPackage: "bucket",
      variables: { bucketName: { type: "plain", value: this.bucketName } },
      permissions: { "s3:*": [this.bucketArn, `${this.bucketArn}/*`] },
    }
  }

  private createBucket(): CfnResource {
    const configurations = this.configurations
    return new CfnResource(this, "Resource", {
      type: "AWS::S3::Bucket",
      properties: {
        BucketName: this.physicalName,
        BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: "AES256" } }] },
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
        OwnershipControls: { Rules: [{ ObjectOwnership: "BucketOwnerEnforced" }] },
        CorsConfiguration: this.corsConfiguration(),
        NotificationConfiguration: new Lazy(() => {
          const present = Object.entries(configurations).filter(([, list]) => list.length > 0)
          return present.length > 0 ? Object.fromEntries(present) : undefined
        }, this.app),
      },
      // A bucket holds data: removing it from the app keeps it, unless the app's default says otherwise.
      removalPolicy: "retain",
    })
  }

  /** Refuses every request that does not use TLS. */
  private createTlsOnlyPolicy(): void {
    const arn = this.resource.getAtt("Arn")
    new CfnResource(this, "Policy", {
      type: "AWS::S3::BucketPolicy",
      properties: {
        Bucket: this.resource.ref,
        PolicyDocument: {
          Version: "2012-10-17",
          Statement: [{ Effect: "Deny", Principal: { AWS: "*" }, Action: "s3:*", Resource: [arn, `${arn}/*`], Condition: { Bool: { "aws:SecureTransport": "false" } } }],
        },
      },
    })
  }

  private corsConfiguration(): Record<string, Value> | undefined {
    const cors = this.props.cors
    if (cors === false) return undefined
    const rules = cors === undefined || cors === true ? [{ allowedMethods: ALL_METHODS, allowedOrigins: ["*"], allowedHeaders: ["*"] } as BucketCorsRule] : parseProps(z.strictObject({ cors: z.array(CorsRuleSchema) }), { cors }, this, "Bucket").cors
    return {
      CorsRules: rules.map((rule) => ({
        Id: rule.id,
        AllowedMethods: rule.allowedMethods,
        AllowedOrigins: rule.allowedOrigins,
        AllowedHeaders: rule.allowedHeaders,
        ExposedHeaders: rule.exposedHeaders,
        MaxAge: rule.maxAge === undefined ? undefined : toSeconds(rule.maxAge),
      })),
    }
  }

  private addNotification(scope: Construct, name: string, notification: BucketNotification): void {
    const property = `notifications.${name}`
    if (this.destinations[name]) {
      this.report({ code: "DuplicateNotification", property, problem: "is already a notification of this bucket.", allowed: "notification names that are unique per bucket.", fix: "give the notification another name." })
      return
    }
    const props = normalize(notification)
    const events = (props.events ?? DEFAULT_EVENTS).map((event) => BUCKET_EVENTS[event])
    const { filter, repeated } = mergeFilters(props.filters ?? [])
    if (repeated) {
      this.report({ code: "InvalidNotificationFilter", property: `${property}.filters`, problem: `gives more than one ${repeated}.`, allowed: "at most one prefix and one suffix per notification (S3's rule).", fix: `keep one ${repeated}, or add a second notification for the other.` })
    }
    this.checkOverlap({ name, events, filter }, property)
    const Filter = s3KeyFilter(filter)
    if ("queue" in props) this.notifyQueue(name, props.queue, events, Filter, property)
    else if ("topic" in props) this.notifyTopic(name, props.topic, events, Filter, property)
    else this.notifyFunction(scope, name, props.function, events, Filter)
  }

  private notifyFunction(scope: Construct, name: string, definition: FunctionDefinition, events: string[], Filter: Value): void {
    const fn = Function.fromDefinition(scope, childId(this, scope, "Notification", name), definition, this.props.defaults?.function, `is a notification of the Bucket "${this.displayPath}", whose defaults.function cannot apply to a Function that already exists.`)
    this.destinations[name] = fn
    this.functions.add(name, fn)
    // In the bucket's stack, so that the bucket can wait for it.
    const permission = allowInvoke(this, `NotificationPermission_${name}`, fn, "s3.amazonaws.com", this.known.localArn, Aws.ACCOUNT_ID)
    this.resource.addDependency(permission)
    for (const Event of events) this.configurations.LambdaConfigurations.push({ Event, Function: fn.functionArn, Filter })
  }

  private notifyQueue(name: string, queue: Queue, events: string[], Filter: Value, property: string): void {
    if (queue.fifo) {
      this.report({ code: "FifoDestination", property, problem: `is the FIFO queue "${queue.displayPath}"; S3 does not notify FIFO queues.`, allowed: "standard queues, standard topics and functions.", fix: "notify a standard queue." })
    }
    this.destinations[name] = queue
    const policy = queue.addToResourcePolicy(serviceStatement("s3.amazonaws.com", "sqs:SendMessage", queue.queueArn, this.known.localArn, Aws.ACCOUNT_ID))
    this.resource.addDependency(policy)
    for (const Event of events) this.configurations.QueueConfigurations.push({ Event, Queue: queue.queueArn, Filter })
  }

  private notifyTopic(name: string, topic: Topic, events: string[], Filter: Value, property: string): void {
    if (topic.fifo) {
      this.report({ code: "FifoDestination", property, problem: `is the FIFO topic "${topic.displayPath}"; S3 does not notify FIFO topics.`, allowed: "standard queues, standard topics and functions.", fix: "notify a standard topic." })
    }
    this.destinations[name] = topic
    const policy = topic.addToResourcePolicy(serviceStatement("s3.amazonaws.com", "sns:Publish", topic.topicArn, this.known.localArn, Aws.ACCOUNT_ID))
    this.resource.addDependency(policy)
    for (const Event of events) this.configurations.TopicConfigurations.push({ Event, Topic: topic.topicArn, Filter })
  }

  private checkOverlap(entry: Configured, property: string): void {
    const other = this.configured.find((existing) => overlaps(existing, entry))
    this.configured.push(entry)
    if (!other) return
    this.report({
      code: "OverlappingNotifications",
      property,
      problem: `and notifications.${other.name} match the same events for some keys; S3 refuses overlapping configurations.`,
      allowed: "notifications whose events differ, or whose prefixes or suffixes cannot both match one key.",
      fix: "give them different events, or filters such as [{ prefix: \"a/\" }] and [{ prefix: \"b/\" }].",
    })
  }

  private checkName(): void {
    if (this.props.name === undefined) return
    const problem = bucketNameProblem(this.props.name)
    if (!problem) return
    this.report({ code: "InvalidBucketName", property: "name", problem: `is ${JSON.stringify(this.props.name)}, which ${problem}.`, allowed: "3 to 63 lower-case letters, digits, '.' and '-', starting and ending with a letter or digit (S3's rules).", fix: `use e.g. ${JSON.stringify(this.props.name.toLowerCase().replace(/[^a-z0-9.-]/g, "-").replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, "").slice(0, 63) || "my-bucket")}, or leave name out.` })
  }

  private report(problem: Omit<Problem, "path" | "construct">): void {
    this.app.report({ ...problem, path: this.displayPath, construct: "Bucket" } as Problem)
  }
}

type NormalizedNotification = BucketFunctionNotificationProps | BucketQueueNotificationProps | BucketTopicNotificationProps

function normalize(notification: BucketNotification): NormalizedNotification {
  if (notification instanceof Queue) return { type: "queue", queue: notification }
  if (notification instanceof Topic) return { type: "topic", topic: notification }
  if (typeof notification === "object" && !(notification instanceof Function) && ("function" in notification || "queue" in notification || "topic" in notification)) {
    return notification as NormalizedNotification
  }
  return { function: notification as FunctionDefinition }
}
