/** Answers with who the caller is, as the route's authorizer saw them. */
interface HttpEvent {
  routeKey: string
  requestContext: { authorizer?: { jwt?: { claims: Record<string, unknown> }; lambda?: Record<string, unknown>; iam?: { userArn?: string } } }
}

export async function main(event: HttpEvent) {
  const authorizer = event.requestContext.authorizer ?? {}
  const caller = authorizer.jwt?.claims.sub ?? authorizer.lambda?.user ?? authorizer.iam?.userArn ?? "unknown"
  return { statusCode: 200, body: `${event.routeKey}: hello ${String(caller)}` }
}
