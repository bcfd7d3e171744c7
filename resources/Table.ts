/**
 * Table: a DynamoDB table (SST v1's `Table`), on-demand, with point-in-time recovery and
 * encryption, retained when removed unless the app says otherwise.
 *
 * Attribute definitions hold only the fields that some key uses: CloudFormation refuses a table
 * whose AttributeDefinitions name an attribute no key schema uses, and SST v1 apps list every
 * field they store. Indexes added later (`addGlobalIndexes`) extend the same resource.
 * @module
 */
import { z } from "zod"
import { assertSameShape, CfnResource, Construct, parseProps, type Problem, type RemovalPolicy, type Value } from "../compiler/index.ts"
import type { FunctionBinding, SSTConstruct } from "./bindable.ts"
import { closest } from "../compiler/props.ts"
import { Function } from "./Function.ts"
import type { Permissions } from "./function/permissions.ts"
import type { FunctionDefinition, FunctionProps } from "./function/props.ts"
import type { KinesisStream } from "./KinesisStream.ts"
import {
  ATTRIBUTE_TYPES,
  INDEX_NAME_PATTERN,
  keySchema,
  MAX_GLOBAL_INDEXES,
  MAX_LOCAL_INDEXES,
  projectionOf,
  streamViewType,
  type TableFieldType,
  type TableProjection,
  type TableStreamViewType,
} from "./table/indexes.ts"
import { consumerOptions, createEventSourceMapping, eventSourceProblems, StreamEventSourceSchema, type StreamConsumerProps } from "./targets/event-source.ts"
import { childId, FunctionDefaultsSchema, FunctionDefinitionSchema } from "./targets/function-target.ts"
import { FunctionSet } from "./targets/function-set.ts"

export type { TableFieldType, TableProjection, TableStreamViewType } from "./table/indexes.ts"

export interface TableGlobalIndexProps {
  /** A field of `fields`. */
  partitionKey: string
  /** A field of `fields`. */
  sortKey?: string
  /** The attributes copied into the index. @default "all" */
  projection?: TableProjection
}

export interface TableLocalIndexProps {
  /** A field of `fields`; the partition key is the table's. */
  sortKey: string
  /** The attributes copied into the index. @default "all" */
  projection?: TableProjection
}

/** A consumer written as an object: the function plus how it reads the stream. */
export interface TableConsumerProps extends StreamConsumerProps {}

/**
 * The table's own settings where SST v1 apps put CDK's `TableProps` (`cdk.table`), for the
 * plain values they pass there; a CDK object (an imported table, an encryption key) is refused.
 */
export interface TableCdkTableProps {
  /** The physical name. @default "<stage>-<app>-<id>" */
  tableName?: string
  /** The same as `timeToLiveAttribute`; set it in one place. @example timeToLiveAttribute: "expireAt" */
  timeToLiveAttribute?: string
  /**
   * What removing the table from the app does (CDK's `RemovalPolicy.DESTROY` is "destroy");
   * `app.setDefaultRemovalPolicy` overrides it. @default "retain"
   */
  removalPolicy?: RemovalPolicy
  /** SST tables are on-demand; v1 apps spell that out as CDK's `BillingMode.PAY_PER_REQUEST`. @default "PAY_PER_REQUEST" */
  billingMode?: "PAY_PER_REQUEST"
  /** Point-in-time recovery. @default true */
  pointInTimeRecovery?: boolean
}

