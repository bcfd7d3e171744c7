import { QueryCommand } from "@aws-sdk/client-dynamodb"
import { client, json, tableName, toNote, userId } from "./notes"

/** GET /notes: the user's notes, newest first. */
export async function main() {
  const result = await client.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: "byDate",
      KeyConditionExpression: "userId = :userId",
      ExpressionAttributeValues: { ":userId": { S: userId } },
      ScanIndexForward: false,
    }),
  )
  return json(200, (result.Items ?? []).map(toNote))
}
