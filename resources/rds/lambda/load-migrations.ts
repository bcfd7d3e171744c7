/**
 * Migrations from a folder, for Kysely's Migrator: every code file directly in it, imported, named
 * by its file name without the extension. In the migrator's zip the folder holds the bundles the
 * packager made (`first.js`); tests point it at the app's own files (`first.ts`).
 * @module
 */
import { readdir } from "node:fs/promises"
import { join } from "node:path"
import { pathToFileURL } from "node:url"
import type { Migration, MigrationProvider } from "kysely/migration"

const EXTENSIONS = [".ts", ".mts", ".cts", ".js", ".mjs", ".cjs"]

export class FolderMigrationProvider implements MigrationProvider {
  constructor(private readonly folder: string) {}

  async getMigrations(): Promise<Record<string, Migration>> {
    const migrations: Record<string, Migration> = {}
    const names = (await readdir(this.folder)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    for (const file of names) {
      const extension = EXTENSIONS.find((ext) => file.endsWith(ext))
      if (!extension || file.endsWith(".d.ts") || file.endsWith(".map")) continue
      const name = file.slice(0, -extension.length)
      const module = (await import(pathToFileURL(join(this.folder, file)).href)) as Partial<Migration> & { default?: Partial<Migration> }
      // A CommonJS migration imported from ESM arrives under `default`.
      const migration = typeof module.up === "function" ? module : module.default
      if (typeof migration?.up !== "function") {
        throw new Error(`Migration ${file} exports no up(db) function. Export async function up(db) { ... } (and down(db) to undo it).`)
      }
      migrations[name] = { up: migration.up.bind(migration), ...(typeof migration.down === "function" ? { down: migration.down.bind(migration) } : {}) }
    }
    return migrations
  }
}