/** Props of {@link Table}. */
export interface TableProps {
  /**
   * The fields and their types; fields used in a key become attribute definitions.
   * @example fields: { userId: "string", noteId: "string", createdAt: "number" }
   */
  fields: Record<string, TableFieldType>
  /** The primary key. @example primaryIndex: { partitionKey: "userId", sortKey: "noteId" } */
  primaryIndex: { partitionKey: string; sortKey?: string }
  /** Global secondary indexes by name. @example globalIndexes: { byDate: { partitionKey: "userId", sortKey: "createdAt" } } */
  globalIndexes?: Record<string, TableGlobalIndexProps>
  /** Local secondary indexes by name (the table needs a sort key). @example localIndexes: { byDate: { sortKey: "createdAt" } } */
  localIndexes?: Record<string, TableLocalIndexProps>
  /** The field holding each item's expiry (epoch seconds). @example timeToLiveAttribute: "expireAt" */
  timeToLiveAttribute?: string
  /** A DynamoDB stream; `true` means "new_and_old_images". @default no stream */
  stream?: boolean | TableStreamViewType
  /** A KinesisStream that receives item-level changes. */
  kinesisStream?: KinesisStream
  /**
   * Functions reading the table's stream (needs `stream`), by name.
   * @example consumers: { indexer: "functions/indexer.main", audit: { function: "functions/audit.main", filters: [{ eventName: ["REMOVE"] }] } }
   */
  consumers?: Record<string, FunctionDefinition | TableConsumerProps>
  defaults?: {
    /** Props every consumer function starts from. @example defaults: { function: { timeout: 20 } } */
    function?: FunctionProps
  }
  cdk?: {
    /** SST v1's place for the table's own settings. @example cdk: { table: { tableName: "orders", removalPolicy: "destroy" } } */
    table?: TableCdkTableProps
  }
}

const FieldTypeSchema = z.enum(["string", "number", "binary"])
const ProjectionSchema = z.union([z.enum(["all", "keys_only"]), z.array(z.string().min(1)).min(1)])
const GlobalIndexSchema = z.strictObject({ partitionKey: z.string().min(1), sortKey: z.string().min(1).optional(), projection: ProjectionSchema.optional() })
const LocalIndexSchema = z.strictObject({ sortKey: z.string().min(1), projection: ProjectionSchema.optional() })
const ConsumerSchema = StreamEventSourceSchema.extend({
  function: FunctionDefinitionSchema,
  cdk: z.strictObject({ eventSource: StreamEventSourceSchema.optional() }).optional(),
})
const ConsumersSchema = z.record(z.string(), z.union([FunctionDefinitionSchema, ConsumerSchema]))
const isKinesisStream = (value: unknown) => typeof (value as { streamArn?: unknown } | null)?.streamArn === "string"

const TablePropsSchema = z.strictObject({ // strict: `primaryKey` instead of `primaryIndex` is an error, not a table without keys
  fields: z.record(z.string(), FieldTypeSchema),
  primaryIndex: z.strictObject({ partitionKey: z.string().min(1), sortKey: z.string().min(1).optional() }),
  globalIndexes: z.record(z.string(), GlobalIndexSchema).optional(),
  localIndexes: z.record(z.string(), LocalIndexSchema).optional(),
  timeToLiveAttribute: z.string().min(1).optional(),
  stream: z.union([z.boolean(), z.enum(["new_image", "old_image", "new_and_old_images", "keys_only"])]).optional(),
  kinesisStream: z.custom<KinesisStream>(isKinesisStream, { message: "a KinesisStream" }).optional(),
  consumers: ConsumersSchema.optional(),
  defaults: FunctionDefaultsSchema.optional(),
  cdk: z
    .strictObject({
      table: z
        .strictObject({
          tableName: z.string().regex(/^[a-zA-Z0-9_.-]{3,255}$/, "3 to 255 letters, digits, '_', '-' and '.' (DynamoDB's rule)").optional(),
          timeToLiveAttribute: z.string().min(1).optional(),
          removalPolicy: z.enum(["destroy", "retain", "snapshot"]).optional(),
          billingMode: z.literal("PAY_PER_REQUEST").optional(),
          pointInTimeRecovery: z.boolean().optional(),
        })
        .optional(),
    })
    .optional(),
})
assertSameShape<TableProps, z.input<typeof TablePropsSchema>>()

const STREAM_READ_ACTIONS = ["dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator", "dynamodb:ListStreams"]

