import { Api, Auth, StackContext } from "@serverless-stack/resources"

// SST v1.18's SST Auth example: the authenticator serves /auth/*, and every route of the API can
// read the session with the public key.
export function MyStack({ stack }: StackContext) {
  const api = new Api(stack, "api", {
    routes: {
      "GET /session": "functions/session.handler",
    },
  })

  const auth = new Auth(stack, "auth", {
    authenticator: { handler: "functions/auth.handler" },
  })
  auth.attach(stack, { api, prefix: "/auth" })

  stack.addOutputs({ ApiEndpoint: api.url })
}
