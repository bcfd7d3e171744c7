/**
 * A Kysely dialect over the RDS Data API: queries go to `ExecuteStatement` over HTTPS, so the
 * migrator (and any function) needs no connection into the cluster's VPC.
 *
 * Written here instead of taken from `kysely-data-api`, whose releases lag Kysely's (its peer range
 * stops at Kysely 0.27); the Data API side is small. What it does:
 * - SQL is compiled by Kysely's PostgreSQL or MySQL compiler, with parameters written `:p1, :p2, ...`
 *   because the Data API takes named parameters only.
 * - Values become typed SqlParameters (`stringValue`, `longValue`, ...); a Date is sent as a
 *   TIMESTAMP string, a plain object or array as JSON.
 * - Rows are rebuilt from `records` and `columnMetadata` (label, else name).
 * - A transaction is a Data API transaction (`BeginTransaction` → `transactionId` on every
 *   statement → `CommitTransaction` / `RollbackTransaction`); each connection holds at most one.
 * - A paused cluster (Aurora Serverless v2 scaled to 0 ACUs) answers `DatabaseResumingException`
 *   while it wakes up, which takes seconds; such calls are retried for up to a minute.
 * @module
 */
import {
  BeginTransactionCommand,
  CommitTransactionCommand,
  ExecuteStatementCommand,
  RollbackTransactionCommand,
  type Field,
  type RDSDataClient,
  type SqlParameter,
} from "@aws-sdk/client-rds-data"
import {
  MysqlAdapter,
  MysqlIntrospector,
  MysqlQueryCompiler,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type CompiledQuery,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  type QueryCompiler,
  type QueryResult,
} from "kysely"

export interface DataApiDialectConfig {
  mode: "postgres" | "mysql"
  client: RDSDataClient
  /** The cluster's ARN. */
  resourceArn: string
  /** The ARN of the secret with the credentials. */
  secretArn: string
  database: string
  /** How long to wait for a paused cluster to resume. @default 60000 */
  resumeTimeoutMs?: number
}

const RESUME_RETRY_MS = 2_000

/** Runs `call`, again while the cluster resumes from auto-pause. */
async function send<T>(config: DataApiDialectConfig, call: (client: RDSDataClient) => Promise<T>): Promise<T> {
  const deadline = Date.now() + (config.resumeTimeoutMs ?? 60_000)
  for (;;) {
    try {
      return await call(config.client)
    } catch (error) {
      if ((error as { name?: string }).name !== "DatabaseResumingException" || Date.now() + RESUME_RETRY_MS > deadline) throw error
      await new Promise((resolve) => setTimeout(resolve, Math.min(RESUME_RETRY_MS, config.resumeTimeoutMs ?? RESUME_RETRY_MS)))
    }
  }
}

export class DataApiDialect implements Dialect {
  constructor(private readonly config: DataApiDialectConfig) {}

  createAdapter(): DialectAdapter {
    return this.config.mode === "postgres" ? new PostgresAdapter() : new MysqlAdapter()
  }

  createDriver(): Driver {
    return new DataApiDriver(this.config)
  }

  createQueryCompiler(): QueryCompiler {
    return this.config.mode === "postgres" ? new DataApiPostgresQueryCompiler() : new DataApiMysqlQueryCompiler()
  }

  createIntrospector(db: Kysely<any>): DatabaseIntrospector {
    return this.config.mode === "postgres" ? new PostgresIntrospector(db) : new MysqlIntrospector(db)
  }
}

/** `$1` in PostgreSQL, `?` in MySQL; the Data API needs names. */
class DataApiPostgresQueryCompiler extends PostgresQueryCompiler {
  protected override getCurrentParameterPlaceholder(): string {
    return `:p${this.numParameters}`
  }
}

class DataApiMysqlQueryCompiler extends MysqlQueryCompiler {
  protected override getCurrentParameterPlaceholder(): string {
    return `:p${this.numParameters}`
  }
}

class DataApiDriver implements Driver {
  constructor(private readonly config: DataApiDialectConfig) {}

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    return new DataApiConnection(this.config)
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await (connection as DataApiConnection).begin()
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await (connection as DataApiConnection).commit()
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await (connection as DataApiConnection).rollback()
  }

  async releaseConnection(): Promise<void> {}

  async destroy(): Promise<void> {}
}

class DataApiConnection implements DatabaseConnection {
  private transactionId: string | undefined

