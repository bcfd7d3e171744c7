import { DeleteItemCommand } from "@aws-sdk/client-dynamodb"
import { client, json, tableName, userId } from "./notes"

/** DELETE /notes/{id}: removes the note (deleting a missing note succeeds too). */
export async function main(event: { pathParameters?: { id?: string } }) {
  await client.send(new DeleteItemCommand({ TableName: tableName, Key: { userId: { S: userId }, noteId: { S: event.pathParameters?.id ?? "" } } }))
  return json(200, { status: true })
}
