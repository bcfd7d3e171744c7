/**
 * `sst diff [stacks..]`: what a deploy would change, per resource and property. Exit code 0
 * when nothing would change, 1 when something would (errors also exit 1).
 * @module
 */
import { openCommandContext, pollIntervalFromEnv } from "../deploy/command-context.ts"
import { diffApp } from "../deploy/diff-app.ts"
import { DeployError } from "../deploy/errors.ts"
import { formatDeployError } from "../ui/deploy-summary.ts"
import { formatDiff } from "../ui/diff-view.ts"
import { styleFor } from "../ui/style.ts"

export interface DiffCommandOptions {
  stacks: string[]
  stage?: string
  region?: string
  profile?: string
}

export async function diffCommand(options: DiffCommandOptions): Promise<number> {
  const warn = (message: string) => process.stderr.write(`Warning: ${message}\n`)
  const context = await openCommandContext({ stage: options.stage, region: options.region, profile: options.profile, mode: "deploy", warn })
  try {
    const result = await diffApp({
      manifest: context.build.result.manifest,
      distDir: context.build.distDir,
      clients: context.clients,
      stacks: options.stacks,
      signal: context.signal,
      ...(pollIntervalFromEnv() ? { pollMs: pollIntervalFromEnv() } : {}),
    })
    process.stdout.write(`${formatDiff(result, styleFor(process.stdout))}\n`)
    return result.changed ? 1 : 0
  } catch (error) {
    if (!(error instanceof DeployError)) throw error
    process.stderr.write(`${formatDeployError(error, styleFor(process.stderr))}\n`)
    return 1
  } finally {
    context.close()
  }
}
