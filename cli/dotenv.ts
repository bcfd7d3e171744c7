/**
 * Loads `.env`, `.env.<stage>` and `.env.<stage>.local` from the app root into the environment
 * the stacks code sees. Variables already set win, so CI can override any of them.
 * @module
 */
import { existsSync, readFileSync } from "node:fs"
import { join } from "node:path"

export function loadDotEnv(root: string, stage: string, env: NodeJS.ProcessEnv = process.env): string[] {
  const loaded: string[] = []
  const fromFiles: Record<string, string> = {}
  for (const name of [".env", `.env.${stage}`, `.env.${stage}.local`]) {
    const file = join(root, name)
    if (!existsSync(file)) continue
    Object.assign(fromFiles, parseDotEnv(readFileSync(file, "utf8")))
    loaded.push(name)
  }
  for (const [key, value] of Object.entries(fromFiles)) if (env[key] === undefined) env[key] = value
  return loaded
}

/** KEY=value lines; `#` comments; optional `export `; single, double (with \n escapes) or bare values. */
export function parseDotEnv(text: string): Record<string, string> {
  const values: Record<string, string> = {}
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*?)\s*$/.exec(line)
    if (!match) continue
    let value = match[2]
    if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) value = value.slice(1, -1).replace(/\\n/g, "\n").replace(/\\"/g, '"')
    else if (value.startsWith("'") && value.endsWith("'") && value.length >= 2) value = value.slice(1, -1)
    else value = value.replace(/\s+#.*$/, "")
    values[match[1]] = value
  }
  return values
}
