/**
 * The migrator's work, for any Kysely dialect: the Lambda handler (migrator.ts) runs it over the
 * RDS Data API, tests run it over a real PostgreSQL connection. Events as SST v1's migrator took
 * them (the console sends the same):
 *
 * - `{ type: "latest" }` (the default, and what a deployment sends: `{}`): apply every pending migration.
 * - `{ type: "to", data: { name } }`: migrate up or down to `name`; an empty name undoes all of them.
 * - `{ type: "list" }`: every migration with the time it was applied, if it was.
 *
 * Applying fails (throws) when a migration fails, naming it and the reason, so a deployment that
 * runs the migrator stops there. Kysely runs one call's migrations in one transaction where the
 * engine allows DDL in transactions (PostgreSQL): a failure then undoes the whole call, and the
 * database is as before it. MySQL commits DDL as it goes: the migrations before the failing one
 * stay applied.
 * @module
 */
import type { Kysely } from "kysely"
import { Migrator, NO_MIGRATIONS, type MigrationProvider, type MigrationResultSet } from "kysely/migration"

export type MigratorEvent = { type?: "latest" } | { type: "to"; data: { name?: string } } | { type: "list" }

export interface MigrationStatus {
  name: string
  /** ISO time, or null when it has not run. */
  executedAt: string | null
}

export interface MigrationOutcome {
  migrationName: string
  direction: "Up" | "Down"
  status: "Success" | "Error" | "NotExecuted"
}

export type MigratorAnswer = { results: MigrationOutcome[] } | MigrationStatus[]

export async function runMigrator(db: Kysely<any>, provider: MigrationProvider, event: MigratorEvent | null | undefined): Promise<MigratorAnswer> {
  const migrator = new Migrator({ db, provider })
  const type = event?.type ?? "latest"
  switch (type) {
    case "latest":
      return settle(await migrator.migrateToLatest())
    case "to": {
      const name = (event as { data?: { name?: string } }).data?.name
      return settle(await migrator.migrateTo(name ? name : NO_MIGRATIONS))
    }
    case "list":
      return (await migrator.getMigrations()).map((m) => ({ name: m.name, executedAt: m.executedAt ? m.executedAt.toISOString() : null }))
    default:
      throw new Error(`Unknown migrator event type ${JSON.stringify(type)}: use "latest", "to" or "list".`)
  }
}

function settle(set: MigrationResultSet): { results: MigrationOutcome[] } {
  const results = (set.results ?? []).map((r) => ({ migrationName: r.migrationName, direction: r.direction, status: r.status }))
  if (set.error !== undefined) {
    const failed = results.find((r) => r.status === "Error")
    const reason = set.error instanceof Error ? set.error.message : String(set.error)
    throw new Error(failed ? `Migration "${failed.migrationName}" (${failed.direction.toLowerCase()}) failed: ${reason}` : `Migrations failed: ${reason}`)
  }
  return { results }
}
