/**
 * The outputs file: `.sst/outputs.json` (and `--outputs-file`), `{ "<stack name>": { "<output>":
 * "<value>" } }` as SST v1 wrote it. Only the outputs the user added are listed, not the ones
 * that carry values between stacks. A deploy of some stacks keeps the entries of the others.
 * @module
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs"
import { dirname, join, resolve } from "node:path"

export const OUTPUTS_FILE = ".sst/outputs.json"

export type StackOutputs = Record<string, Record<string, string>>

/** Picks the user's outputs (the manifest's `outputs`) from all of a stack's outputs. */
export function userOutputs(all: Record<string, string>, names: readonly string[]): Record<string, string> {
  const picked: Record<string, string> = {}
  for (const name of names) if (all[name] !== undefined) picked[name] = all[name]
  return picked
}

/** Writes the outputs into .sst/outputs.json and `extraFile`; returns the absolute paths written. */
export function writeOutputs(root: string, outputs: StackOutputs, extraFile?: string, removed: readonly string[] = []): string[] {
  const files = [join(root, OUTPUTS_FILE), ...(extraFile ? [resolve(extraFile)] : [])]
  for (const file of files) {
    const merged: StackOutputs = { ...readExisting(file), ...outputs }
    for (const name of removed) delete merged[name]
    mkdirSync(dirname(file), { recursive: true })
    writeFileSync(file, `${JSON.stringify(merged, null, 2)}\n`)
  }
  return files
}

function readExisting(file: string): StackOutputs {
  if (!existsSync(file)) return {}
  try {
    const parsed = JSON.parse(readFileSync(file, "utf8")) as unknown
    return parsed !== null && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as StackOutputs) : {}
  } catch {
    // A file we cannot read is rewritten from this deploy's outputs.
    return {}
  }
}
