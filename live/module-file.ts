/**
 * Files that live/ reads or runs at run time (the console page, the Node runtime's bootstrap).
 * They sit beside their module in the source; the bundled CLI keeps them in dist/, while the
 * module itself may be bundled into dist/ or a chunk under dist/chunks/.
 * @module
 */
import { existsSync } from "node:fs"
import { fileURLToPath } from "node:url"

export function moduleFile(name: string, moduleUrl: string): string {
  const candidates = [new URL(`./${name}`, moduleUrl), new URL(`../${name}`, moduleUrl)]
  const found = candidates.find((candidate) => existsSync(candidate))
  if (!found) throw new Error(`internal: ${name} is missing beside ${fileURLToPath(moduleUrl)}`)
  return fileURLToPath(found)
}
