import { Api, StackContext, Table } from "@serverless-stack/resources"

export function MyStack({ stack }: StackContext) {
  // The notes of each user, newest first through the byDate index.
  const table = new Table(stack, "Notes", {
    fields: { userId: "string", noteId: "string", createdAt: "number" },
    primaryIndex: { partitionKey: "userId", sortKey: "noteId" },
    localIndexes: { byDate: { sortKey: "createdAt" } },
  })

  const api = new Api(stack, "Api", {
    defaults: { function: { bind: [table] } },
    routes: {
      "GET    /notes": "functions/list.main",
      "POST   /notes": "functions/create.main",
      "GET    /notes/{id}": "functions/get.main",
      "PUT    /notes/{id}": "functions/update.main",
      "DELETE /notes/{id}": "functions/delete.main",
    },
  })

  stack.addOutputs({ ApiEndpoint: api.url, TableName: table.tableName })
}
