import { randomUUID } from "node:crypto"
import { DynamoDBClient, PutItemCommand } from "@aws-sdk/client-dynamodb"

const client = new DynamoDBClient({})

interface ApiEvent {
  body?: string
  isBase64Encoded?: boolean
}

/** POST /notes: stores `{ content }` as a new note and returns it. */
export async function main(event: ApiEvent) {
  const raw = event.isBase64Encoded ? Buffer.from(event.body ?? "", "base64").toString("utf8") : (event.body ?? "")
  let content: unknown
  try {
    content = (JSON.parse(raw) as { content?: unknown }).content
  } catch {
    content = undefined
  }
  if (typeof content !== "string" || content === "") {
    return { statusCode: 400, body: JSON.stringify({ error: 'send a JSON body { "content": "..." }' }) }
  }
  const note = { userId: "123", noteId: randomUUID(), content, createdAt: Date.now() }
  await client.send(
    new PutItemCommand({
      TableName: process.env.TABLE_NAME,
      Item: { userId: { S: note.userId }, noteId: { S: note.noteId }, content: { S: note.content }, createdAt: { N: String(note.createdAt) } },
    }),
  )
  return { statusCode: 201, headers: { "content-type": "application/json" }, body: JSON.stringify(note) }
}
