/**
 * Migrations run for real against a throwaway PostgreSQL (test/helpers/postgres.ts):
 * - the migrator's core (lambda/migrate.ts) over Kysely's PostgresDialect and `pg`, with the
 *   example app's TypeScript migration: apply, list, roll back, fail;
 * - the migrator Lambda handler (lambda/migrator.ts) over our Data API dialect, through the RDS
 *   Data API fake (backed by the same PostgreSQL), on migrations bundled the way the packager
 *   bundles them (each file on its own, ESM, minified);
 * - the zip `sst build` makes of examples/rds, unpacked and run by plain Node (no TypeScript
 *   loader) as Lambda would run it.
 */
import assert from "node:assert/strict"
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { dirname, join } from "node:path"
import { pathToFileURL } from "node:url"
import { after, before, test } from "node:test"
import { build } from "esbuild"
import { Kysely, PostgresDialect, sql } from "kysely"
import pg from "pg"
import { startRdsDataFake, type RdsDataFake } from "../../test/fakes/rds-data/index.ts"
import { readZip } from "../../test/fixtures/functions/read-zip.ts"
import { copyApp, EXAMPLES, readManifest, REPO_ROOT, removeCopies, runSst } from "../../test/helpers/cli.ts"
import { readFileSync } from "node:fs"
import { startPostgres, type Postgres } from "../../test/helpers/postgres.ts"
import { FolderMigrationProvider } from "./lambda/load-migrations.ts"
import { runMigrator } from "./lambda/migrate.ts"
import { handler } from "./lambda/migrator.ts"

const EXAMPLE_MIGRATIONS = join(REPO_ROOT, "examples", "rds", "services", "migrations")
const SECOND = `import { sql, type Kysely } from "kysely"

export async function up(db: Kysely<any>) {
  await db.schema.alterTable("comment").addColumn("created_at", "timestamptz", (col) => col.notNull().defaultTo(sql\`now()\`)).execute()
}

export async function down(db: Kysely<any>) {
  await db.schema.alterTable("comment").dropColumn("created_at").execute()
}
`
const BROKEN = `export async function up(db: any) {
  await db.schema.createTable("comment").addColumn("id", "serial").execute()
}
`

let postgres: Postgres
const folders: string[] = []
let databases = 0

before(async () => {
  postgres = await startPostgres()
})

after(() => {
  removeCopies()
  for (const folder of folders) rmSync(folder, { recursive: true, force: true })
  postgres?.stop()
})

