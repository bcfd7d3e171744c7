/**
 * The migrator Lambda of an RDS cluster (SST v1's event API; see migrate.ts). It reads the cluster
 * from its environment, which the RDS construct sets:
 * `RDS_ARN`, `RDS_SECRET`, `RDS_DATABASE`, `RDS_ENGINE_MODE` ("postgres" | "mysql"), and
 * `RDS_MIGRATIONS_PATH`, the folder of bundled migrations beside this file in the zip. An event may
 * name another `database` of the cluster.
 * @module
 */
import { dirname, isAbsolute, join } from "node:path"
import { fileURLToPath } from "node:url"
import { RDSDataClient } from "@aws-sdk/client-rds-data"
import { Kysely } from "kysely"
import { DataApiDialect } from "./data-api-dialect.ts"
import { FolderMigrationProvider } from "./load-migrations.ts"
import { runMigrator, type MigratorAnswer, type MigratorEvent } from "./migrate.ts"

export async function handler(event: (MigratorEvent & { database?: string }) | null | undefined): Promise<MigratorAnswer> {
  const env = readEnvironment()
  const db = new Kysely<any>({
    dialect: new DataApiDialect({
      mode: env.mode,
      client: new RDSDataClient({}),
      resourceArn: env.resourceArn,
      secretArn: env.secretArn,
      database: event?.database ?? env.database,
    }),
  })
  try {
    const folder = isAbsolute(env.migrationsPath) ? env.migrationsPath : join(dirname(fileURLToPath(import.meta.url)), env.migrationsPath)
    return await runMigrator(db, new FolderMigrationProvider(folder), event)
  } finally {
    await db.destroy()
  }
}

function readEnvironment() {
  const value = (name: string): string => {
    const found = process.env[name]
    if (!found) throw new Error(`internal: the migrator needs the environment variable ${name}`)
    return found
  }
  const mode = value("RDS_ENGINE_MODE")
  if (mode !== "postgres" && mode !== "mysql") throw new Error(`internal: RDS_ENGINE_MODE is ${JSON.stringify(mode)}, not "postgres" or "mysql"`)
  return {
    resourceArn: value("RDS_ARN"),
    secretArn: value("RDS_SECRET"),
    database: value("RDS_DATABASE"),
    mode: mode as "postgres" | "mysql",
    migrationsPath: value("RDS_MIGRATIONS_PATH"),
  } as const
}
