/**
 * `sst bind -- <command...>` (SST v1's `bind`, formerly `load-config`): runs a command, typically
 * tests or a script, with the environment the app's functions get from their bindings, read from
 * the deployed stage's SSM parameters, so `Table.Notes.tableName` or `Config.STRIPE_KEY` work
 * outside Lambda. It builds nothing: the values are those of the last deploy and of
 * `sst secrets set`.
 * @module
 */
import { ProjectError } from "../../compiler/index.ts"
import { findProjectRoot, readProject } from "../../compiler/project/config.ts"
import { isCredentialsError } from "../aws/errors.ts"
import { createSsmClient } from "../aws/ssm.ts"
import { loadBindings, stagePath, type LoadedBindings } from "../bind/load-bindings.ts"
import { runCommand } from "../bind/run-command.ts"
import type { SecretScope } from "../secrets/names.ts"
import { resolveStage } from "../stage.ts"

export interface BindCommandOptions {
  /** The command and its arguments. */
  command: string[]
  stage?: string
  region?: string
  profile?: string
}

const USAGE = "sst bind -- <command...>, e.g. sst bind -- vitest run"

/** The command's exit code. */
export async function bindCommand(options: BindCommandOptions): Promise<number> {
  if (options.command.length === 0 || options.command[0] === "") {
    throw new ProjectError("BindUsage", `sst bind needs the command to run.\nUsage: ${USAGE}`)
  }
  const project = readProject(findProjectRoot(process.cwd()))
  const warn = (message: string) => process.stderr.write(`Warning: ${message}\n`)
  const stage = await resolveStage({
    flag: options.stage,
    env: process.env.SST_STAGE,
    config: project.config.stage,
    root: project.root,
    interactive: process.stdin.isTTY === true,
    warn,
  })
  const region = options.region ?? project.config.region ?? "us-east-1"
  const ssmPrefix = project.config.ssmPrefix
  const scope: SecretScope = { app: project.config.name, stage, ...(ssmPrefix ? { ssmPrefix } : {}) }
  const bindings = await readBindings(scope, region, options.profile)
  if (bindings.stageParameters === 0) {
    warn(`No SSM parameters were found under ${stagePath(scope)} in ${region}: app ${project.config.name} is not deployed to stage ${stage} (or binds nothing), so the command runs without its bindings. Deploy it first: sst deploy --stage ${stage}`)
  }
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    // What a function of the app gets besides its bindings (resources/Function.ts).
    SST_APP: project.config.name,
    SST_STAGE: stage,
    ...(ssmPrefix ? { SST_SSM_PREFIX: ssmPrefix } : {}),
    // The command's own AWS clients then talk to the region and account the values come from.
    AWS_REGION: region,
    ...(options.profile ? { AWS_PROFILE: options.profile } : {}),
    ...Object.fromEntries(bindings.environment),
  }
  return runCommand(options.command, env)
}

async function readBindings(scope: SecretScope, region: string, profile: string | undefined): Promise<LoadedBindings> {
  const ssm = createSsmClient({ region, profile })
  try {
    return await loadBindings(ssm, scope)
  } catch (error) {
    if (isCredentialsError(error)) {
      throw new ProjectError("NoCredentials", "No AWS credentials were found for SSM. Configure them (aws configure, AWS_PROFILE or --profile, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY), then run the command again.")
    }
    throw error
  } finally {
    ssm.destroy()
  }
}