export class Table extends Construct implements SSTConstruct {
  /** The `AWS::DynamoDB::Table` resource. */
  readonly resource: CfnResource
  /** SST v1 apps reach the underlying table through `table.cdk.table`. */
  readonly cdk: { table: CfnResource }
  private readonly props: z.output<typeof TablePropsSchema>
  private readonly consumers = new FunctionSet("consumer", (problem) => this.report(problem))
  private readonly attributeDefinitions: { AttributeName: string; AttributeType: string }[] = []
  private readonly globalIndexes: Record<string, Value>[] = []
  private readonly localIndexes: Record<string, Value>[] = []
  private readonly attributes: { arn?: string; name?: string; streamArn?: string } = {}

  constructor(scope: Construct, id: string, props: TableProps) {
    super(scope, id)
    this.props = parseProps(TablePropsSchema, props, this, "Table")
    this.resource = this.createTable()
    this.cdk = { table: this.resource }
    if (this.props.globalIndexes) this.addGlobalIndexes(this.props.globalIndexes)
    if (this.props.localIndexes) this.addLocalIndexes(this.props.localIndexes)
    if (this.props.consumers) this.addConsumers(this, this.props.consumers)
  }

  /** The table's name. */
  get tableName(): string {
    return (this.attributes.name ??= this.resource.ref)
  }

  /** The table's ARN. */
  get tableArn(): string {
    return (this.attributes.arn ??= this.resource.getAtt("Arn"))
  }

  /** The ARN of the table's DynamoDB stream, when `stream` is set. */
  get tableStreamArn(): string | undefined {
    if (!streamViewType(this.props.stream)) return undefined
    return (this.attributes.streamArn ??= this.resource.getAtt("StreamArn"))
  }

  /**
   * Adds global secondary indexes.
   * @example table.addGlobalIndexes({ byDate: { partitionKey: "userId", sortKey: "createdAt" } })
   */
  addGlobalIndexes(indexes: Record<string, TableGlobalIndexProps>): void {
    const parsed = parseProps(z.record(z.string(), GlobalIndexSchema), indexes, this, "Table")
    for (const [name, index] of Object.entries(parsed)) {
      const property = `globalIndexes.${name}`
      if (!this.checkIndexName(name, property)) continue
      if (this.globalIndexes.length === MAX_GLOBAL_INDEXES) {
        this.report({ code: "TooManyIndexes", property, problem: `would be global index number ${MAX_GLOBAL_INDEXES + 1}.`, allowed: `at most ${MAX_GLOBAL_INDEXES} global secondary indexes per table (DynamoDB's quota).`, fix: "remove an index, or overload one index with generic keys (gsi1pk, gsi1sk)." })
        continue
      }
      const keys = [this.useField(index.partitionKey, `${property}.partitionKey`), index.sortKey && this.useField(index.sortKey, `${property}.sortKey`)]
      if (keys.includes(false)) continue
      this.globalIndexes.push({ IndexName: name, KeySchema: keySchema(index.partitionKey, index.sortKey), Projection: projectionOf(index.projection) })
    }
    this.resource.properties.GlobalSecondaryIndexes = this.globalIndexes.length > 0 ? this.globalIndexes : undefined
  }

