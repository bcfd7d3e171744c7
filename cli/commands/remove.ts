/**
 * `sst remove [stacks..]`: delete the stage's stacks, dependants first.
 * @module
 */
import { openCommandContext, pollIntervalFromEnv } from "../deploy/command-context.ts"
import { removeApp } from "../deploy/remove-app.ts"
import { formatRemoveResult } from "../ui/deploy-summary.ts"
import { runWithProgress } from "./report-run.ts"

export interface RemoveCommandOptions {
  stacks: string[]
  stage?: string
  region?: string
  profile?: string
  roleArn?: string
  concurrency?: number
  wait?: boolean
  forceUnlock?: boolean
}

/** Returns the exit code: 0 when every stack is gone. */
export async function removeCommand(options: RemoveCommandOptions): Promise<number> {
  const started = performance.now()
  const warn = (message: string) => process.stderr.write(`Warning: ${message}\n`)
  const context = await openCommandContext({ stage: options.stage, region: options.region, profile: options.profile, mode: "remove", warn })
  try {
    return await runWithProgress(
      (report) =>
        removeApp({
          manifest: context.build.result.manifest,
          root: context.build.project.root,
          clients: context.clients,
          report,
          stacks: options.stacks,
          wait: options.wait ?? false,
          forceUnlock: options.forceUnlock ?? false,
          signal: context.signal,
          ...(options.concurrency ? { concurrency: options.concurrency } : {}),
          ...(options.roleArn ? { roleArn: options.roleArn } : {}),
          ...(pollIntervalFromEnv() ? { pollMs: pollIntervalFromEnv() } : {}),
        }),
      (result, style) => formatRemoveResult(result, performance.now() - started, style),
      (result) => result.ok,
    )
  } finally {
    context.close()
  }
}
