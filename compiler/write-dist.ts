/**
 * Writes a build to `.sst/dist/`: one template per stack and the manifest. Templates of stacks
 * that are no longer in the app are removed, so the folder always describes this build.
 * @module
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import type { EmitResult } from "./emit.ts"

export const DIST_DIR = ".sst/dist"
export const MANIFEST_FILE = "manifest.json"

export function writeDist(root: string, result: EmitResult): string {
  const dir = join(root, DIST_DIR)
  mkdirSync(dir, { recursive: true })
  const current = new Set(result.stacks.map((entry) => entry.manifest.templateFile))
  for (const file of readdirSync(dir)) {
    if (file.endsWith(".template.json") && !current.has(file)) rmSync(join(dir, file))
  }
  for (const entry of result.stacks) writeFileSync(join(dir, entry.manifest.templateFile), entry.body)
  writeFileSync(join(dir, MANIFEST_FILE), `${JSON.stringify(result.manifest, null, 2)}\n`)
  return dir
}
