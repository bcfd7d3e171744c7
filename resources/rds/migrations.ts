/**
 * The migrations folder of an RDS cluster: which files are migrations, and the hash that decides
 * whether a deployment runs them.
 *
 * Migrations are the code files directly in the folder (`.ts`, `.mts`, `.js`, `.mjs`, ...; not
 * `.d.ts`), each exporting Kysely's `up` and `down`, named by the file name without its extension
 * (Kysely's FileMigrationProvider convention, which SST v1 used, so `kysely_migration` rows match).
 * Each is bundled on its own into the migrator (subfolders are reached through imports). The hash
 * covers the name and content of every file below the folder, sorted, and nothing else (no times,
 * no absolute paths): the same files give the same `MigrationsHash` on any machine, and a change
 * to any of them makes CloudFormation update the resource, which runs the migrator.
 * @module
 */
import { createHash } from "node:crypto"
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs"
import { dirname, join, posix } from "node:path"

export const MIGRATION_EXTENSIONS = [".ts", ".mts", ".cts", ".js", ".mjs", ".cjs"]

export interface MigrationFile {
  /** The migration's name ("first"), as Kysely records it. */
  name: string
  /** Path relative to the app root, "/" separators ("services/migrations/first.ts"). */
  file: string
}

export interface MigrationsFolder {
  migrations: MigrationFile[]
  /** Names used by two files ("first.ts" and "first.js"). */
  duplicates: string[]
  /** Migrations that import values (such as `sql`) from "kysely", which then must be installed in the app. */
  importKysely: string[]
  hash: string
}

/** `import { sql } from "kysely"`, not `import type { Kysely } from "kysely"`. */
const KYSELY_VALUE_IMPORT = /(?:^|[;\s])import\s+(?!type\s)[^;]*?from\s*["']kysely["']|require\(\s*["']kysely["']\s*\)/m

const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/** Reads `dir` (relative to `root`); the caller has checked that it is a folder. */
export function readMigrationsFolder(root: string, dir: string): MigrationsFolder {
  const folder = posix.normalize(dir.replace(/\\/g, "/")).replace(/\/+$/, "")
  const migrations: MigrationFile[] = []
  const duplicates: string[] = []
  for (const entry of readdirSync(join(root, folder), { withFileTypes: true }).sort((a, b) => byCodePoint(a.name, b.name))) {
    if (!entry.isFile() || entry.name.endsWith(".d.ts")) continue
    const extension = MIGRATION_EXTENSIONS.find((ext) => entry.name.endsWith(ext))
    if (!extension) continue
    const name = entry.name.slice(0, -extension.length)
    if (migrations.some((m) => m.name === name)) duplicates.push(name)
    else migrations.push({ name, file: `${folder}/${entry.name}` })
  }
  const importKysely = migrations.filter((m) => KYSELY_VALUE_IMPORT.test(readFileSync(join(root, m.file), "utf8"))).map((m) => m.file)
  return { migrations, duplicates, importKysely, hash: hashFolder(join(root, folder)) }
}

/**
 * Whether `kysely` resolves from `dir` the way esbuild resolves it for a migration there
 * (node_modules of the folder or any folder above).
 */
export function isKyselyInstalled(dir: string): boolean {
  for (let current = dir; ; current = dirname(current)) {
    if (existsSync(join(current, "node_modules", "kysely", "package.json"))) return true
    if (dirname(current) === current) return false
  }
}

function hashFolder(dir: string): string {
  const hash = createHash("sha256")
  for (const file of listFiles(dir, "")) {
    hash.update(`${file}\0`)
    hash.update(readFileSync(join(dir, file)))
    hash.update("\0")
  }
  return hash.digest("hex")
}

function listFiles(dir: string, prefix: string): string[] {
  const files: string[] = []
  for (const name of readdirSync(join(dir, prefix)).sort(byCodePoint)) {
    const relative = prefix === "" ? name : `${prefix}/${name}`
    if (statSync(join(dir, relative)).isDirectory()) files.push(...listFiles(dir, relative))
    else files.push(relative)
  }
  return files
}
