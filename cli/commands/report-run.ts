/**
 * How deploy, remove and bootstrap end: the live progress view stops, then either the result goes
 * to stdout (exit code 0 when it is ok) or a DeployError goes to stderr (exit code 1). Other
 * errors are bugs or build problems and go up to cli/index.ts.
 * @module
 */
import type { Reporter } from "../deploy/events.ts"
import { DeployError } from "../deploy/errors.ts"
import { createProgress } from "../ui/deploy-progress.ts"
import { formatDeployError } from "../ui/deploy-summary.ts"
import { styleFor, type Style } from "../ui/style.ts"

export async function runWithProgress<R>(run: (report: Reporter) => Promise<R>, format: (result: R, style: Style) => string, isOk: (result: R) => boolean): Promise<number> {
  const progress = createProgress()
  try {
    const result = await run((event) => progress.report(event))
    progress.stop()
    process.stdout.write(`${format(result, styleFor(process.stdout))}\n`)
    return isOk(result) ? 0 : 1
  } catch (error) {
    progress.stop()
    if (!(error instanceof DeployError)) throw error
    process.stderr.write(`${formatDeployError(error, styleFor(process.stderr))}\n`)
    return 1
  }
}