  constructor(private readonly config: DataApiDialectConfig) {}

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const { resourceArn, secretArn, database } = this.config
    const command = new ExecuteStatementCommand({
      resourceArn,
      secretArn,
      database,
      sql: compiled.sql,
      parameters: compiled.parameters.map((value, index) => toSqlParameter(`p${index + 1}`, value)),
      transactionId: this.transactionId,
      includeResultMetadata: true,
    })
    const answer = await send(this.config, (client) => client.send(command))
    const columns = (answer.columnMetadata ?? []).map((column) => column.label || column.name || "?column?")
    const rows = (answer.records ?? []).map((record) => Object.fromEntries(record.map((field, index) => [columns[index], fromField(field)])) as R)
    const generated = answer.generatedFields?.[0]
    return {
      rows,
      ...(answer.numberOfRecordsUpdated !== undefined ? { numAffectedRows: BigInt(answer.numberOfRecordsUpdated) } : {}),
      ...(generated && "longValue" in generated && generated.longValue !== undefined ? { insertId: BigInt(generated.longValue) } : {}),
    }
  }

  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error("The RDS Data API has no cursors: streamQuery is not supported; page with limit and offset instead.")
  }

  async begin(): Promise<void> {
    if (this.transactionId) throw new Error("internal: a Data API connection holds one transaction at a time")
    const { resourceArn, secretArn, database } = this.config
    const answer = await send(this.config, (client) => client.send(new BeginTransactionCommand({ resourceArn, secretArn, database })))
    if (!answer.transactionId) throw new Error("The RDS Data API began a transaction without returning its id.")
    this.transactionId = answer.transactionId
  }

  async commit(): Promise<void> {
    const transactionId = this.takeTransaction()
    await send(this.config, (client) => client.send(new CommitTransactionCommand({ resourceArn: this.config.resourceArn, secretArn: this.config.secretArn, transactionId })))
  }

  async rollback(): Promise<void> {
    const transactionId = this.takeTransaction()
    await send(this.config, (client) => client.send(new RollbackTransactionCommand({ resourceArn: this.config.resourceArn, secretArn: this.config.secretArn, transactionId })))
  }

  private takeTransaction(): string {
    const id = this.transactionId
    if (!id) throw new Error("internal: no Data API transaction to end")
    this.transactionId = undefined
    return id
  }
}

/** A JavaScript value as a typed Data API parameter. */
export function toSqlParameter(name: string, value: unknown): SqlParameter {
  if (value === null || value === undefined) return { name, value: { isNull: true } }
  if (typeof value === "string") return { name, value: { stringValue: value } }
  if (typeof value === "boolean") return { name, value: { booleanValue: value } }
  if (typeof value === "number") return { name, value: Number.isInteger(value) ? { longValue: value } : { doubleValue: value } }
  if (typeof value === "bigint") {
    const small = value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER)
    return small ? { name, value: { longValue: Number(value) } } : { name, value: { stringValue: value.toString() }, typeHint: "DECIMAL" }
  }
  if (value instanceof Date) return { name, value: { stringValue: value.toISOString().replace("T", " ").replace("Z", "") }, typeHint: "TIMESTAMP" }
  if (value instanceof Uint8Array) return { name, value: { blobValue: value } }
  return { name, value: { stringValue: JSON.stringify(value) }, typeHint: "JSON" }
}

/** A Data API field as a JavaScript value. */
export function fromField(field: Field): unknown {
  if ("isNull" in field && field.isNull) return null
  if ("stringValue" in field && field.stringValue !== undefined) return field.stringValue
  if ("longValue" in field && field.longValue !== undefined) return field.longValue
  if ("doubleValue" in field && field.doubleValue !== undefined) return field.doubleValue
  if ("booleanValue" in field && field.booleanValue !== undefined) return field.booleanValue
  if ("blobValue" in field && field.blobValue !== undefined) return field.blobValue
  if ("arrayValue" in field && field.arrayValue !== undefined) return fromArray(field.arrayValue)
  return null
}

function fromArray(array: NonNullable<Extract<Field, { arrayValue: unknown }>["arrayValue"]>): unknown[] {
  if ("stringValues" in array && array.stringValues) return array.stringValues
  if ("longValues" in array && array.longValues) return array.longValues
  if ("doubleValues" in array && array.doubleValues) return array.doubleValues
  if ("booleanValues" in array && array.booleanValues) return array.booleanValues
  if ("arrayValues" in array && array.arrayValues) return array.arrayValues.map((item) => (item ? fromArray(item) : null))
  return []
}
