/**
 * The console: a web page served by `sst start` on 127.0.0.1, with a small JSON API and a
 * server-sent event stream of invocations. It lists stacks, functions and APIs, shows every
 * invocation live (event, result, logs, duration), and invokes or replays a function.
 * It answers only requests whose Origin, if any, is its own, so other web pages cannot drive it.
 * @module
 */
import { readFileSync } from "node:fs"
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http"
import type { AddressInfo } from "node:net"
import { moduleFile } from "../module-file.ts"
import { readBody } from "../read-body.ts"
import type { DevSession } from "../dev-session.ts"
import type { InvocationRecord } from "../runtime/local-runtime.ts"

function readPage(): string {
  return readFileSync(moduleFile("console-page.html", import.meta.url), "utf8")
}

export interface ConsoleServer {
  url: string
  close(): Promise<void>
}

export async function startConsole(session: DevSession, options: { port?: number } = {}): Promise<ConsoleServer> {
  const streams = new Set<ServerResponse>()
  const unsubscribe = session.onInvocation((record) => {
    const data = `event: invocation\ndata: ${JSON.stringify(summarize(record))}\n\n`
    for (const stream of streams) stream.write(data)
  })
  let origin = ""
  const server: Server = createServer((request, response) => {
    if (request.headers.origin && request.headers.origin !== origin) return send(response, 403, { error: "Requests from other origins are refused" })
    handle(request, response).catch((error: Error) => send(response, 500, { error: error.message }))
  })

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? "/", "http://localhost")
    if (request.method === "GET" && url.pathname === "/") {
      response.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" })
      return void response.end(readPage())
    }
    if (request.method === "GET" && url.pathname === "/api/state") {
      const app = session.app
      return send(response, 200, {
        app: app?.app,
        stage: app?.stage,
        region: app?.region,
        stacks: app?.stacks ?? [],
        functions: (app?.functions ?? []).map((fn) => ({ id: fn.id, stack: fn.stack, runtime: fn.runtime, handler: fn.handler, timeoutSeconds: fn.timeoutSeconds })),
        apis: session.apiUrls,
        unresolved: app?.unresolved ?? [],
      })
    }
    if (request.method === "GET" && url.pathname === "/api/invocations") {
      return send(response, 200, session.invocations(url.searchParams.get("function") ?? undefined).map(summarize))
    }
    if (request.method === "POST" && url.pathname === "/api/invoke") {
      const { functionId, event } = JSON.parse((await readBody(request)) || "{}") as { functionId?: string; event?: unknown }
      if (!functionId) return send(response, 400, { error: "functionId is required" })
      return send(response, 200, summarize(await session.invoke(functionId, event ?? {})))
    }
    if (request.method === "GET" && url.pathname === "/api/events") {
      response.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-store", connection: "keep-alive" })
      response.write(": connected\n\n")
      streams.add(response)
      request.on("close", () => streams.delete(response))
      return
    }
    send(response, 404, { error: `No ${request.method} ${url.pathname}` })
  }

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve))
  const port = (server.address() as AddressInfo).port
  origin = `http://127.0.0.1:${port}`
  return {
    url: origin,
    close: () =>
      new Promise<void>((resolve) => {
        unsubscribe()
        for (const stream of streams) stream.end()
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

/** What the console shows of an invocation. */
export function summarize(record: InvocationRecord): Record<string, unknown> {
  return {
    requestId: record.requestId,
    functionId: record.functionId,
    startedAt: new Date(record.startedAt).toISOString(),
    durationMs: record.durationMs,
    event: record.event,
    ok: record.result.ok,
    response: record.result.ok ? parse(record.result.body) : undefined,
    error: record.result.ok ? undefined : record.result.error,
    logs: record.logs,
  }
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" })
  response.end(JSON.stringify(body))
}
