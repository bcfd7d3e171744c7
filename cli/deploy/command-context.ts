/**
 * What deploy, remove and diff share before they talk to AWS: the built app, the AWS clients of
 * its region, and an AbortSignal that Ctrl-C trips (the first Ctrl-C stops waiting and releases
 * the stage lock; CloudFormation finishes any operation it started).
 * @module
 */
import { buildApp, type BuildOutput } from "../build-app.ts"
import { createAwsClients, type AwsClients } from "../aws/clients.ts"

export interface CommandContextOptions {
  stage?: string
  region?: string
  profile?: string
  mode: "deploy" | "remove"
  warn(message: string): void
}

export interface CommandContext {
  build: BuildOutput
  clients: AwsClients
  signal: AbortSignal
  /** Stops listening for Ctrl-C and closes the clients. */
  close(): void
}

export async function openCommandContext(options: CommandContextOptions): Promise<CommandContext> {
  const build = await buildApp({
    cwd: process.cwd(),
    ...(options.stage ? { stage: options.stage } : {}),
    ...(options.region ? { region: options.region } : {}),
    mode: options.mode,
    interactive: process.stdin.isTTY === true,
    warn: options.warn,
  })
  const clients = createAwsClients({ region: build.region, ...(options.profile ? { profile: options.profile } : {}) })
  const controller = new AbortController()
  // Only the first Ctrl-C is ours: the listener goes, so a second one ends the process as usual.
  const onInterrupt = () => {
    process.off("SIGINT", onInterrupt)
    options.warn("Interrupted: stopping after the calls in flight (Ctrl-C again to quit now; the stage lock then stays, see --force-unlock).")
    controller.abort()
  }
  process.on("SIGINT", onInterrupt)
  return {
    build,
    clients,
    signal: controller.signal,
    close() {
      process.off("SIGINT", onInterrupt)
      clients.destroy()
    },
  }
}

/** Poll interval override for tests and slow links: SST_POLL_MS (milliseconds). */
export function pollIntervalFromEnv(env: NodeJS.ProcessEnv = process.env): number | undefined {
  const value = Number(env.SST_POLL_MS)
  return Number.isFinite(value) && value > 0 ? value : undefined
}
