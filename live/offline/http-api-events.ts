/**
 * API Gateway HTTP API events (payload format 2.0 and 1.0) from a local request, and the
 * HTTP response from what the function returned, following AWS's "Working with AWS Lambda
 * proxy integrations for HTTP APIs".
 * @module
 */
import { randomUUID } from "node:crypto"
import type { IncomingHttpHeaders } from "node:http"

export interface LocalRequest {
  method: string
  path: string
  rawQueryString: string
  headers: IncomingHttpHeaders
  body: Buffer
  sourceIp: string
}

export interface HttpResponse {
  statusCode: number
  headers: Record<string, string>
  cookies: string[]
  body: Buffer
}

const TEXT_TYPES = /^(text\/|application\/(json|xml|javascript|x-www-form-urlencoded)|.*\+json|.*\+xml)/

export function toEvent(request: LocalRequest, routeKey: string, pathParameters: Record<string, string>, apiId: string, payloadFormatVersion: string, now: Date): unknown {
  const headers: Record<string, string> = {}
  for (const [name, value] of Object.entries(request.headers)) if (value !== undefined && name !== "cookie") headers[name] = Array.isArray(value) ? value.join(",") : value
  const query = new URLSearchParams(request.rawQueryString)
  const queryStringParameters: Record<string, string> = {}
  for (const key of new Set(query.keys())) queryStringParameters[key] = query.getAll(key).join(",")
  const isText = request.body.length === 0 || TEXT_TYPES.test(String(request.headers["content-type"] ?? "text/plain"))
  const body = request.body.length === 0 ? undefined : isText ? request.body.toString("utf8") : request.body.toString("base64")
  const requestId = randomUUID()
  const domainName = String(request.headers.host ?? "localhost")
  if (payloadFormatVersion === "1.0") {
    return {
      version: "1.0",
      resource: routeKey === "$default" ? "$default" : routeKey.split(/\s+/)[1],
      path: request.path,
      httpMethod: request.method,
      headers,
      multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, v.split(",")])),
      queryStringParameters: query.size ? queryStringParameters : null,
      multiValueQueryStringParameters: query.size ? Object.fromEntries([...new Set(query.keys())].map((k) => [k, query.getAll(k)])) : null,
      requestContext: { accountId: "000000000000", apiId, domainName, httpMethod: request.method, path: request.path, protocol: "HTTP/1.1", requestId, routeKey, stage: "$default", identity: { sourceIp: request.sourceIp, userAgent: headers["user-agent"] ?? "" }, requestTimeEpoch: now.getTime() },
      pathParameters: Object.keys(pathParameters).length ? pathParameters : null,
      stageVariables: null,
      body: body ?? null,
      isBase64Encoded: !isText,
    }
  }
  const cookies = request.headers.cookie ? String(request.headers.cookie).split(/;\s*/) : undefined
  return {
    version: "2.0",
    routeKey,
    rawPath: request.path,
    rawQueryString: request.rawQueryString,
    cookies,
    headers,
    queryStringParameters: query.size ? queryStringParameters : undefined,
    requestContext: {
      accountId: "000000000000",
      apiId,
      domainName,
      domainPrefix: domainName.split(".")[0],
      http: { method: request.method, path: request.path, protocol: "HTTP/1.1", sourceIp: request.sourceIp, userAgent: headers["user-agent"] ?? "" },
      requestId,
      routeKey,
      stage: "$default",
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    pathParameters: Object.keys(pathParameters).length ? pathParameters : undefined,
    body,
    isBase64Encoded: !isText,
  }
}

/** The HTTP response for a function result (payload 2.0 rules: a bare value is a 200 JSON body). */
export function toResponse(result: unknown, payloadFormatVersion: string): HttpResponse {
  const isProxyShape = result !== null && typeof result === "object" && "statusCode" in result
  if (!isProxyShape) {
    if (payloadFormatVersion === "1.0") return internalError()
    const body = typeof result === "string" ? result : JSON.stringify(result)
    return { statusCode: 200, headers: { "content-type": "application/json" }, cookies: [], body: Buffer.from(body ?? "") }
  }
  const r = result as { statusCode: number; headers?: Record<string, unknown>; multiValueHeaders?: Record<string, unknown[]>; cookies?: string[]; body?: unknown; isBase64Encoded?: boolean }
  const headers: Record<string, string> = {}
  for (const [k, v] of Object.entries(r.multiValueHeaders ?? {})) headers[k.toLowerCase()] = v.map(String).join(",")
  for (const [k, v] of Object.entries(r.headers ?? {})) headers[k.toLowerCase()] = String(v)
  const text = r.body === undefined || r.body === null ? "" : typeof r.body === "string" ? r.body : JSON.stringify(r.body)
  return { statusCode: Number(r.statusCode), headers, cookies: r.cookies ?? [], body: r.isBase64Encoded ? Buffer.from(text, "base64") : Buffer.from(text) }
}

export function internalError(): HttpResponse {
  return { statusCode: 500, headers: { "content-type": "application/json" }, cookies: [], body: Buffer.from('{"message":"Internal Server Error"}') }
}
