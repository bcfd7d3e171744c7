/**
 * Where our constructs module is, so a user's stacks import the same module the CLI runs.
 * @module
 */
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"

export function constructsModulePath(): string {
  const here = fileURLToPath(import.meta.url)
  // Bundled CLI: this code sits in dist/ (cli.mjs or a shared chunk), beside constructs.mjs.
  if (here.endsWith(".mjs")) return join(dirname(here), "constructs.mjs")
  // From source under tsx (tests): the TypeScript entry of the constructs.
  return join(dirname(here), "..", "resources", "index.ts")
}
