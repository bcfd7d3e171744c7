/**
 * Snapshot files: committed, compared byte for byte, rewritten only under UPDATE_SNAPSHOTS=1
 * (`npm run snapshots:update`), so a reviewer reads the change as a diff.
 * @module
 */
import assert from "node:assert/strict"
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs"
import { dirname } from "node:path"

export const UPDATING = process.env.UPDATE_SNAPSHOTS === "1" || process.env.UPDATE_SNAPSHOTS === "true"

/** Compares `actual` with the snapshot `file`, or writes it when updating. */
export function matchFile(file: string, actual: string): void {
  if (UPDATING) {
    mkdirSync(dirname(file), { recursive: true })
    writeFileSync(file, actual)
    return
  }
  assert.ok(existsSync(file), `${file} does not exist: run npm run snapshots:update, then read the new file`)
  assert.equal(actual, readFileSync(file, "utf8"), `${file} changed: run npm run snapshots:update, then read the diff`)
}
