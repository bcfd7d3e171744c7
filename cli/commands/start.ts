/**
 * `sst start`: build the app, run its functions on this machine, serve its HTTP APIs locally and
 * open the console; rebuild and swap the code in place when a file changes.
 *
 * This is the offline loop: it needs no AWS account. Values that exist only in a deployed stage
 * (a table's name, another stack's output) are shown as `offline:...` placeholders and listed.
 * @module
 */
import { watch, type FSWatcher } from "node:fs"
import { relative } from "node:path"
import { DevSession } from "../../live/dev-session.ts"
import { startConsole } from "../../live/console/console-server.ts"
import { buildApp } from "../build-app.ts"
import { formatError } from "../ui/format-error.ts"

export interface StartCommandOptions {
  stage?: string
  region?: string
  consolePort?: number
  verbose?: boolean
  /** Resolves when the session should stop (tests); by default, on SIGINT/SIGTERM. */
  until?: Promise<void>
  write?(line: string): void
}

const IGNORED = /(^|\/)(\.sst|node_modules|\.git|dist|build|\.open-next)(\/|$)/

export async function startCommand(options: StartCommandOptions): Promise<void> {
  const write = options.write ?? ((line: string) => process.stdout.write(`${line}\n`))
  const build = () => buildApp({ cwd: process.cwd(), stage: options.stage, region: options.region, mode: "dev", interactive: process.stdin.isTTY === true, warn: (message) => write(`Warning: ${message}`) })
  const first = await build()
  const root = first.project.root
  const session = new DevSession({ root })
  await session.start()
  const loaded = await session.load()
  const consoleServer = await startConsole(session, { port: options.consolePort })
  write(`sst start: "${first.result.manifest.app}", stage ${first.stage}, running offline on this machine`)
  for (const api of loaded.apis) write(`  ${api.id}  ${api.url}  (${api.routes.join(", ")})`)
  write(`  ${loaded.model.functions.length} functions; console: ${consoleServer.url}`)
  if (loaded.model.unresolved.length > 0) write(`  ${loaded.model.unresolved.length} values exist only in a deployed stage and read as "offline:..." (see the console)`)
  session.onInvocation((record) => write(`${record.result.ok ? "✓" : "✗"} ${record.functionId} ${record.durationMs} ms${record.result.ok ? "" : `: ${record.result.error.errorType}: ${record.result.error.errorMessage}`}`))

  let rebuilding: Promise<void> = Promise.resolve()
  let timer: NodeJS.Timeout | undefined
  const onChange = (file: string) => {
    if (IGNORED.test(file)) return
    clearTimeout(timer)
    // Editors write a file in several steps; wait for them to settle before rebuilding.
    timer = setTimeout(() => {
      rebuilding = rebuilding.then(async () => {
        write(`Rebuilding after a change to ${file}...`)
        try {
          await build()
          await session.load()
          write("Rebuilt; new requests run the new code.")
        } catch (error) {
          write(formatError(error, options.verbose === true))
        }
      })
    }, 100)
  }
  const watcher: FSWatcher = watch(root, { recursive: true }, (_event, file) => file && onChange(relative(".", String(file)).split("\\").join("/")))
  write("Watching for changes. Press Ctrl+C to stop.")
  await (options.until ?? new Promise<void>((resolve) => {
    process.once("SIGINT", resolve)
    process.once("SIGTERM", resolve)
  }))
  watcher.close()
  clearTimeout(timer)
  await rebuilding
  await consoleServer.close()
  await session.stop()
}
