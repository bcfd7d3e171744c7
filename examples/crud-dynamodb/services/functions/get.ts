import { GetItemCommand } from "@aws-sdk/client-dynamodb"
import { client, json, tableName, toNote, userId } from "./notes"

/** GET /notes/{id}: one note, or 404. */
export async function main(event: { pathParameters?: { id?: string } }) {
  const result = await client.send(
    new GetItemCommand({ TableName: tableName, Key: { userId: { S: userId }, noteId: { S: event.pathParameters?.id ?? "" } } }),
  )
  return result.Item ? json(200, toNote(result.Item)) : json(404, { error: "note not found" })
}
