// The HTTP side: the awsQuery protocol the pinned @aws-sdk/client-cloudformation speaks (a
// form-encoded POST to "/", `Action=…&Version=2010-05-15`, answered with XML; errors as an
// `<ErrorResponse>` with HTTP 400, or 404 for a missing change set). Signatures are not checked.

import { randomUUID } from "node:crypto"
import { createServer } from "node:http"
import type { IncomingMessage, Server, ServerResponse } from "node:http"
import type { AddressInfo } from "node:net"
import { HANDLERS } from "./actions/registry.ts"
import type { FakeContext } from "./context.ts"
import { CfnError, throttling } from "./errors.ts"
import { QueryParams } from "./query.ts"
import { errorXml, successXml } from "./xml.ts"

export interface Call {
  action: string
  stackName?: string
}

export interface ServerHooks {
  /** Every request received, in order, throttled ones included. */
  calls: Call[]
  /** True when this request must be throttled. */
  takeThrottle(): boolean
}

export async function listen(ctx: FakeContext, hooks: ServerHooks): Promise<{ server: Server; endpoint: string }> {
  const server = createServer((request, response) => {
    handle(ctx, hooks, request, response).catch((error: unknown) => {
      console.error("internal: the CloudFormation fake failed to answer a request", error)
      if (!response.headersSent) respond(response, 500, errorXml("Receiver", "InternalFailure", String(error), randomUUID()))
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject)
    server.listen(0, "127.0.0.1", resolve)
  })
  const { port } = server.address() as AddressInfo
  return { server, endpoint: `http://127.0.0.1:${port}` }
}

async function handle(ctx: FakeContext, hooks: ServerHooks, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const body = await readBody(request)
  const query = new URL(request.url ?? "/", "http://localhost").search.slice(1)
  const params = new QueryParams(request.method === "POST" ? body : query)
  const action = params.action ?? ""
  const stackName = params.string("StackName")
  hooks.calls.push(stackName === undefined ? { action } : { action, stackName })
  const requestId = randomUUID()
  try {
    if (hooks.takeThrottle()) throw throttling()
    const handler = HANDLERS[action]
    if (!handler) throw new CfnError("InvalidAction", `Could not find operation ${action} for version 2010-05-15`)
    const result = await handler(ctx, params)
    respond(response, 200, successXml(action, result, requestId), requestId)
  } catch (error) {
    if (!(error instanceof CfnError)) throw error
    respond(response, error.status, errorXml(error.type, error.code, error.message, requestId), requestId)
  }
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    request.on("data", (chunk: Buffer) => chunks.push(chunk))
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")))
    request.on("error", reject)
  })
}

function respond(response: ServerResponse, status: number, xml: string, requestId?: string): void {
  response.statusCode = status
  response.setHeader("content-type", "text/xml")
  if (requestId) response.setHeader("x-amzn-requestid", requestId)
  response.end(xml)
}
