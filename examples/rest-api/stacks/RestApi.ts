import { ApiGatewayV1Api, Function, StackContext } from "@serverless-stack/resources"

export function RestApi({ stack }: StackContext) {
  const authorizer = new Function(stack, "Authorizer", { handler: "functions/authorizer.main" })

  const api = new ApiGatewayV1Api(stack, "Api", {
    authorizers: {
      Token: { type: "lambda_token", function: authorizer, resultsCacheTtl: "5 minutes" },
    },
    defaults: { function: { timeout: 20 } },
    cors: true,
    accessLog: { retention: "two_weeks" },
    routes: {
      "GET    /notes": "functions/notes.list",
      "POST   /notes": { function: "functions/notes.create", authorizer: "Token" },
      "GET    /notes/{id}": "functions/notes.get",
      "DELETE /notes/{id}": { function: "functions/notes.remove", authorizer: "iam" },
      "ANY    /legacy/{proxy+}": "functions/legacy.main",
    },
  })

  stack.addOutputs({ ApiEndpoint: api.url, RestApiId: api.restApiId })
}
