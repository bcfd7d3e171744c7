import { GraphQLApi, StackContext } from "@serverless-stack/resources"

export function Api({ stack, app }: StackContext) {
  // GET /graphql and POST /graphql share one function and one integration.
  const api = new GraphQLApi(stack, "Api", {
    server: "functions/graphql.handler",
    rootPath: "/graphql",
    defaults: { throttle: { burst: 50, rate: 20 } },
    // A domain given by name only: its hosted zone is looked up at deploy time.
    customDomain: app.stage === "prod" ? "graphql.example.com" : `${app.stage}.graphql.example.com`,
  })

  stack.addOutputs({ GraphQLUrl: `${api.url}/graphql`, CustomDomainUrl: `${api.customDomainUrl}/graphql` })
  return { api }
}
