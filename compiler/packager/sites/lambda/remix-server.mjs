// Written by sst build beside the Remix server build (compiler/packager/sites/server-wrapper.ts):
// a Lambda handler for function URL events (payload 2.0) around Remix's request handler. The
// packager bundles it with the server build and @remix-run/node.
import { createRequestHandler } from "@remix-run/node"
import * as build from "__SERVER_BUILD__"

const handle = createRequestHandler(build, process.env.NODE_ENV || "production")
const TEXT = /^(text\/|application\/(json|javascript|xml)|[^;]*\+(json|xml))/i

export async function handler(event) {
  const headers = new Headers()
  for (const [name, value] of Object.entries(event.headers || {})) if (value !== undefined) headers.append(name, value)
  if (event.cookies && event.cookies.length > 0) headers.set("cookie", event.cookies.join("; "))
  const host = headers.get("x-forwarded-host") || headers.get("host")
  const url = "https://" + host + event.rawPath + (event.rawQueryString ? "?" + event.rawQueryString : "")
  const method = event.requestContext.http.method
  const body = method === "GET" || method === "HEAD" || !event.body ? undefined : Buffer.from(event.body, event.isBase64Encoded ? "base64" : "utf8")
  const response = await handle(new Request(url, { method, headers, body }))
  const bytes = Buffer.from(await response.arrayBuffer())
  const text = TEXT.test(response.headers.get("content-type") || "")
  const outHeaders = {}
  for (const [name, value] of response.headers) if (name !== "set-cookie") outHeaders[name] = value
  return {
    statusCode: response.status,
    headers: outHeaders,
    cookies: response.headers.getSetCookie(),
    body: text ? bytes.toString("utf8") : bytes.toString("base64"),
    isBase64Encoded: !text,
  }
}
