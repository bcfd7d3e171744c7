/**
 * The RDS Data API for tests, backed by a real PostgreSQL: the restJson1 protocol that
 * @aws-sdk/client-rds-data speaks (`POST /Execute`, `/BeginTransaction`, `/CommitTransaction`,
 * `/RollbackTransaction`, JSON bodies; errors as HTTP 400 with `x-amzn-errortype`).
 *
 * Like the service: parameters are named (`:name` in the SQL, typed `SqlParameter` values, typeHint
 * casts for TIMESTAMP/DATE/TIME/JSON/UUID/DECIMAL); records come back as typed fields
 * (`longValue` for integers and bigints, `stringValue` for text and times, `isNull`, ...) with
 * `columnMetadata` when `includeResultMetadata`; a statement outside a transaction commits on its
 * own; a transaction id holds one connection until it is committed or rolled back; SQL errors
 * answer `DatabaseErrorException` with PostgreSQL's message; a cluster waking from auto-pause answers
 * `DatabaseResumingException` (`resumingCalls`). `resourceArn` and `secretArn` must be the ones the
 * fake was started with. Signatures are not checked.
 * @module
 */
import { randomUUID } from "node:crypto"
import { createServer } from "node:http"
import type { AddressInfo } from "node:net"
import pg from "pg"

export interface RdsDataFake {
  endpoint: string
  /** Statements received (SQL text), in order. */
  statements: string[]
  close(): Promise<void>
}

export interface RdsDataFakeOptions {
  host: string
  port: number
  user: string
  resourceArn: string
  secretArn: string
  /** Answer this many first calls with DatabaseResumingException, as a paused cluster does. */
  resumingCalls?: number
}

type Field = { isNull: true } | { stringValue: string } | { longValue: number } | { doubleValue: number } | { booleanValue: boolean } | { blobValue: string } | { arrayValue: unknown }
type SqlParameter = { name: string; value: Record<string, unknown>; typeHint?: string }

class DataApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

const CASTS: Record<string, string> = { TIMESTAMP: "timestamp", DATE: "date", TIME: "time", JSON: "jsonb", UUID: "uuid", DECIMAL: "numeric" }
/** int8 arrives from pg as a string; the Data API answers a longValue. */
const INT8 = 20

