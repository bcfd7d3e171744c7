import { Api, NextjsSite, StackContext, Table } from "@serverless-stack/resources"

// A Next.js app (built with OpenNext) that renders the API's URL and reads a table.
export function Site({ stack }: StackContext) {
  const table = new Table(stack, "Visits", {
    fields: { page: "string" },
    primaryIndex: { partitionKey: "page" },
  })
  const api = new Api(stack, "Api", {
    routes: { "GET /hello": "functions/hello.main" },
  })
  const site = new NextjsSite(stack, "Site", {
    path: "site",
    environment: {
      NEXT_PUBLIC_API_URL: api.url,
      TABLE_NAME: table.tableName,
    },
  })
  site.attachPermissions([table])
  stack.addOutputs({ SiteUrl: site.url, ApiEndpoint: api.url })
}
