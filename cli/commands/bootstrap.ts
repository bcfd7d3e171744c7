/**
 * `sst bootstrap`: deploy (or upgrade) the bootstrap stack of an account and region. Deploys do
 * this by themselves; the command is for doing it ahead, with tags, or to repair it.
 * @module
 */
import { findProjectRoot, readProject } from "../../compiler/project/config.ts"
import { createAwsClients } from "../aws/clients.ts"
import { BOOTSTRAP_STACK_NAME, runBootstrap } from "../deploy/bootstrap.ts"
import { pollIntervalFromEnv } from "../deploy/command-context.ts"
import { DeployError } from "../deploy/errors.ts"
import { formatDeployError } from "../ui/deploy-summary.ts"
import { styleFor } from "../ui/style.ts"
import { runWithProgress } from "./report-run.ts"

export interface BootstrapCommandOptions {
  region?: string
  profile?: string
  /** "key=value" strings from --tags. */
  tags: string[]
}

export async function bootstrapCommand(options: BootstrapCommandOptions): Promise<number> {
  let region: string
  try {
    region = resolveRegion(options.region)
  } catch (error) {
    if (!(error instanceof DeployError)) throw error
    process.stderr.write(`${formatDeployError(error, styleFor(process.stderr))}\n`)
    return 1
  }
  const clients = createAwsClients({ region, ...(options.profile ? { profile: options.profile } : {}) })
  try {
    return await runWithProgress(
      (report) => runBootstrap({ clients, report, tags: parseTags(options.tags), ...(pollIntervalFromEnv() ? { pollMs: pollIntervalFromEnv() } : {}) }),
      (info) => `${BOOTSTRAP_STACK_NAME} ${info.action === "present" ? "is up to date" : info.action} in account ${info.account}, ${clients.region}: bucket ${info.bucket}, version ${info.version}`,
      () => true,
    )
  } finally {
    clients.destroy()
  }
}

/** --region, else sst.json's region when run in an app, else the AWS environment's. */
function resolveRegion(flag: string | undefined): string {
  if (flag) return flag
  try {
    const region = readProject(findProjectRoot(process.cwd())).config.region
    if (region) return region
  } catch {
    // Not in an app: bootstrap needs none.
  }
  const region = process.env.AWS_REGION || process.env.AWS_DEFAULT_REGION
  if (region) return region
  throw new DeployError("NoRegion", "No region to bootstrap: no --region, no sst.json with a region here, and neither AWS_REGION nor AWS_DEFAULT_REGION is set.", "pass --region, e.g. sst bootstrap --region us-east-1.")
}

function parseTags(tags: string[]): Record<string, string> {
  const parsed: Record<string, string> = {}
  for (const tag of tags) {
    const at = tag.indexOf("=")
    if (at <= 0) throw new DeployError("InvalidTag", `The tag ${JSON.stringify(tag)} is not key=value.`, 'write tags as --tags team=web --tags "cost center=42".')
    parsed[tag.slice(0, at)] = tag.slice(at + 1)
  }
  return parsed
}
