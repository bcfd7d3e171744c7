/** A Lambda authorizer with simple responses: the header "authorization: let-me-in" passes. */
interface AuthorizerEvent {
  headers?: Record<string, string | undefined>
}

export async function main(event: AuthorizerEvent) {
  const allowed = event.headers?.authorization === "let-me-in"
  return { isAuthorized: allowed, context: { user: allowed ? "guest" : "nobody" } }
}
