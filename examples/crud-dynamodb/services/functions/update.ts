import { ConditionalCheckFailedException, UpdateItemCommand } from "@aws-sdk/client-dynamodb"
import { client, json, tableName, toNote, userId } from "./notes"

/** PUT /notes/{id} with {"content": "..."}: changes an existing note's content. */
export async function main(event: { body?: string; pathParameters?: { id?: string } }) {
  const { content } = JSON.parse(event.body ?? "{}") as { content?: string }
  if (!content) return json(400, { error: "content is required" })
  try {
    const result = await client.send(
      new UpdateItemCommand({
        TableName: tableName,
        Key: { userId: { S: userId }, noteId: { S: event.pathParameters?.id ?? "" } },
        UpdateExpression: "SET content = :content",
        ConditionExpression: "attribute_exists(noteId)",
        ExpressionAttributeValues: { ":content": { S: content } },
        ReturnValues: "ALL_NEW",
      }),
    )
    return json(200, toNote(result.Attributes ?? {}))
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return json(404, { error: "note not found" })
    throw error
  }
}
