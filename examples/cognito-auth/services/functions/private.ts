interface HttpEvent {
  requestContext: { authorizer?: { iam?: { cognitoIdentity?: { identityId?: string } }; jwt?: { claims: Record<string, string> } } }
}

/** Who called: the identity pool's id under IAM authorization, the token's subject under JWT. */
export async function handler(event: HttpEvent) {
  const authorizer = event.requestContext.authorizer
  const who = authorizer?.iam?.cognitoIdentity?.identityId ?? authorizer?.jwt?.claims.sub ?? "unknown"
  return { statusCode: 200, body: `Hello ${who}!` }
}
