/**
 * `sst build`: compile the app into templates and a manifest under .sst/dist/.
 * @module
 */
import { buildApp } from "../build-app.ts"
import { formatBuildSummary } from "../ui/build-summary.ts"

export interface BuildCommandOptions {
  stage?: string
  region?: string
}

export async function buildCommand(options: BuildCommandOptions): Promise<void> {
  const started = performance.now()
  const build = await buildApp({
    cwd: process.cwd(),
    stage: options.stage,
    region: options.region,
    interactive: process.stdin.isTTY === true,
    warn: (message) => process.stderr.write(`Warning: ${message}\n`),
  })
  process.stdout.write(`${formatBuildSummary(build, performance.now() - started)}\n`)
}
