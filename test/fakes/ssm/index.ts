/**
 * SSM Parameter Store for tests, in the awsJson1.1 protocol that @aws-sdk/client-ssm speaks (a JSON
 * POST to "/" naming the action in `X-Amz-Target: AmazonSSM.<Action>`; errors as HTTP 400 with
 * `{"__type": "<Code>", "message"}`). It keeps what the real service does that our code relies on:
 * PutParameter refuses to overwrite without `Overwrite` (ParameterAlreadyExists); GetParameter and
 * DeleteParameter answer ParameterNotFound; GetParametersByPath returns at most 10 per page and a
 * NextToken, recursing below the path only with `Recursive`; SecureString values come back only
 * `WithDecryption`. Versions count up per name. Signatures are not checked.
 * @module
 */
import { createServer } from "node:http"
import type { AddressInfo } from "node:net"

export interface StoredParameter {
  Name: string
  Type: "String" | "StringList" | "SecureString"
  Value: string
  Version: number
}

export interface SsmFake {
  endpoint: string
  parameters: Map<string, StoredParameter>
  /** Actions received, in order. */
  calls: string[]
  close(): Promise<void>
}

class SsmError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

const PAGE_SIZE = 10
const ACCOUNT = "123456789012"

type Body = Record<string, unknown>

export async function startSsmFake(region = "us-east-1"): Promise<SsmFake> {
  const parameters = new Map<string, StoredParameter>()
  const calls: string[] = []
  const view = (p: StoredParameter, decrypt: boolean) => ({
    Name: p.Name,
    Type: p.Type,
    Value: p.Type === "SecureString" && !decrypt ? "AQICAHencrypted" : p.Value,
    Version: p.Version,
    ARN: `arn:aws:ssm:${region}:${ACCOUNT}:parameter${p.Name}`,
    DataType: "text",
    LastModifiedDate: 1700000000,
  })
  const find = (name: unknown): StoredParameter => {
    const found = parameters.get(String(name))
    if (!found) throw new SsmError("ParameterNotFound", `Parameter ${String(name)} not found.`)
    return found
  }
  const actions: Record<string, (body: Body) => unknown> = {
    PutParameter(body) {
      const name = String(body.Name)
      const existing = parameters.get(name)
      if (existing && body.Overwrite !== true) throw new SsmError("ParameterAlreadyExists", "The parameter already exists. To overwrite this value, set the overwrite option in the request to true.")
      if (typeof body.Value !== "string" || body.Value === "") throw new SsmError("ValidationException", "1 validation error detected: Value at 'value' failed to satisfy constraint: Member must have length greater than or equal to 1")
      const version = (existing?.Version ?? 0) + 1
      parameters.set(name, { Name: name, Type: (body.Type as StoredParameter["Type"]) ?? existing?.Type ?? "String", Value: body.Value, Version: version })
      return { Version: version, Tier: "Standard" }
    },
    GetParameter(body) {
      return { Parameter: view(find(body.Name), body.WithDecryption === true) }
    },
    GetParameters(body) {
      const names = (body.Names as string[]) ?? []
      return {
        Parameters: names.filter((n) => parameters.has(n)).map((n) => view(parameters.get(n) as StoredParameter, body.WithDecryption === true)),
        InvalidParameters: names.filter((n) => !parameters.has(n)),
      }
    },
    GetParametersByPath(body) {
      const path = String(body.Path).replace(/\/?$/, "/")
      const matching = [...parameters.values()]
        .filter((p) => p.Name.startsWith(path) && (body.Recursive === true || !p.Name.slice(path.length).includes("/")))
        .sort((a, b) => (a.Name < b.Name ? -1 : a.Name > b.Name ? 1 : 0))
      const start = body.NextToken ? Number(body.NextToken) : 0
      const size = Math.min(Number(body.MaxResults ?? PAGE_SIZE), PAGE_SIZE)
      const page = matching.slice(start, start + size)
      const next = start + size < matching.length ? String(start + size) : undefined
      return { Parameters: page.map((p) => view(p, body.WithDecryption === true)), ...(next ? { NextToken: next } : {}) }
    },
    DeleteParameter(body) {
      find(body.Name)
      parameters.delete(String(body.Name))
      return {}
    },
    DeleteParameters(body) {
      const names = (body.Names as string[]) ?? []
      const deleted = names.filter((n) => parameters.delete(n))
      return { DeletedParameters: deleted, InvalidParameters: names.filter((n) => !deleted.includes(n)) }
    },
  }
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on("data", (chunk: Buffer) => chunks.push(chunk))
    req.on("end", () => {
      const action = String(req.headers["x-amz-target"] ?? "").replace(/^AmazonSSM\./, "")
      calls.push(action)
      res.setHeader("content-type", "application/x-amz-json-1.1")
      try {
        const handler = actions[action]
        if (!handler) throw new SsmError("InvalidAction", `The action ${action} is not valid for this web service.`)
        const body = chunks.length > 0 ? (JSON.parse(Buffer.concat(chunks).toString("utf8")) as Body) : {}
        res.end(JSON.stringify(handler(body)))
      } catch (error) {
        if (!(error instanceof SsmError)) throw error
        res.statusCode = 400
        res.end(JSON.stringify({ __type: error.code, message: error.message }))
      }
    })
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const { port } = server.address() as AddressInfo
  return {
    endpoint: `http://127.0.0.1:${port}`,
    parameters,
    calls,
    close: async () => {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
