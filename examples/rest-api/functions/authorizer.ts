/** A TOKEN authorizer: the token is the Authorization header; "allow" lets the caller in. */
interface TokenEvent {
  authorizationToken: string
  methodArn: string
}

export async function main(event: TokenEvent) {
  const effect = event.authorizationToken === "Bearer allow" ? "Allow" : "Deny"
  return {
    principalId: "user",
    policyDocument: { Version: "2012-10-17", Statement: [{ Action: "execute-api:Invoke", Effect: effect, Resource: event.methodArn }] },
  }
}
