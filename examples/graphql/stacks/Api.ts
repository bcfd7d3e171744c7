import { GraphQLApi, StackContext } from "@serverless-stack/resources"

export function Api({ stack }: StackContext) {
  // GET /graphql and POST /graphql share one function and one integration.
  const api = new GraphQLApi(stack, "Api", {
    server: "functions/graphql.handler",
    rootPath: "/graphql",
    defaults: { throttle: { burst: 50, rate: 20 } },
  })

  stack.addOutputs({ GraphQLUrl: `${api.url}/graphql` })
  return { api }
}