  /**
   * Adds local secondary indexes; they share the table's partition key.
   * @example table.addLocalIndexes({ byDate: { sortKey: "createdAt" } })
   */
  addLocalIndexes(indexes: Record<string, TableLocalIndexProps>): void {
    const parsed = parseProps(z.record(z.string(), LocalIndexSchema), indexes, this, "Table")
    const { partitionKey, sortKey } = this.props.primaryIndex
    for (const [name, index] of Object.entries(parsed)) {
      const property = `localIndexes.${name}`
      if (!this.checkIndexName(name, property)) continue
      if (!sortKey) {
        this.report({ code: "LocalIndexNeedsSortKey", property, problem: "is a local index of a table without a sort key.", allowed: "local secondary indexes on tables whose primaryIndex has a sortKey.", fix: "add a sortKey to primaryIndex, or make this a global index with its own partitionKey." })
        continue
      }
      if (this.localIndexes.length === MAX_LOCAL_INDEXES) {
        this.report({ code: "TooManyIndexes", property, problem: `would be local index number ${MAX_LOCAL_INDEXES + 1}.`, allowed: `at most ${MAX_LOCAL_INDEXES} local secondary indexes per table (DynamoDB's quota).`, fix: "remove a local index, or use a global index instead." })
        continue
      }
      if (!this.useField(index.sortKey, `${property}.sortKey`)) continue
      this.localIndexes.push({ IndexName: name, KeySchema: keySchema(partitionKey, index.sortKey), Projection: projectionOf(index.projection) })
    }
    this.resource.properties.LocalSecondaryIndexes = this.localIndexes.length > 0 ? this.localIndexes : undefined
  }

  /**
   * Adds stream consumers; their functions are created in `scope`.
   * @example table.addConsumers(stack, { indexer: "functions/indexer.main" })
   */
  addConsumers(scope: Construct, consumers: Record<string, FunctionDefinition | TableConsumerProps>): void {
    const parsed = parseProps(ConsumersSchema, consumers, this, "Table")
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
    return { type: "Table", data: { tableName: this.tableName, consumers: this.consumers.entries.map(([name, fn]) => ({ name, fn: fn.path })) } }
  }

  /** Binding gives `SST_Table_tableName_<id>` and `dynamodb:*` on the table and its indexes. */
  getFunctionBinding(): FunctionBinding {
    return {
      clientPackage: "table",
      variables: { tableName: { type: "plain", value: this.tableName } },
      permissions: { "dynamodb:*": [this.tableArn, `${this.tableArn}/*`] },
    }
  }

