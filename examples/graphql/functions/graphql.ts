/**
 * A GraphQL endpoint small enough to read: it answers `{ hello }` and `{ now }`, over GET
 * (`?query=...`) and POST (`{ "query": "..." }`). A real app would hand the request to a GraphQL
 * server library; the routing around it is the same.
 */
interface HttpEvent {
  requestContext: { http: { method: string } }
  queryStringParameters?: Record<string, string | undefined>
  body?: string
  isBase64Encoded?: boolean
}

const resolvers: Record<string, () => unknown> = {
  hello: () => "Hello from GraphQLApi",
  now: () => new Date().toISOString(),
}

export async function handler(event: HttpEvent) {
  const query = readQuery(event)
  if (!query) return respond(400, { errors: [{ message: "send a query: ?query={hello} or a JSON body { \"query\": \"{hello}\" }" }] })
  const fields = [...query.matchAll(/\b(\w+)\b/g)].map((match) => match[1]).filter((name) => name !== "query")
  const unknown = fields.filter((name) => !(name in resolvers))
  if (unknown.length > 0) return respond(400, { errors: unknown.map((name) => ({ message: `Cannot query field "${name}" on type "Query".` })) })
  return respond(200, { data: Object.fromEntries(fields.map((name) => [name, resolvers[name]()])) })
}

function readQuery(event: HttpEvent): string | undefined {
  if (event.requestContext.http.method === "GET") return event.queryStringParameters?.query
  const raw = event.isBase64Encoded ? Buffer.from(event.body ?? "", "base64").toString("utf8") : (event.body ?? "")
  try {
    return (JSON.parse(raw) as { query?: string }).query
  } catch {
    return undefined
  }
}

function respond(statusCode: number, body: unknown) {
  return { statusCode, headers: { "content-type": "application/json" }, body: JSON.stringify(body) }
}
