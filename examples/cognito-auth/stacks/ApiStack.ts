import { Api, StackContext, use } from "@serverless-stack/resources"
import { AuthStack } from "./AuthStack"

// SST v1's api-auth-cognito example: IAM authorization by default, a public route, and a route
// that takes the user pool's JWTs.
export function ApiStack({ stack, app }: StackContext) {
  const { auth } = use(AuthStack)

  const api = new Api(stack, "Api", {
    defaults: { authorizer: "iam" },
    authorizers: {
      jwt: { type: "user_pool", userPool: { id: auth.userPoolId, clientIds: [auth.userPoolClientId] } },
    },
    routes: {
      "GET /private": "functions/private.handler",
      "GET /public": { function: "functions/public.handler", authorizer: "none" },
      "GET /me": { function: "functions/private.handler", authorizer: "jwt" },
    },
  })

  auth.attachPermissionsForAuthUsers(stack, [api])

  stack.addOutputs({ ApiEndpoint: api.url, Region: app.region })
}
