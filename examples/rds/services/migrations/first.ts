import type { Kysely } from "kysely"

export async function up(db: Kysely<any>) {
  await db.schema
    .createTable("comment")
    .addColumn("id", "serial", (col) => col.primaryKey())
    .addColumn("text", "text", (col) => col.notNull())
    .execute()
}

export async function down(db: Kysely<any>) {
  await db.schema.dropTable("comment").execute()
}
