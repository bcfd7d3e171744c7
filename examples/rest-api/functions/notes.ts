/** The notes service: one module, a handler per route. */
interface RestEvent {
  pathParameters?: Record<string, string | undefined> | null
  body?: string | null
  requestContext: { authorizer?: { principalId?: string } | null }
}

const json = (statusCode: number, body: unknown) => ({ statusCode, headers: { "content-type": "application/json" }, body: JSON.stringify(body) })

export async function list() {
  return json(200, [])
}

export async function get(event: RestEvent) {
  return json(200, { noteId: event.pathParameters?.id, content: "Hello" })
}

export async function create(event: RestEvent) {
  const note = JSON.parse(event.body ?? "{}") as { content?: string }
  return json(201, { noteId: "1", content: note.content ?? "", author: event.requestContext.authorizer?.principalId })
}

export async function remove(event: RestEvent) {
  return json(200, { deleted: event.pathParameters?.id })
}
