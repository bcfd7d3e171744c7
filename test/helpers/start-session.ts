/**
 * Runs `sst start` in this process on a copy of a fixture app, for tests: the lines it prints,
 * the URLs it announces, and a way to stop it.
 * @module
 */
import { cpSync, mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { startCommand } from "../../cli/commands/start.ts"

export interface StartSession {
  /** The copy of the app it runs in. */
  dir: string
  lines: string[]
  apiUrl(apiId: string): Promise<string>
  consoleUrl(): Promise<string>
  stop(): Promise<void>
}

export async function waitFor<T>(what: string, check: () => T | undefined | Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await check()
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

/** Starts `sst start --stage dev` in a temp copy of `fixture`; it changes this process's cwd until stopped. */
export function startSession(fixture: string): StartSession {
  const dir = mkdtempSync(join(tmpdir(), "sst-start-"))
  cpSync(fixture, dir, { recursive: true })
  const lines: string[] = []
  let release!: () => void
  const until = new Promise<void>((resolve) => (release = resolve))
  const cwd = process.cwd()
  process.chdir(dir)
  const running = startCommand({ stage: "dev", until, write: (line) => lines.push(line) }).finally(() => process.chdir(cwd))
  const url = (pattern: RegExp) => () => pattern.exec(lines.join("\n"))?.[1]
  return {
    dir,
    lines,
    apiUrl: (apiId) => waitFor(`the URL of ${apiId}`, url(new RegExp(`${apiId} {2}(http://127\\.0\\.0\\.1:\\d+)`))),
    consoleUrl: () => waitFor("the console's URL", url(/console: (http:\/\/127\.0\.0\.1:\d+)/)),
    stop: async () => {
      release()
      await running
    },
  }
}
