// Written by sst build beside the Remix server build (compiler/packager/sites/server-wrapper.ts):
// a Lambda@Edge origin-request handler around Remix's request handler. The packager bundles it
// with the server build and @remix-run/node.
import { createRequestHandler } from "@remix-run/node"
import * as build from "__SERVER_BUILD__"

const handle = createRequestHandler(build, "production")
const TEXT = /^(text\/|application\/(json|javascript|xml)|[^;]*\+(json|xml))/i

export async function handler(event) {
  const request = event.Records[0].cf.request
  const headers = new Headers()
  for (const [name, values] of Object.entries(request.headers || {})) for (const { value } of values) headers.append(name, value)
  const host = headers.get("x-forwarded-host") || headers.get("host")
  const url = "https://" + host + request.uri + (request.querystring ? "?" + request.querystring : "")
  const hasBody = request.method !== "GET" && request.method !== "HEAD" && request.body && request.body.data
  const body = hasBody ? Buffer.from(request.body.data, request.body.encoding === "base64" ? "base64" : "utf8") : undefined
  const response = await handle(new Request(url, { method: request.method, headers, body }))
  const bytes = Buffer.from(await response.arrayBuffer())
  const text = TEXT.test(response.headers.get("content-type") || "")
  const outHeaders = {}
  for (const [name, value] of response.headers) (outHeaders[name] ||= []).push({ key: name, value })
  return {
    status: String(response.status),
    statusDescription: response.statusText,
    headers: outHeaders,
    body: text ? bytes.toString("utf8") : bytes.toString("base64"),
    bodyEncoding: text ? "text" : "base64",
  }
}
