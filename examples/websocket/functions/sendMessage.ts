import { ApiGatewayManagementApiClient, GoneException, PostToConnectionCommand } from "@aws-sdk/client-apigatewaymanagementapi"
import { DeleteItemCommand, DynamoDBClient, ScanCommand } from "@aws-sdk/client-dynamodb"

const db = new DynamoDBClient({})

interface MessageEvent {
  body?: string
  requestContext: { connectionId: string; domainName: string; stage: string }
}

/** `{ "action": "sendmessage", "data": "hello" }`: sends `data` to every connected client. */
export async function main(event: MessageEvent) {
  const { domainName, stage } = event.requestContext
  const data = (JSON.parse(event.body ?? "{}") as { data?: unknown }).data
  // The function may call postToConnection: WebSocketApi grants execute-api:ManageConnections.
  const client = new ApiGatewayManagementApiClient({ endpoint: `https://${domainName}/${stage}` })
  const connections = await db.send(new ScanCommand({ TableName: process.env.SST_Table_tableName_Connections, ProjectionExpression: "id" }))
  await Promise.all(
    (connections.Items ?? []).map(async (item) => {
      const id = item.id?.S as string
      try {
        await client.send(new PostToConnectionCommand({ ConnectionId: id, Data: new TextEncoder().encode(String(data)) }))
      } catch (error) {
        // A client that left without saying goodbye: forget it.
        if (error instanceof GoneException) await db.send(new DeleteItemCommand({ TableName: process.env.SST_Table_tableName_Connections, Key: { id: { S: id } } }))
        else throw error
      }
    }),
  )
  return { statusCode: 200, body: "Message sent" }
}
