import { randomUUID } from "node:crypto"
import { PutItemCommand } from "@aws-sdk/client-dynamodb"
import { client, json, tableName, userId } from "./notes"

/** POST /notes with {"content": "..."}: stores a new note. */
export async function main(event: { body?: string }) {
  const { content } = JSON.parse(event.body ?? "{}") as { content?: string }
  if (!content) return json(400, { error: "content is required" })
  const note = { noteId: randomUUID(), content, createdAt: Date.now() }
  await client.send(
    new PutItemCommand({
      TableName: tableName,
      Item: { userId: { S: userId }, noteId: { S: note.noteId }, content: { S: content }, createdAt: { N: String(note.createdAt) } },
    }),
  )
  return json(201, note)
}
