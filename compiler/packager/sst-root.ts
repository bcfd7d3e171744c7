/**
 * The root of the sst package, for code that ships with it (`srcRoot: "sst"` in function-source.ts):
 * the nearest folder above this module whose package.json names "sst", whether this runs from
 * source or bundled into dist/.
 * @module
 */
import { existsSync, readFileSync } from "node:fs"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"

let cached: string | undefined

export function sstPackageRoot(): string {
  if (cached) return cached
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    const manifest = join(dir, "package.json")
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, "utf8")) as { name?: string }).name === "sst") return (cached = dir)
    if (dirname(dir) === dir) throw new Error(`internal: no package.json of sst above ${fileURLToPath(import.meta.url)}`)
  }
}
