import { DynamoDBClient, QueryCommand } from "@aws-sdk/client-dynamodb"

const client = new DynamoDBClient({})

/** GET /notes: the notes of the (for now fixed) user. */
export async function main() {
  const result = await client.send(
    new QueryCommand({
      TableName: process.env.TABLE_NAME,
      KeyConditionExpression: "userId = :userId",
      ExpressionAttributeValues: { ":userId": { S: "123" } },
    }),
  )
  const notes = (result.Items ?? []).map((item) => ({ noteId: item.noteId?.S, content: item.content?.S, createdAt: Number(item.createdAt?.N) }))
  return { statusCode: 200, headers: { "content-type": "application/json" }, body: JSON.stringify(notes) }
}
