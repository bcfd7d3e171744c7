import { Api, Cognito, Function, StackContext } from "@serverless-stack/resources"

export function AuthApi({ stack, app }: StackContext) {
  const auth = new Cognito(stack, "Auth", { login: ["email"] })
  const authorizer = new Function(stack, "Authorizer", { handler: "functions/authorizer.main" })

  // One handler behind routes that each authorize differently: the routes share one function.
  const api = new Api(stack, "Api", {
    authorizers: {
      Pool: { type: "user_pool", userPool: { id: auth.userPoolId, clientIds: [auth.userPoolClientId] } },
      Auth0: { type: "jwt", jwt: { issuer: "https://myorg.us.auth0.com/", audience: ["https://api.example.com"] } },
      Custom: { type: "lambda", function: authorizer, responseTypes: ["simple"], resultsCacheTtl: "30 seconds" },
    },
    defaults: { authorizer: "Pool", authorizationScopes: ["aws.cognito.signin.user.admin"] },
    // The zone by id; with only its name (hostedZone: "example.com") it is looked up at deploy time.
    customDomain: { domainName: `${app.stage}.api.example.com`, cdk: { hostedZone: { hostedZoneId: "Z0EXAMPLE12345", zoneName: "example.com" } } },
    routes: {
      "GET /user-pool": "functions/private.main",
      "GET /auth0": { function: "functions/private.main", authorizer: "Auth0", authorizationScopes: ["read:notes"] },
      "GET /lambda": { function: "functions/private.main", authorizer: "Custom" },
      "GET /iam": { function: "functions/private.main", authorizer: "iam" },
      "GET /public": { function: "functions/public.main", authorizer: "none" },
    },
  })

  // Signed-in users of the identity pool may call the "iam" route.
  auth.attachPermissionsForAuthUsers(stack, [api])

  stack.addOutputs({
    ApiEndpoint: api.url,
    CustomDomainUrl: api.customDomainUrl ?? "",
    UserPoolId: auth.userPoolId,
    UserPoolClientId: auth.userPoolClientId,
  })
}
