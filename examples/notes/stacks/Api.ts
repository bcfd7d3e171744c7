import { Api as HttpApi, StackContext, use } from "@serverless-stack/resources"
import { Database } from "./Database"

export function Api({ stack }: StackContext) {
  const { table } = use(Database)

  // The seed page's API. The table is a raw DynamoDB resource (Database.ts), so it is granted
  // through permissions and named through the environment; a Table construct would be bound.
  const api = new HttpApi(stack, "Api", {
    defaults: {
      function: {
        permissions: [table],
        environment: { TABLE_NAME: table.ref },
        // The Lambda Node.js runtime provides the AWS SDK.
        bundle: { externalModules: ["@aws-sdk/*"] },
      },
    },
    routes: {
      "GET  /notes": "functions/list.main",
      "POST /notes": "functions/create.main",
    },
  })

  stack.addOutputs({
    ApiEndpoint: api.url,
    NotesUrl: { value: `${api.url}/notes`, description: "List the notes" },
  })
  return { api }
}
