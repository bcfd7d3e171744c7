/**
 * Which stage a command works on: `--stage`, then `SST_STAGE`, then sst.json's (deprecated)
 * `stage`, then `.sst/stage`, then a personal stage from the OS user name, asked for on a
 * terminal and never when stdin is not one.
 * @module
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs"
import { userInfo } from "node:os"
import { join } from "node:path"
import { createInterface } from "node:readline/promises"
import { ProjectError } from "../compiler/index.ts"

const STAGE_PATTERN = /^[a-zA-Z][a-zA-Z0-9-]*$/
export const STAGE_FILE = ".sst/stage"

export interface StageSources {
  flag?: string
  env?: string
  config?: string
  root: string
  /** Ask on a terminal when nothing else names a stage. */
  interactive: boolean
  warn(message: string): void
}

export async function resolveStage(sources: StageSources): Promise<string> {
  if (sources.flag) return checkStage(sources.flag, "--stage")
  if (sources.env) return checkStage(sources.env, "SST_STAGE")
  if (sources.config) {
    sources.warn('The "stage" field in sst.json is deprecated; pass --stage or set SST_STAGE instead.')
    return checkStage(sources.config, 'sst.json "stage"')
  }
  const file = join(sources.root, STAGE_FILE)
  if (existsSync(file)) return checkStage(readFileSync(file, "utf8").trim(), STAGE_FILE)
  const suggestion = personalStage()
  const stage = sources.interactive ? await askStage(suggestion) : suggestion
  mkdirSync(join(sources.root, ".sst"), { recursive: true })
  writeFileSync(file, `${stage}\n`)
  return stage
}

function checkStage(stage: string, source: string): string {
  if (STAGE_PATTERN.test(stage)) return stage
  throw new ProjectError("InvalidStage", `The stage ${JSON.stringify(stage)} from ${source} is not valid: use a letter, then letters, digits or '-' (e.g. "dev", "pr-12").`)
}

/** The OS user name, cleaned into a stage name ("Jane.Doe" → "Jane-Doe"). */
export function personalStage(): string {
  let name = "local"
  try {
    name = userInfo().username
  } catch {
    // No user entry (some containers): fall back to "local".
  }
  const cleaned = name.replace(/[^a-zA-Z0-9-]/g, "-").replace(/^[^a-zA-Z]+/, "").replace(/-+$/, "")
  return cleaned === "" ? "local" : cleaned
}

async function askStage(suggestion: string): Promise<string> {
  const prompt = createInterface({ input: process.stdin, output: process.stdout })
  try {
    for (;;) {
      const answer = (await prompt.question(`Please enter a stage name you'd like to use locally.\nOr hit enter to use ${suggestion}: `)).trim()
      const stage = answer === "" ? suggestion : answer
      if (STAGE_PATTERN.test(stage)) return stage
      process.stdout.write("A stage is a letter, then letters, digits or '-'.\n")
    }
  } finally {
    prompt.close()
  }
}
