/**
 * `sst remove [stacks..]`: delete the stage's stacks, dependants first.
 * @module
 */
import { openCommandContext, pollIntervalFromEnv } from "../deploy/command-context.ts"
import { DeployError } from "../deploy/errors.ts"
import { removeApp } from "../deploy/remove-app.ts"
import { createProgress } from "../ui/deploy-progress.ts"
import { formatDeployError, formatRemoveResult } from "../ui/deploy-summary.ts"
import { styleFor } from "../ui/style.ts"

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
  const progress = createProgress()
  try {
    const result = await removeApp({
      manifest: context.build.result.manifest,
      root: context.build.project.root,
      clients: context.clients,
      report: (event) => progress.report(event),
      stacks: options.stacks,
      wait: options.wait ?? false,
      forceUnlock: options.forceUnlock ?? false,
      signal: context.signal,
      ...(options.concurrency ? { concurrency: options.concurrency } : {}),
      ...(options.roleArn ? { roleArn: options.roleArn } : {}),
      ...(pollIntervalFromEnv() ? { pollMs: pollIntervalFromEnv() } : {}),
    })
    progress.stop()
    process.stdout.write(`${formatRemoveResult(result, performance.now() - started, styleFor(process.stdout))}\n`)
    return result.ok ? 0 : 1
  } catch (error) {
    progress.stop()
    if (!(error instanceof DeployError)) throw error
    process.stderr.write(`${formatDeployError(error, styleFor(process.stderr))}\n`)
    return 1
  } finally {
    context.close()
  }
}
