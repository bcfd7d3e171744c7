/**
 * `sst deploy [stacks..]`: build the app, then deploy its stacks to the stage.
 * @module
 */
import { openCommandContext, pollIntervalFromEnv } from "../deploy/command-context.ts"
import { deployApp } from "../deploy/deploy-app.ts"
import { formatDeployResult } from "../ui/deploy-summary.ts"
import { runWithProgress } from "./report-run.ts"

export interface DeployCommandOptions {
  stacks: string[]
  stage?: string
  region?: string
  profile?: string
  roleArn?: string
  outputsFile?: string
  concurrency?: number
  /** Undefined: sst.json's `express`, else on for the personal stage (the one sst start uses). */
  express?: boolean
  rollback?: boolean
  wait?: boolean
  forceUnlock?: boolean
}

/** Returns the exit code: 0 when every stack is deployed or unchanged. */
export async function deployCommand(options: DeployCommandOptions): Promise<number> {
  const started = performance.now()
  const warn = (message: string) => process.stderr.write(`Warning: ${message}\n`)
  const context = await openCommandContext({ stage: options.stage, region: options.region, profile: options.profile, mode: "deploy", warn })
  const { build } = context
  try {
    return await runWithProgress(
      (report) =>
        deployApp({
          manifest: build.result.manifest,
          distDir: build.distDir,
          root: build.project.root,
          clients: context.clients,
          report,
          stacks: options.stacks,
          express: options.express ?? build.project.config.express ?? build.personalStage,
          rollback: options.rollback ?? true,
          wait: options.wait ?? false,
          forceUnlock: options.forceUnlock ?? false,
          signal: context.signal,
          ...(options.concurrency ? { concurrency: options.concurrency } : {}),
          ...(options.roleArn ? { roleArn: options.roleArn } : {}),
          ...(options.outputsFile ? { outputsFile: options.outputsFile } : {}),
          ...(pollIntervalFromEnv() ? { pollMs: pollIntervalFromEnv() } : {}),
        }),
      (result, style) => formatDeployResult(result, performance.now() - started, style),
      (result) => result.ok,
    )
  } finally {
    context.close()
  }
}
