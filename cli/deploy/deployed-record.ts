/**
 * What this machine last deployed: per stack, the hash of the template and the stack's
 * LastUpdatedTime right after. When DescribeStacks shows the same LastUpdatedTime, nobody has
 * changed the stack since, so its template is still the one whose hash we kept: a redeploy compares
 * hashes and skips GetTemplate, one state read per stack. Any other change to the stack (another
 * machine's deploy, a rollback) moves LastUpdatedTime, and the template is then read and compared
 * as usual. Kept in `.sst/deployed.json`; losing it costs one GetTemplate per stack, nothing else.
 * @module
 */
import { createHash } from "node:crypto"
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs"
import { dirname, join } from "node:path"
import { normaliseJson } from "./compare.ts"

export const DEPLOYED_RECORD_FILE = ".sst/deployed.json"

export interface DeployedStackRecord {
  templateHash: string
  /** The stack's LastUpdatedTime (or CreationTime), ISO 8601. */
  lastUpdated: string
}

export type DeployedRecord = Record<string, DeployedStackRecord>

/** The hash of a template's content: formatting and key order do not count. */
export function templateHash(templateBody: string): string {
  return createHash("sha256").update(normaliseJson(JSON.parse(templateBody))).digest("hex")
}

export function readDeployedRecord(root: string): DeployedRecord {
  const file = join(root, DEPLOYED_RECORD_FILE)
  if (!existsSync(file)) return {}
  try {
    const parsed = JSON.parse(readFileSync(file, "utf8")) as unknown
    return parsed !== null && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as DeployedRecord) : {}
  } catch {
    // A damaged record only costs GetTemplate calls.
    return {}
  }
}

export function writeDeployedRecord(root: string, record: DeployedRecord): void {
  const file = join(root, DEPLOYED_RECORD_FILE)
  mkdirSync(dirname(file), { recursive: true })
  const sorted: DeployedRecord = {}
  for (const name of Object.keys(record).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) sorted[name] = record[name]
  writeFileSync(file, `${JSON.stringify(sorted, null, 2)}\n`)
}
