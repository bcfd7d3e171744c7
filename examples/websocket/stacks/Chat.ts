import { StackContext, Table, WebSocketApi } from "@serverless-stack/resources"

export function Chat({ stack }: StackContext) {
  // Who is connected: one item per connection id.
  const connections = new Table(stack, "Connections", {
    fields: { id: "string" },
    primaryIndex: { partitionKey: "id" },
  })

  // Every route function gets the table (SST_Table_tableName_Connections) and may call
  // postToConnection on this API (execute-api:ManageConnections).
  const api = new WebSocketApi(stack, "Api", {
    defaults: { function: { bind: [connections] } },
    routes: {
      $connect: "functions/connect.main",
      $disconnect: "functions/disconnect.main",
      sendmessage: "functions/sendMessage.main",
    },
  })

  stack.addOutputs({ ApiEndpoint: api.url })
}
