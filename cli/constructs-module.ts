/**
 * Where our constructs module is, so a user's stacks import the same module the CLI runs.
 * @module
 */
import { existsSync } from "node:fs"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"

export function constructsModulePath(): string {
  const here = fileURLToPath(import.meta.url)
  // Bundled CLI: this code sits in dist/cli.mjs or in a chunk under dist/chunks/; constructs.mjs is in dist/.
  if (here.endsWith(".mjs")) {
    const beside = join(dirname(here), "constructs.mjs")
    return existsSync(beside) ? beside : join(dirname(here), "..", "constructs.mjs")
  }
  // From source under tsx (tests): the TypeScript entry of the constructs.
  return join(dirname(here), "..", "resources", "index.ts")
}
