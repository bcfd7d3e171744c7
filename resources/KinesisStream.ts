/**
 * KinesisStream: a Kinesis data stream (SST v1's `KinesisStream`), encrypted with the AWS managed
 * key, provisioned with shards or on demand, read by consumer functions through event source
 * mappings.
 * @module
 */
import { z } from "zod"
import { assertSameShape, CfnResource, Construct, parseProps, type Problem } from "../compiler/index.ts"
import type { FunctionBinding, SSTConstruct } from "./bindable.ts"
import { Function } from "./Function.ts"
import { DurationSchema, toSeconds, type Duration } from "./function/duration.ts"
import type { Permissions } from "./function/permissions.ts"
import type { FunctionDefinition, FunctionProps } from "./function/props.ts"
import { consumerOptions, createEventSourceMapping, eventSourceProblems, StreamEventSourceSchema, type StreamConsumerProps } from "./targets/event-source.ts"
import { FunctionSet } from "./targets/function-set.ts"
import { childId, FunctionDefaultsSchema, FunctionDefinitionSchema } from "./targets/function-target.ts"

/** A consumer written as an object: the function plus how it reads the stream. */
export interface KinesisStreamConsumerProps extends StreamConsumerProps {}

/** Props of {@link KinesisStream}. */
export interface KinesisStreamProps {
  /**
   * Functions reading the stream, by name.
   * @example consumers: { indexer: "functions/indexer.main", audit: { function: "functions/audit.main", batchSize: 50 } }
   */
  consumers?: Record<string, FunctionDefinition | KinesisStreamConsumerProps>
  defaults?: {
    /** Props every consumer function starts from. */
    function?: FunctionProps
  }
  /** "provisioned" pays per shard; "on_demand" scales by itself and pays per use. @default "provisioned" */
  streamMode?: "provisioned" | "on_demand"
  /** Shards of a provisioned stream. @default 1 */
  shardCount?: number
  /** How long records stay readable (24 hours to 365 days). @default "1 day" */
  retentionPeriod?: Duration
  /** "managed" encrypts with the AWS managed key `alias/aws/kinesis`. @default "managed" */
  encryption?: "managed" | "unencrypted"
}

const ConsumerSchema = StreamEventSourceSchema.extend({
  function: FunctionDefinitionSchema,
  cdk: z.strictObject({ eventSource: StreamEventSourceSchema.optional() }).optional(),
})
const ConsumersSchema = z.record(z.string(), z.union([FunctionDefinitionSchema, ConsumerSchema]))
const KinesisStreamPropsSchema = z.strictObject({ // strict: `consumer` is an error, not a stream nobody reads
  consumers: ConsumersSchema.optional(),
  defaults: FunctionDefaultsSchema.optional(),
  streamMode: z.enum(["provisioned", "on_demand"]).optional(),
  shardCount: z.number().int().min(1).optional(),
  retentionPeriod: DurationSchema.optional(),
  encryption: z.enum(["managed", "unencrypted"]).optional(),
})
assertSameShape<KinesisStreamProps, z.input<typeof KinesisStreamPropsSchema>>()

/** Kinesis keeps records 24 to 8760 hours (IncreaseStreamRetentionPeriod). */
const RETENTION_HOURS = [24, 8760] as const
const READ_ACTIONS = ["kinesis:DescribeStreamSummary", "kinesis:GetRecords", "kinesis:GetShardIterator", "kinesis:ListShards", "kinesis:SubscribeToShard", "kinesis:DescribeStream", "kinesis:ListStreams"]

export class KinesisStream extends Construct implements SSTConstruct {
  /** The `AWS::Kinesis::Stream` resource. */
  readonly resource: CfnResource
  /** SST v1 apps reach the stream through `stream.cdk.stream`. */
  readonly cdk: { stream: CfnResource }
  private readonly props: z.output<typeof KinesisStreamPropsSchema>
  private readonly consumers = new FunctionSet("consumer", (problem) => this.report(problem))
  private readonly attributes: { arn?: string; name?: string } = {}

  constructor(scope: Construct, id: string, rawProps: KinesisStreamProps = {}) {
    super(scope, id)
    this.props = parseProps(KinesisStreamPropsSchema, rawProps, this, "KinesisStream")
    this.resource = this.createStream()
    this.cdk = { stream: this.resource }
    if (this.props.consumers) this.addConsumers(this, this.props.consumers)
  }

  /** The stream's name, which `PutRecord` takes. */
  get streamName(): string {
    return (this.attributes.name ??= this.resource.ref)
  }

  /** The stream's ARN. */
  get streamArn(): string {
    return (this.attributes.arn ??= this.resource.getAtt("Arn"))
  }