  private createTable(): CfnResource {
    const { fields, primaryIndex, stream, kinesisStream } = this.props
    const settings = this.props.cdk?.table ?? {}
    if (this.props.timeToLiveAttribute !== undefined && settings.timeToLiveAttribute !== undefined) {
      this.report({ code: "DuplicateProp", property: "cdk.table.timeToLiveAttribute", problem: "is set here and as timeToLiveAttribute.", allowed: "each setting in one place.", fix: "keep timeToLiveAttribute and remove cdk.table.timeToLiveAttribute." })
    }
    const timeToLiveAttribute = this.props.timeToLiveAttribute ?? settings.timeToLiveAttribute
    if (Object.keys(fields).length === 0) {
      this.report({ code: "NoFields", property: "fields", problem: "is empty.", allowed: "at least the fields of the primary index, with their types.", fix: `list the key fields, e.g. fields: { ${primaryIndex.partitionKey}: "string" }.` })
    }
    this.useField(primaryIndex.partitionKey, "primaryIndex.partitionKey")
    if (primaryIndex.sortKey) this.useField(primaryIndex.sortKey, "primaryIndex.sortKey")
    const viewType = streamViewType(stream)
    return new CfnResource(this, "Resource", {
      type: "AWS::DynamoDB::Table",
      properties: {
        TableName: settings.tableName ?? this.app.logicalPrefixedName(this.id),
        BillingMode: "PAY_PER_REQUEST",
        AttributeDefinitions: this.attributeDefinitions,
        KeySchema: keySchema(primaryIndex.partitionKey, primaryIndex.sortKey),
        // Filled by addGlobalIndexes and addLocalIndexes; declared here to keep the key order.
        GlobalSecondaryIndexes: undefined,
        LocalSecondaryIndexes: undefined,
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: settings.pointInTimeRecovery ?? true },
        SSESpecification: { SSEEnabled: true },
        StreamSpecification: viewType ? { StreamViewType: viewType } : undefined,
        TimeToLiveSpecification: timeToLiveAttribute ? { AttributeName: timeToLiveAttribute, Enabled: true } : undefined,
        KinesisStreamSpecification: kinesisStream ? { StreamArn: kinesisStream.streamArn } : undefined,
      },
      // A table holds data: removing it from the app keeps it, unless the app's default says otherwise.
      removalPolicy: settings.removalPolicy ?? "retain",
    })
  }

  private addConsumer(scope: Construct, name: string, consumer: FunctionDefinition | TableConsumerProps): void {
    const property = `consumers.${name}`
    if (this.consumers.has(name)) {
      this.report({ code: "DuplicateConsumer", property, problem: "is already a consumer of this table.", allowed: "consumer names that are unique per table.", fix: "give the consumer another name." })
      return
    }
    const isProps = typeof consumer === "object" && !(consumer instanceof Function) && "function" in consumer
    const definition = isProps ? (consumer as TableConsumerProps).function : (consumer as FunctionDefinition)
    const options = isProps ? consumerOptions(consumer as TableConsumerProps) : {}
    for (const problem of eventSourceProblems(options, property)) this.report(problem)
    const fn = Function.fromDefinition(scope, childId(this, scope, "Consumer", name), definition, this.props.defaults?.function, `is a consumer of the Table "${this.displayPath}", whose defaults.function cannot apply to a Function that already exists.`)
    this.consumers.add(name, fn)
    const streamArn = this.tableStreamArn
    if (!streamArn) {
      this.report({ code: "StreamRequired", property, problem: "reads the table's stream, but the table has none.", allowed: "consumers on a table with `stream` set.", fix: 'set stream: true (or "new_image", "old_image", "keys_only").' })
      return
    }
    // A function made here has one source; a Function passed in may read several tables.
    const mappingId = definition instanceof Function ? `EventSource_${this.id}` : "EventSource"
    createEventSourceMapping(fn, mappingId, { arn: streamArn, kind: "stream", read: { actions: STREAM_READ_ACTIONS, resources: [streamArn] } }, options)
  }

  /** Records `field` as an attribute definition; reports it when `fields` does not have it. */
  private useField(field: string, property: string): boolean {
    const type = this.props.fields[field]
    if (!type) {
      const known = Object.keys(this.props.fields)
      const suggestion = closest(field, known)
      this.report({
        code: "UnknownIndexField",
        property,
        problem: `is ${JSON.stringify(field)}, which is not in fields.`,
        allowed: known.length > 0 ? `one of the fields: ${known.map((k) => JSON.stringify(k)).join(", ")}.` : "a field listed in fields.",
        fix: suggestion ? `did you mean "${suggestion}"?` : `add it to fields, e.g. fields: { ${field}: "string" }.`,
      })
      return false
    }
    if (!this.attributeDefinitions.some((a) => a.AttributeName === field)) this.attributeDefinitions.push({ AttributeName: field, AttributeType: ATTRIBUTE_TYPES[type] })
    return true
  }

  private checkIndexName(name: string, property: string): boolean {
    const taken = [...this.globalIndexes, ...this.localIndexes].some((index) => index.IndexName === name)
    if (taken) {
      this.report({ code: "DuplicateIndex", property, problem: `names an index that the table already has.`, allowed: "index names unique across global and local indexes.", fix: "give the index another name." })
      return false
    }
    if (!INDEX_NAME_PATTERN.test(name)) {
      this.report({ code: "InvalidIndexName", property, problem: `has the name ${JSON.stringify(name)}, which DynamoDB refuses.`, allowed: "3 to 255 letters, digits, '_', '-' and '.'.", fix: `rename it, e.g. ${JSON.stringify(name.replace(/[^a-zA-Z0-9_.-]/g, "_").padEnd(3, "_"))}.` })
      return false
    }
    return true
  }

  private report(problem: Omit<Problem, "path" | "construct">): void {
    this.app.report({ ...problem, path: this.displayPath, construct: "Table" } as Problem)
  }
}
