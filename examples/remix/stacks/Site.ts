import { RemixSite, StackContext, Table } from "@serverless-stack/resources"

// A Remix app whose loader reads a table name from its environment (a value known after deploy).
export function Site({ stack }: StackContext) {
  const table = new Table(stack, "Notes", {
    fields: { noteId: "string" },
    primaryIndex: { partitionKey: "noteId" },
  })
  // "web/" as SST v1 apps often wrote it: the trailing slash changes nothing.
  const site = new RemixSite(stack, "Site", {
    path: "web/",
    environment: { TABLE_NAME: table.tableName },
  })
  site.attachPermissions([table])
  stack.addOutputs({ SiteUrl: site.url })
}
