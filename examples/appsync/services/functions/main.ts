/**
 * The `notes` data source: AppSync calls it directly (no mapping template) with the field being
 * resolved and its arguments. The table's name comes from the binding, as SST v1's
 * `Table.Notes.tableName` would read it.
 */
interface AppSyncEvent {
  info: { fieldName: string }
  arguments: { note?: { id: string; content: string }; noteId?: string }
}

const tableName = process.env.SST_Table_tableName_Notes

export async function handler(event: AppSyncEvent) {
  switch (event.info.fieldName) {
    case "listNotes":
      return []
    case "createNote":
    case "updateNote":
      return event.arguments.note
    case "deleteNote":
      return event.arguments.noteId
    default:
      throw new Error(`unknown field ${event.info.fieldName} (table ${tableName})`)
  }
}
