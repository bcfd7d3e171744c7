/**
 * S3 for tests: the s3rver emulator from npm, behind a small HTTP front of ours that adds what
 * s3rver lacks and the deployer relies on, and counts calls.
 *
 * - Conditional writes: `PutObject` with `If-None-Match: *` answers 412 Precondition Failed when
 *   the key exists (S3's behaviour since 2024; s3rver ignores the header on PUT). Conditional
 *   puts to one key are serialised, as S3 makes them atomic.
 * - Credentials: the front drops the Authorization header, so any test credentials work
 *   (s3rver only knows its own access key and does not check SigV4 signatures anyway).
 * - Buckets made and deleted by stacks: `createBucket` and `deleteBucket`, for the CloudFormation
 *   fake's provision hook (test/helpers/local-aws.ts). Deleting a bucket that holds objects fails
 *   with S3's BucketNotEmpty and S3's own words (s3rver's message has a typo).
 * @module
 */
import { randomBytes } from "node:crypto"
import { mkdtempSync, rmSync } from "node:fs"
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from "node:http"
import type { AddressInfo } from "node:net"
import { createRequire } from "node:module"
import { tmpdir } from "node:os"
import { join } from "node:path"

export interface S3Call {
  method: string
  bucket?: string
  key?: string
  /** The sub-resource or list query, e.g. "list-type=2", "uploads", "uploadId". */
  query: string
  /** HTTP status of the answer. */
  status?: number
}

export interface S3Fake {
  /** "http://127.0.0.1:PORT": use with forcePathStyle. */
  endpoint: string
  calls: S3Call[]
  /** Creates a bucket, as a CloudFormation stack creating it on AWS would; an existing one is kept. */
  createBucket(name: string): Promise<void>
  /**
   * Deletes a bucket, as a CloudFormation stack deleting it on AWS would; a missing one counts as
   * deleted. Rejects with an {@link S3FakeError} (BucketNotEmpty, 409) while it holds objects.
   */
  deleteBucket(name: string): Promise<void>
  /** Names of the buckets that exist, sorted. */
  buckets(): Promise<string[]>
  /** Keys in a bucket. */
  keys(bucket: string): Promise<string[]>
  close(): Promise<void>
}

/** S3's answer to a failed call: its error code, message and HTTP status. */
export class S3FakeError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    readonly requestId: string,
  ) {
    super(message)
    this.name = code
  }
}

// S3's own wording where s3rver's differs ("The bucket your tried to delete is not empty").
const S3_MESSAGES: Record<string, string> = { BucketNotEmpty: "The bucket you tried to delete is not empty" }

interface S3rverInstance {
  run(): Promise<AddressInfo>
  close(): Promise<void>
}

const require = createRequire(import.meta.url)
const S3rver = require("s3rver") as new (options: Record<string, unknown>) => S3rverInstance

export async function startS3Fake(options: { buckets?: string[] } = {}): Promise<S3Fake> {
  const directory = mkdtempSync(join(tmpdir(), "sst-s3-"))
  const backend = new S3rver({ address: "127.0.0.1", port: 0, silent: true, directory, configureBuckets: (options.buckets ?? []).map((name) => ({ name, configs: [] })) })
  const { port: backendPort } = await backend.run()
  const calls: S3Call[] = []
  const locks = new Map<string, Promise<void>>()

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost")
    const [, bucket, ...rest] = url.pathname.split("/")
    const key = rest.length > 0 ? decodeURIComponent(rest.join("/")) : undefined
    const call: S3Call = { method: req.method ?? "GET", ...(bucket ? { bucket } : {}), ...(key ? { key } : {}), query: [...url.searchParams.keys()].filter((k) => !k.startsWith("x-id")).join("&") }
    calls.push(call)
    res.on("finish", () => (call.status = res.statusCode))
    if (req.method === "PUT" && req.headers["if-none-match"] === "*" && key && !req.headers["x-amz-copy-source"]) {
      const lockKey = `${bucket}/${key}`
      const previous = locks.get(lockKey) ?? Promise.resolve()
      const current = previous.then(() => conditionalPut(backendPort, req, res, url.pathname))
      locks.set(lockKey, current.catch(() => {}))
      return
    }
    forward(backendPort, req, res)
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const { port } = server.address() as AddressInfo
  const endpoint = `http://127.0.0.1:${port}`

  return {
    endpoint,
    calls,
    createBucket: async (name) => {
      const response = await fetch(`http://127.0.0.1:${backendPort}/${name}`, { method: "PUT" })
      if (!response.ok && response.status !== 409) throw new Error(`creating bucket ${name}: HTTP ${response.status}`)
    },
    deleteBucket: async (name) => {
      const response = await fetch(`http://127.0.0.1:${backendPort}/${name}`, { method: "DELETE" })
      if (response.ok || response.status === 404) return
      const body = await response.text()
      const code = /<Code>([^<]*)<\/Code>/.exec(body)?.[1] ?? `HTTP${response.status}`
      const message = S3_MESSAGES[code] ?? /<Message>([^<]*)<\/Message>/.exec(body)?.[1] ?? body
      throw new S3FakeError(code, message, response.status, randomBytes(8).toString("hex").toUpperCase())
    },
    buckets: async () => {
      const text = await (await fetch(`http://127.0.0.1:${backendPort}/`)).text()
      return [...text.matchAll(/<Name>([^<]*)<\/Name>/g)].map((match) => match[1]).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    },
    keys: async (bucket) => {
      const response = await fetch(`http://127.0.0.1:${backendPort}/${bucket}?list-type=2`)
      const text = await response.text()
      return [...text.matchAll(/<Key>([^<]*)<\/Key>/g)].map((match) => match[1])
    },
    close: async () => {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await backend.close()
      rmSync(directory, { recursive: true, force: true })
    },
  }
}

async function conditionalPut(backendPort: number, req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
  const head = await fetch(`http://127.0.0.1:${backendPort}${path}`, { method: "HEAD" })
  if (head.status === 200) {
    req.resume()
    res.statusCode = 412
    res.setHeader("content-type", "application/xml")
    res.end(
      `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>PreconditionFailed</Code><Message>At least one of the pre-conditions you specified did not hold</Message><Condition>If-None-Match</Condition><RequestId>fake</RequestId></Error>`,
    )
    return
  }
  await new Promise<void>((resolve) => {
    res.on("finish", resolve)
    res.on("close", resolve)
    forward(backendPort, req, res)
  })
}

function forward(backendPort: number, req: IncomingMessage, res: ServerResponse): void {
  const headers = { ...req.headers }
  delete headers.authorization
  const upstream = httpRequest({ host: "127.0.0.1", port: backendPort, method: req.method, path: req.url, headers }, (answer) => {
    res.writeHead(answer.statusCode ?? 502, answer.headers)
    answer.pipe(res)
  })
  upstream.on("error", (error) => {
    res.statusCode = 502
    res.end(String(error))
  })
  req.pipe(upstream)
}