  /**
   * Adds consumers; their functions are created in `scope`.
   * @example stream.addConsumers(stack, { audit: "functions/audit.main" })
   */
  addConsumers(scope: Construct, consumers: Record<string, FunctionDefinition | KinesisStreamConsumerProps>): void {
    const parsed = parseProps(ConsumersSchema, consumers, this, "KinesisStream")
    for (const [name, consumer] of Object.entries(parsed)) this.addConsumer(scope, name, consumer)
  }

  /** The function of a consumer, by name. */
  getFunction(consumerName: string): Function | undefined {
    return this.consumers.get(consumerName)
  }

  /** Grants permissions to every consumer, present and future. */
  attachPermissions(permissions: Permissions): void {
    this.consumers.attachPermissions(permissions)
  }

  /** Grants permissions to one consumer. */
  attachPermissionsToConsumer(consumerName: string, permissions: Permissions): void {
    this.consumers.named(consumerName, "attachPermissionsToConsumer")?.attachPermissions(permissions)
  }

  /** Binds constructs to every consumer, present and future. */
  bind(constructs: SSTConstruct[]): void {
    this.consumers.bind(constructs)
  }

  /** Binds constructs to one consumer. */
  bindToConsumer(consumerName: string, constructs: SSTConstruct[]): void {
    this.consumers.named(consumerName, "bindToConsumer")?.bind(constructs)
  }

  getConstructMetadata(): unknown {
    return { type: "KinesisStream", data: { streamName: this.streamName, consumers: this.consumers.entries.map(([name, fn]) => ({ name, fn: fn.path })) } }
  }

  /** Binding gives `SST_KinesisStream_streamName_<id>` and `kinesis:*` on this stream only. */
  getFunctionBinding(): FunctionBinding {
    return {
      clientPackage: "kinesis-stream",
      variables: { streamName: { type: "plain", value: this.streamName } },
      permissions: { "kinesis:*": [this.streamArn] },
    }
  }

  private createStream(): CfnResource {
    const { streamMode, shardCount, retentionPeriod, encryption } = this.props
    const onDemand = streamMode === "on_demand"
    if (onDemand && shardCount !== undefined) {
      this.report({ code: "ShardCountOnDemand", property: "shardCount", problem: `is ${shardCount} on an on-demand stream.`, allowed: "shardCount with streamMode \"provisioned\" only; on-demand streams size themselves.", fix: 'remove shardCount, or set streamMode: "provisioned".' })
    }
    return new CfnResource(this, "Resource", {
      type: "AWS::Kinesis::Stream",
      properties: {
        Name: this.app.logicalPrefixedName(this.id),
        ShardCount: onDemand ? undefined : (shardCount ?? 1),
        StreamModeDetails: { StreamMode: onDemand ? "ON_DEMAND" : "PROVISIONED" },
        RetentionPeriodHours: retentionPeriod === undefined ? undefined : this.retentionHours(retentionPeriod),
        StreamEncryption: encryption === "unencrypted" ? undefined : { EncryptionType: "KMS", KeyId: "alias/aws/kinesis" },
      },
    })
  }

  private addConsumer(scope: Construct, name: string, consumer: FunctionDefinition | KinesisStreamConsumerProps): void {
    const property = `consumers.${name}`
    if (this.consumers.has(name)) {
      this.report({ code: "DuplicateConsumer", property, problem: "is already a consumer of this stream.", allowed: "consumer names that are unique per stream.", fix: "give the consumer another name." })
      return
    }
    const isProps = typeof consumer === "object" && !(consumer instanceof Function) && "function" in consumer
    const definition = isProps ? (consumer as KinesisStreamConsumerProps).function : (consumer as FunctionDefinition)
    const options = isProps ? consumerOptions(consumer as KinesisStreamConsumerProps) : {}
    for (const problem of eventSourceProblems(options, property)) this.report(problem)
    const fn = Function.fromDefinition(scope, childId(this, scope, "Consumer", name), definition, this.props.defaults?.function, `is a consumer of the KinesisStream "${this.displayPath}", whose defaults.function cannot apply to a Function that already exists.`)
    this.consumers.add(name, fn)
    const mappingId = definition instanceof Function ? `EventSource_${this.id}` : "EventSource"
    createEventSourceMapping(fn, mappingId, { arn: this.streamArn, kind: "stream", read: { actions: READ_ACTIONS, resources: [this.streamArn] } }, options)
  }

  private retentionHours(period: Duration): number {
    const hours = toSeconds(period) / 3600
    const [min, max] = RETENTION_HOURS
    if (!Number.isInteger(hours) || hours < min || hours > max) {
      this.report({ code: "InvalidRetentionPeriod", property: "retentionPeriod", problem: `is ${JSON.stringify(period)} (${hours} hours).`, allowed: `whole hours from ${min} to ${max} (Kinesis's limits).`, fix: 'set e.g. retentionPeriod: "7 days".' })
    }
    return hours
  }

  private report(problem: Omit<Problem, "path" | "construct">): void {
    this.app.report({ ...problem, path: this.displayPath, construct: "KinesisStream" } as Problem)
  }
}
