/** What the note handlers share: the table's name from the binding and a DynamoDB client. */
import { DynamoDBClient } from "@aws-sdk/client-dynamodb"

export const client = new DynamoDBClient({})

/** Set by `bind: [table]`, read exactly as SST v1's `Table.Notes.tableName` reads it. */
export const tableName = process.env.SST_Table_tableName_Notes

/** Every request acts for one fixed user until the app has authentication. */
export const userId = "123"

export function json(statusCode: number, body: unknown) {
  return { statusCode, headers: { "content-type": "application/json" }, body: JSON.stringify(body) }
}

export interface Note {
  noteId: string
  content: string
  createdAt: number
}

export function toNote(item: Record<string, { S?: string; N?: string }>): Note {
  return { noteId: item.noteId?.S ?? "", content: item.content?.S ?? "", createdAt: Number(item.createdAt?.N ?? 0) }
}
