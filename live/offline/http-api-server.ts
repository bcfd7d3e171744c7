/**
 * Serves an HTTP API locally: each request is matched to a route, turned into the event API
 * Gateway would send, run by the local runtime, and answered with the function's response.
 * @module
 */
import { createServer, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import type { AppHttpApi } from "../app-model.ts"
import type { InvocationRecord } from "../runtime/local-runtime.ts"
import { internalError, toEvent, toResponse, type HttpResponse } from "./http-api-events.ts"
import { matchRoute } from "./match-route.ts"

export interface HttpApiEmulator {
  url: string
  /** Serves the routes of a rebuilt app from now on, on the same port. */
  update(api: AppHttpApi): void
  close(): Promise<void>
}

export async function startHttpApiEmulator(options: {
  api: AppHttpApi
  invoke(functionId: string, event: unknown): Promise<InvocationRecord>
  port?: number
}): Promise<HttpApiEmulator> {
  let api = options.api
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on("data", (chunk: Buffer) => chunks.push(chunk))
    request.on("end", async () => {
      const url = new URL(request.url ?? "/", "http://localhost")
      const match = matchRoute(api.routes.map((r) => r.routeKey), request.method ?? "GET", url.pathname)
      let reply: HttpResponse
      if (!match) reply = { statusCode: 404, headers: { "content-type": "application/json" }, cookies: [], body: Buffer.from('{"message":"Not Found"}') }
      else {
        const route = api.routes.find((r) => r.routeKey === match.routeKey)
        if (!route?.functionId) reply = internalError()
        else {
          const event = toEvent(
            { method: request.method ?? "GET", path: url.pathname, rawQueryString: url.search.slice(1), headers: request.headers, body: Buffer.concat(chunks), sourceIp: request.socket.remoteAddress ?? "127.0.0.1" },
            match.routeKey,
            match.pathParameters,
            api.logicalId,
            route.payloadFormatVersion,
            new Date(),
          )
          try {
            const record = await options.invoke(route.functionId, event)
            reply = record.result.ok ? toResponse(parseJson(record.result.body), route.payloadFormatVersion) : internalError()
          } catch {
            reply = internalError()
          }
        }
      }
      const headers: Record<string, string | string[]> = { ...reply.headers }
      if (reply.cookies.length) headers["set-cookie"] = reply.cookies
      response.writeHead(reply.statusCode, headers)
      response.end(reply.body)
    })
  })
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve))
  const port = (server.address() as AddressInfo).port
  return {
    url: `http://127.0.0.1:${port}`,
    update: (next) => {
      api = next
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}
