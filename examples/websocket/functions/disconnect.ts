import { DeleteItemCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb"

const db = new DynamoDBClient({})

interface DisconnectEvent {
  requestContext: { connectionId: string }
}

export async function main(event: DisconnectEvent) {
  await db.send(new DeleteItemCommand({ TableName: process.env.SST_Table_tableName_Connections, Key: { id: { S: event.requestContext.connectionId } } }))
  return { statusCode: 200, body: "Disconnected" }
}
