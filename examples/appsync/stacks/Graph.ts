import { AppSyncApi, Function, StackContext, use } from "@serverless-stack/resources"
import { Database } from "./Database"

// SST v1's AppSync example, grown: a function data source for most fields, the table itself for
// reads by id (VTL, no function), a field served by its own function, and a client that calls the
// API with the URL it is bound to.
export function Graph({ stack }: StackContext) {
  const { notes } = use(Database)

  const api = new AppSyncApi(stack, "AppSyncApi", {
    schema: ["services/graphql/schema.graphql", "services/graphql/stats.graphql"],
    defaults: { function: { bind: [notes] } },
    dataSources: {
      notes: "functions/main.handler",
      table: { type: "dynamodb", table: notes },
    },
    resolvers: {
      "Query    listNotes": "notes",
      "Query    getNoteById": {
        dataSource: "table",
        requestMapping: { file: "services/mapping-templates/get-note.request.vtl" },
        responseMapping: { file: "services/mapping-templates/get-note.response.vtl" },
      },
      "Mutation createNote": "notes",
      "Mutation updateNote": "notes",
      "Mutation deleteNote": "notes",
      "Query    stats": "functions/stats.handler",
    },
  })

  const client = new Function(stack, "Client", { handler: "functions/client.handler", bind: [api] })

  stack.addOutputs({
    ApiId: api.apiId,
    ApiUrl: api.url,
    ApiKey: api.cdk.graphqlApi.apiKey || "",
    ClientFunction: client.functionName,
  })
  return { api }
}