/** A new database, and a Kysely over pg connected to it. */
async function freshDatabase(): Promise<{ name: string; db: Kysely<any> }> {
  const name = `test_${++databases}`
  const admin = new pg.Client({ host: postgres.host, port: postgres.port, user: postgres.user, database: "postgres" })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${name}`)
  await admin.end()
  const db = new Kysely<any>({ dialect: new PostgresDialect({ pool: new pg.Pool({ host: postgres.host, port: postgres.port, user: postgres.user, database: name, max: 2 }) }) })
  return { name, db }
}

/**
 * A migrations folder: the example's first.ts plus `extra` files. It sits inside the repository
 * (under the ignored .sst/) so that `import "kysely"` resolves as it does in an app that has it.
 */
function migrationsFolder(extra: Record<string, string> = {}): string {
  mkdirSync(join(REPO_ROOT, ".sst"), { recursive: true })
  const dir = mkdtempSync(join(REPO_ROOT, ".sst", "test-migrations-"))
  folders.push(dir)
  cpSync(join(EXAMPLE_MIGRATIONS, "first.ts"), join(dir, "1_first.ts"))
  for (const [file, content] of Object.entries(extra)) writeFileSync(join(dir, file), content)
  return dir
}

async function columnsOf(db: Kysely<any>, table: string): Promise<string[]> {
  const rows = await sql<{ column_name: string }>`select column_name from information_schema.columns where table_name = ${table} order by ordinal_position`.execute(db)
  return rows.rows.map((r) => r.column_name)
}

test("the example's TypeScript migration applies, lists and rolls back on PostgreSQL", async () => {
  const { db } = await freshDatabase()
  const provider = new FolderMigrationProvider(migrationsFolder({ "2_second.ts": SECOND }))
  try {
    assert.deepEqual(await runMigrator(db, provider, {}), {
      results: [
        { migrationName: "1_first", direction: "Up", status: "Success" },
        { migrationName: "2_second", direction: "Up", status: "Success" },
      ],
    })
    assert.deepEqual(await columnsOf(db, "comment"), ["id", "text", "created_at"])
    const listed = await runMigrator(db, provider, { type: "list" })
    assert.deepEqual((listed as { name: string }[]).map((m) => m.name), ["1_first", "2_second"])
    assert.ok((listed as { executedAt: string | null }[]).every((m) => m.executedAt !== null && !Number.isNaN(Date.parse(m.executedAt))))

    assert.deepEqual(await runMigrator(db, provider, { type: "to", data: { name: "1_first" } }), {
      results: [{ migrationName: "2_second", direction: "Down", status: "Success" }],
    })
    assert.deepEqual(await columnsOf(db, "comment"), ["id", "text"])
    assert.deepEqual(await runMigrator(db, provider, { type: "latest" }), { results: [{ migrationName: "2_second", direction: "Up", status: "Success" }] })
    assert.deepEqual(await runMigrator(db, provider, { type: "latest" }), { results: [] }, "nothing left to apply")

    assert.deepEqual(await runMigrator(db, provider, { type: "to", data: { name: "" } }), {
      results: [
        { migrationName: "2_second", direction: "Down", status: "Success" },
        { migrationName: "1_first", direction: "Down", status: "Success" },
      ],
    })
    assert.deepEqual(await columnsOf(db, "comment"), [])
    assert.deepEqual(await runMigrator(db, provider, { type: "list" }), [
      { name: "1_first", executedAt: null },
      { name: "2_second", executedAt: null },
    ])
  } finally {
    await db.destroy()
  }
})

test("a failing migration stops the run with its name and PostgreSQL's reason, and PostgreSQL undoes the whole run", async () => {
  const { db } = await freshDatabase()
  const provider = new FolderMigrationProvider(migrationsFolder({ "2_broken.ts": BROKEN }))
  try {
    await assert.rejects(runMigrator(db, provider, {}), { message: 'Migration "2_broken" (up) failed: relation "comment" already exists' })
    const listed = (await runMigrator(db, provider, { type: "list" })) as { name: string; executedAt: string | null }[]
    assert.deepEqual(listed.map((m) => [m.name, m.executedAt !== null]), [["1_first", false], ["2_broken", false]])
    assert.deepEqual(await columnsOf(db, "comment"), [], "the run was one transaction: 1_first is undone too")
  } finally {
    await db.destroy()
  }
})

test("the migrator refuses an unknown event type and a migration without up()", async () => {
  const { db } = await freshDatabase()
  try {
    // @ts-expect-error not an event type
    await assert.rejects(runMigrator(db, new FolderMigrationProvider(migrationsFolder()), { type: "sideways" }), {
      message: 'Unknown migrator event type "sideways": use "latest", "to" or "list".',
    })
    const folder = migrationsFolder({ "2_empty.ts": "export const nothing = 1\n" })
    await assert.rejects(runMigrator(db, new FolderMigrationProvider(folder), {}), {
      message: "Migrations failed: Migration 2_empty.ts exports no up(db) function. Export async function up(db) { ... } (and down(db) to undo it).",
    })
  } finally {
    await db.destroy()
  }
})

test("the migrator Lambda runs bundled migrations over the RDS Data API, waiting for a paused cluster", async () => {
  const { name, db } = await freshDatabase()
  const resourceArn = "arn:aws:rds:us-east-1:123456789012:cluster:test-rds-rds"
  const secretArn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:rds-abc"
  // The cluster is paused at first, as an auto-paused Serverless v2 cluster is: the dialect waits.
  const dataApi: RdsDataFake = await startRdsDataFake({ host: postgres.host, port: postgres.port, user: postgres.user, resourceArn, secretArn, resumingCalls: 1 })
  // The migrator's zip: a package.json saying ESM, and each migration bundled on its own.
  const zip = mkdtempSync(join(tmpdir(), "sst-migrator-"))
  folders.push(zip)
  writeFileSync(join(zip, "package.json"), '{ "type": "module" }\n')
  const source = migrationsFolder({ "2_second.ts": SECOND })
  mkdirSync(join(zip, "sst_rds_migration_scripts"))
  for (const migration of ["1_first", "2_second"]) {
    await build({ entryPoints: [join(source, `${migration}.ts`)], outfile: join(zip, "sst_rds_migration_scripts", `${migration}.js`), bundle: true, format: "esm", platform: "node", minify: true, logLevel: "silent" })
  }
  Object.assign(process.env, {
    AWS_REGION: "us-east-1",
    AWS_ACCESS_KEY_ID: "AKIDTEST",
    AWS_SECRET_ACCESS_KEY: "secret",
    AWS_ENDPOINT_URL_RDS_DATA: dataApi.endpoint,
    RDS_ARN: resourceArn,
    RDS_SECRET: secretArn,
    RDS_DATABASE: "postgres",
    RDS_ENGINE_MODE: "postgres",
    RDS_MIGRATIONS_PATH: join(zip, "sst_rds_migration_scripts"),
  })
  try {
    // A deployment sends {} (UserParams); the event may name another database of the cluster.
    assert.deepEqual(await handler({ database: name } as never), {
      results: [
        { migrationName: "1_first", direction: "Up", status: "Success" },
        { migrationName: "2_second", direction: "Up", status: "Success" },
      ],
    })
    assert.deepEqual(await columnsOf(db, "comment"), ["id", "text", "created_at"])
    const listed = (await handler({ type: "list", database: name })) as { name: string; executedAt: string | null }[]
    assert.deepEqual(listed.map((m) => m.name), ["1_first", "2_second"])
    assert.ok(listed.every((m) => m.executedAt !== null))
    assert.ok(dataApi.statements.some((s) => /:p1/.test(s)), "parameters travel as named Data API parameters")
    await handler({ type: "to", data: { name: "" }, database: name })
    assert.deepEqual(await columnsOf(db, "comment"), [])
  } finally {
    await db.destroy()
    await dataApi.close()
  }
})

test("the migrator zip of examples/rds, run by plain Node, applies the example's migration over the Data API", async () => {
  const app = copyApp(join(EXAMPLES, "rds"), "sst-rds-run-")
  const build = await runSst(app, ["build", "--stage", "dev"])
  assert.equal(build.code, 0, build.stderr)
  const asset = readManifest(app).assets.find((a: { id: string }) => a.id === "Database/rds/MigrationFunction")
  // Unpacked inside the repository, where the AWS SDK that Lambda provides is installed.
  mkdirSync(join(REPO_ROOT, ".sst"), { recursive: true })
  const task = mkdtempSync(join(REPO_ROOT, ".sst", "test-migrator-zip-"))
  folders.push(task)
  for (const entry of readZip(readFileSync(join(app, asset.file)))) {
    mkdirSync(dirname(join(task, entry.name)), { recursive: true })
    writeFileSync(join(task, entry.name), entry.data)
  }
  const { name, db } = await freshDatabase()
  const resourceArn = "arn:aws:rds:us-east-1:123456789012:cluster:dev-rds-rds"
  const secretArn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:rds-xyz"
  const dataApi = await startRdsDataFake({ host: postgres.host, port: postgres.port, user: postgres.user, resourceArn, secretArn })
  Object.assign(process.env, {
    AWS_REGION: "us-east-1",
    AWS_ACCESS_KEY_ID: "AKIDTEST",
    AWS_SECRET_ACCESS_KEY: "secret",
    AWS_ENDPOINT_URL_RDS_DATA: dataApi.endpoint,
    RDS_ARN: resourceArn,
    RDS_SECRET: secretArn,
    RDS_DATABASE: name,
    RDS_ENGINE_MODE: "postgres",
    RDS_MIGRATIONS_PATH: "sst_rds_migration_scripts",
  })
  try {
    const migrator = (await import(pathToFileURL(join(task, "migrator.js")).href)) as { handler: typeof handler }
    assert.deepEqual(await migrator.handler({}), { results: [{ migrationName: "first", direction: "Up", status: "Success" }] })
    assert.deepEqual(await columnsOf(db, "comment"), ["id", "text"])
    const listed = (await migrator.handler({ type: "list" })) as { name: string }[]
    assert.deepEqual(listed.map((m) => m.name), ["first"])
  } finally {
    await db.destroy()
    await dataApi.close()
  }
})
