import { DynamoDBClient, PutItemCommand } from "@aws-sdk/client-dynamodb"

const db = new DynamoDBClient({})

interface ConnectEvent {
  requestContext: { connectionId: string }
}

export async function main(event: ConnectEvent) {
  await db.send(new PutItemCommand({ TableName: process.env.SST_Table_tableName_Connections, Item: { id: { S: event.requestContext.connectionId } } }))
  return { statusCode: 200, body: "Connected" }
}
