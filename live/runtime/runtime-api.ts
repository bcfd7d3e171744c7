/**
 * A local implementation of the AWS Lambda Runtime API (the HTTP interface a Lambda runtime
 * polls: `GET /2018-06-01/runtime/invocation/next`, `POST .../{id}/response`, `.../{id}/error`,
 * `/init/error`). Each worker process polls under its own path prefix
 * (`/<workerId>/2018-06-01/...`), so one server serves every function and every warm worker,
 * and a response can only complete the invocation handed to that worker.
 * @module
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http"
import type { AddressInfo } from "node:net"
import { readBody } from "../read-body.ts"

export interface Invocation {
  requestId: string
  event: unknown
  deadlineMs: number
  functionArn: string
}

export type InvocationResult =
  | { ok: true; body: string }
  | { ok: false; error: { errorType: string; errorMessage: string; stackTrace?: string[] } }

interface WorkerChannel {
  /** Invocations waiting for this worker's next poll. */
  queue: Invocation[]
  /** A poll waiting for an invocation. */
  waiting?: ServerResponse
  /** The invocation the worker is running, and who awaits its result. */
  running?: { invocation: Invocation; settle(result: InvocationResult): void }
  initError?: (error: { errorType: string; errorMessage: string }) => void
}

const PREFIX = "/2018-06-01/runtime"

export class RuntimeApiServer {
  private readonly server: Server
  private readonly channels = new Map<string, WorkerChannel>()
  private port = 0

  constructor() {
    this.server = createServer((request, response) => {
      this.route(request, response).catch((error: Error) => {
        response.writeHead(500, { "content-type": "application/json" })
        response.end(JSON.stringify({ errorMessage: error.message, errorType: "InternalError" }))
      })
    })
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve))
    this.port = (this.server.address() as AddressInfo).port
  }

  /** The value of AWS_LAMBDA_RUNTIME_API for one worker. */
  endpointFor(workerId: string): string {
    return `127.0.0.1:${this.port}/${workerId}`
  }

  openChannel(workerId: string, onInitError: (error: { errorType: string; errorMessage: string }) => void): void {
    this.channels.set(workerId, { queue: [], initError: onInitError })
  }

  closeChannel(workerId: string): void {
    const channel = this.channels.get(workerId)
    channel?.waiting?.destroy()
    this.channels.delete(workerId)
  }

  /** Hands `invocation` to the worker and resolves with what it answers. */
  dispatch(workerId: string, invocation: Invocation): Promise<InvocationResult> {
    const channel = this.channels.get(workerId)
    if (!channel) throw new Error(`internal: no runtime channel for worker ${workerId}`)
    return new Promise((resolve) => {
      channel.running = { invocation, settle: resolve }
      if (channel.waiting) this.deliver(channel, channel.waiting, invocation)
      else channel.queue.push(invocation)
    })
  }

  /** Settles the running invocation of a worker that died or timed out. */
  abort(workerId: string, result: InvocationResult): void {
    const channel = this.channels.get(workerId)
    const running = channel?.running
    if (!channel || !running) return
    channel.running = undefined
    running.settle(result)
  }

  async close(): Promise<void> {
    for (const id of [...this.channels.keys()]) this.closeChannel(id)
    this.server.closeAllConnections()
    await new Promise<void>((resolve) => this.server.close(() => resolve()))
  }

  private async route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = request.url ?? ""
    const slash = url.indexOf("/", 1)
    const workerId = url.slice(1, slash)
    const path = url.slice(slash)
    const channel = this.channels.get(workerId)
    if (!channel || !path.startsWith(PREFIX)) return reply(response, 404, { errorMessage: "Unknown worker or path", errorType: "NotFound" })
    const rest = path.slice(PREFIX.length)
    if (request.method === "GET" && rest === "/invocation/next") {
      const next = channel.queue.shift()
      if (next) this.deliver(channel, response, next)
      else channel.waiting = response
      return
    }
    const body = await readBody(request)
    const match = /^\/invocation\/([^/]+)\/(response|error)$/.exec(rest)
    if (request.method === "POST" && match) {
      const running = channel.running
      if (!running || running.invocation.requestId !== decodeURIComponent(match[1])) {
        return reply(response, 400, { errorMessage: "Invalid request ID", errorType: "InvalidRequestID" })
      }
      channel.running = undefined
      running.settle(match[2] === "response" ? { ok: true, body } : { ok: false, error: parseError(body, request.headers["lambda-runtime-function-error-type"]) })
      return reply(response, 202, { status: "OK" })
    }
    if (request.method === "POST" && rest === "/init/error") {
      channel.initError?.(parseError(body, request.headers["lambda-runtime-function-error-type"]))
      return reply(response, 202, { status: "OK" })
    }
    reply(response, 404, { errorMessage: `No route ${request.method} ${rest}`, errorType: "NotFound" })
  }

  private deliver(channel: WorkerChannel, response: ServerResponse, invocation: Invocation): void {
    channel.waiting = undefined
    response.writeHead(200, {
      "content-type": "application/json",
      "lambda-runtime-aws-request-id": invocation.requestId,
      "lambda-runtime-deadline-ms": String(invocation.deadlineMs),
      "lambda-runtime-invoked-function-arn": invocation.functionArn,
      "lambda-runtime-trace-id": `Root=1-${invocation.requestId.slice(0, 8)}-${invocation.requestId.replace(/-/g, "").slice(0, 24)};Sampled=0`,
    })
    response.end(JSON.stringify(invocation.event ?? null))
  }
}

function reply(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { "content-type": "application/json" })
  response.end(JSON.stringify(body))
}

function parseError(body: string, typeHeader: string | string[] | undefined): { errorType: string; errorMessage: string; stackTrace?: string[] } {
  try {
    const parsed = JSON.parse(body) as { errorType?: string; errorMessage?: string; stackTrace?: string[] }
    return { errorType: parsed.errorType ?? String(typeHeader ?? "Error"), errorMessage: parsed.errorMessage ?? body, stackTrace: parsed.stackTrace }
  } catch {
    return { errorType: String(typeHeader ?? "Error"), errorMessage: body }
  }
}