export async function startRdsDataFake(options: RdsDataFakeOptions): Promise<RdsDataFake> {
  const pools = new Map<string, pg.Pool>()
  const transactions = new Map<string, pg.PoolClient>()
  const statements: string[] = []
  let resuming = options.resumingCalls ?? 0
  const poolOf = (database: string) => {
    let pool = pools.get(database)
    if (!pool) pools.set(database, (pool = new pg.Pool({ host: options.host, port: options.port, user: options.user, database, max: 4 })))
    return pool
  }
  const checkArns = (body: Record<string, unknown>) => {
    if (body.resourceArn !== options.resourceArn) throw new DataApiError("BadRequestException", `Database ${String(body.resourceArn)} not found`)
    if (body.secretArn !== options.secretArn) throw new DataApiError("ForbiddenException", `Secret ${String(body.secretArn)} not found or not allowed`)
  }
  const routes: Record<string, (body: Record<string, unknown>) => Promise<unknown>> = {
    async "/BeginTransaction"(body) {
      checkArns(body)
      const client = await poolOf(String(body.database ?? "postgres")).connect()
      await client.query("BEGIN")
      const id = randomUUID()
      transactions.set(id, client)
      return { transactionId: id }
    },
    async "/CommitTransaction"(body) {
      await endTransaction(body, "COMMIT")
      return { transactionStatus: "Transaction Committed" }
    },
    async "/RollbackTransaction"(body) {
      await endTransaction(body, "ROLLBACK")
      return { transactionStatus: "Rollback Complete" }
    },
    async "/Execute"(body) {
      checkArns(body)
      const sql = String(body.sql)
      statements.push(sql)
      const { text, values } = toPositional(sql, (body.parameters as SqlParameter[] | undefined) ?? [])
      const client = body.transactionId ? transactions.get(String(body.transactionId)) : undefined
      if (body.transactionId && !client) throw new DataApiError("BadRequestException", `Transaction ${String(body.transactionId)} is not found`)
      const query = { text, values, rowMode: "array" as const, types: { getTypeParser: (oid: number, format?: string) => (oid === INT8 ? Number : pg.types.getTypeParser(oid, format as "text")) } }
      let result: pg.QueryArrayResult
      try {
        result = client ? await client.query(query) : await poolOf(String(body.database ?? "postgres")).query(query)
      } catch (error) {
        throw new DataApiError("DatabaseErrorException", `ERROR: ${(error as Error).message}; SQLState: ${(error as { code?: string }).code ?? "XX000"}`)
      }
      const isSelect = result.fields.length > 0
      return {
        ...(isSelect ? { records: result.rows.map((row) => row.map(toField)) } : {}),
        ...(body.includeResultMetadata && isSelect ? { columnMetadata: result.fields.map((f) => ({ name: f.name, label: f.name, type: f.dataTypeID })) } : {}),
        numberOfRecordsUpdated: isSelect ? 0 : (result.rowCount ?? 0),
      }
    },
  }
  async function endTransaction(body: Record<string, unknown>, command: "COMMIT" | "ROLLBACK"): Promise<void> {
    checkArns({ ...body, database: undefined })
    const client = transactions.get(String(body.transactionId))
    if (!client) throw new DataApiError("NotFoundException", `Transaction ${String(body.transactionId)} is not found`)
    transactions.delete(String(body.transactionId))
    try {
      await client.query(command)
    } finally {
      client.release()
    }
  }
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on("data", (chunk: Buffer) => chunks.push(chunk))
    req.on("end", () => {
      const route = routes[req.url ?? ""]
      const reply = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { "content-type": "application/json", ...headers })
        res.end(JSON.stringify(body))
      }
      if (!route) return reply(404, { message: `No route ${req.url}` }, { "x-amzn-errortype": "UnknownOperationException" })
      if (resuming > 0) {
        resuming -= 1
        return reply(400, { message: "The Aurora DB instance is resuming after being auto-paused. Please wait a few seconds and try again." }, { "x-amzn-errortype": "DatabaseResumingException" })
      }
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}") as Record<string, unknown>
      route(body).then(
        (answer) => reply(200, answer),
        (error: unknown) => {
          if (!(error instanceof DataApiError)) return reply(500, { message: String(error) }, { "x-amzn-errortype": "InternalServerErrorException" })
          reply(400, { message: error.message }, { "x-amzn-errortype": error.code })
        },
      )
    })
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const { port } = server.address() as AddressInfo
  return {
    endpoint: `http://127.0.0.1:${port}`,
    statements,
    close: async () => {
      for (const client of transactions.values()) client.release()
      await Promise.all([...pools.values()].map((pool) => pool.end()))
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

/** `:name` parameters (outside quotes, and not `::` casts) become `$1, $2, ...`. */
function toPositional(sql: string, parameters: SqlParameter[]): { text: string; values: unknown[] } {
  const order: string[] = []
  let text = ""
  let quote: string | undefined
  for (let i = 0; i < sql.length; i++) {
    const char = sql[i]
    if (quote) {
      if (char === quote) quote = undefined
      text += char
      continue
    }
    if (char === "'" || char === '"') quote = char
    const name = char === ":" && sql[i + 1] !== ":" && sql[i - 1] !== ":" ? /^[A-Za-z_][A-Za-z0-9_]*/.exec(sql.slice(i + 1))?.[0] : undefined
    if (!name) {
      text += char
      continue
    }
    const parameter = parameters.find((p) => p.name === name)
    if (!parameter) throw new DataApiError("BadRequestException", `No value specified for parameter: ${name}`)
    if (!order.includes(name)) order.push(name)
    const cast = parameter.typeHint ? `::${CASTS[parameter.typeHint]}` : ""
    text += `$${order.indexOf(name) + 1}${cast}`
    i += name.length
  }
  return { text, values: order.map((name) => fromSqlValue((parameters.find((p) => p.name === name) as SqlParameter).value)) }
}

function fromSqlValue(value: Record<string, unknown>): unknown {
  if (value.isNull) return null
  if ("blobValue" in value) return Buffer.from(String(value.blobValue), "base64")
  for (const key of ["stringValue", "longValue", "doubleValue", "booleanValue"]) if (key in value) return value[key]
  throw new DataApiError("BadRequestException", `Unsupported parameter value ${JSON.stringify(value)}`)
}

function toField(value: unknown): Field {
  if (value === null || value === undefined) return { isNull: true }
  if (typeof value === "boolean") return { booleanValue: value }
  if (typeof value === "number") return Number.isInteger(value) ? { longValue: value } : { doubleValue: value }
  if (typeof value === "string") return { stringValue: value }
  if (value instanceof Date) return { stringValue: value.toISOString().replace("T", " ").replace("Z", "") }
  if (Buffer.isBuffer(value)) return { blobValue: value.toString("base64") }
  if (Array.isArray(value)) return { arrayValue: { stringValues: value.map(String) } }
  return { stringValue: JSON.stringify(value) }
}
