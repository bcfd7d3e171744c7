/**
 * Copies of the examples with a frontend, for tests that build and deploy them: the site's
 * dependencies are installed once in the example (npm ci, from the lockfile) and linked into
 * each copy, so a test may edit its copy freely.
 * @module
 */
import { execFileSync } from "node:child_process"
import { cpSync, existsSync, mkdtempSync, symlinkSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { EXAMPLES } from "./cli.ts"

/**
 * A copy of `examples/<example>` in a temp folder, without its build outputs, its site's
 * node_modules linked from the example. `probe` is a package the site needs (e.g. "vite"):
 * when the example lacks it, the site is installed first.
 */
/**
 * Installs a site's dependencies at its lockfile's versions: `npm ci`, or, when npm refuses the
 * lockfile, `npm install --no-save`, which leaves it as it is. npm ci refuses a lockfile that lacks
 * optional packages of other platforms (@rollup/rollup-darwin-*...), which happens when the
 * registry a lockfile was made against serves only this platform's builds.
 */
export function installExampleDependencies(dir: string): void {
  try {
    execFileSync("npm", ["ci", "--no-audit", "--no-fund"], { cwd: dir, stdio: "pipe" })
  } catch {
    execFileSync("npm", ["install", "--no-save", "--no-audit", "--no-fund"], { cwd: dir, stdio: "pipe" })
  }
}

export function copyExample(example: string, siteFolder: string, probe = "vite"): string {
  const web = join(EXAMPLES, example, siteFolder)
  if (!existsSync(join(web, "node_modules", probe))) installExampleDependencies(web)
  const dir = mkdtempSync(join(tmpdir(), `sst-${example}-`))
  const skipped = new Set([join(EXAMPLES, example, ".sst"), join(web, "node_modules"), join(web, "dist"), join(web, "build")])
  cpSync(join(EXAMPLES, example), dir, { recursive: true, filter: (source) => !skipped.has(source) })
  symlinkSync(join(web, "node_modules"), join(dir, siteFolder, "node_modules"), "dir")
  return dir
}
