/**
 * `sst secrets <action> [name] [value]`: the values of `Config.Secret`s, kept in SSM as
 * SecureStrings, never in the app, its templates or its build output.
 *
 * - `set <name> <value>`, `get <name>`, `remove <name>`: for the stage, or with `--fallback` for the
 *   value of every stage that has none of its own (SST v1's `set-fallback` and `remove-fallback`
 *   are accepted too).
 * - `list`: the stage's secrets and the fallback values it inherits (`--format table|env|json`);
 *   with `--fallback`, the fallback values only.
 * Functions read a secret when they start, so a changed value reaches functions started after it.
 * @module
 */
import type { SSMClient } from "@aws-sdk/client-ssm"
import { ProjectError } from "../../compiler/index.ts"
import { findProjectRoot, readProject } from "../../compiler/project/config.ts"
import { isCredentialsError } from "../aws/errors.ts"
import { createSsmClient } from "../aws/ssm.ts"
import { formatSecrets, LIST_FORMATS, type ListFormat } from "../secrets/format.ts"
import { FALLBACK_STAGE, SECRET_NAME, type SecretScope } from "../secrets/names.ts"
import { getSecret, listSecrets, removeSecret, setSecret } from "../secrets/store.ts"
import { resolveStage } from "../stage.ts"

export interface SecretsCommandOptions {
  action: string
  name?: string
  value?: string
  fallback?: boolean
  format?: string
  stage?: string
  region?: string
  profile?: string
}

const ACTIONS = ["set", "get", "list", "remove", "set-fallback", "remove-fallback"]
const USAGE = "sst secrets set <name> <value> | get <name> | list | remove <name>  (add --fallback for the fallback value)"

export async function secretsCommand(options: SecretsCommandOptions): Promise<number> {
  if (!ACTIONS.includes(options.action)) throw usageError(`"${options.action}" is not an action of sst secrets.`)
  const fallback = options.fallback === true || options.action.endsWith("-fallback")
  const action = options.action.replace(/-fallback$/, "")
  const project = readProject(findProjectRoot(process.cwd()))
  const stage = fallback ? FALLBACK_STAGE : await resolveStage({
    flag: options.stage,
    env: process.env.SST_STAGE,
    config: project.config.stage,
    root: project.root,
    interactive: process.stdin.isTTY === true,
    warn: (message) => process.stderr.write(`Warning: ${message}\n`),
  })
  const scope: SecretScope = { app: project.config.name, stage, ...(project.config.ssmPrefix ? { ssmPrefix: project.config.ssmPrefix } : {}) }
  const where = fallback ? "the fallback (every stage without its own value)" : `stage ${stage}`
  const ssm = createSsmClient({ region: options.region ?? project.config.region ?? "us-east-1", profile: options.profile })
  try {
    if (action === "list") return await list(ssm, scope, fallback, parseFormat(options.format), where)
    const name = requireName(options.name, action)
    if (action === "set") {
      if (options.value === undefined || options.value === "") throw usageError(`sst secrets set needs a value: sst secrets set ${name} <value>.`)
      await setSecret(ssm, scope, name, options.value)
      process.stdout.write(`✔ Set ${name} for ${where}.\n`)
      return 0
    }
    if (action === "get") {
      const value = await getSecret(ssm, scope, name)
      if (value === undefined) throw await notSet(ssm, scope, name, fallback, where)
      process.stdout.write(`${value}\n`)
      return 0
    }
    if (!(await removeSecret(ssm, scope, name))) throw await notSet(ssm, scope, name, fallback, where)
    process.stdout.write(`✔ Removed ${name} from ${where}.\n`)
    return 0
  } catch (error) {
    if (isCredentialsError(error)) {
      throw new ProjectError("NoCredentials", "No AWS credentials were found for SSM. Configure them (aws configure, AWS_PROFILE or --profile, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY), then run the command again.")
    }
    throw error
  } finally {
    ssm.destroy()
  }
}

async function list(ssm: SSMClient, scope: SecretScope, fallback: boolean, format: ListFormat, where: string): Promise<number> {
  const own = await listSecrets(ssm, scope)
  const inherited = fallback ? new Map<string, string>() : await listSecrets(ssm, { ...scope, stage: FALLBACK_STAGE })
  const names = [...new Set([...own.keys(), ...inherited.keys()])].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  const secrets = names.map((name) => (own.has(name) ? { name, value: own.get(name) as string, fallback: false } : { name, value: inherited.get(name) as string, fallback: true }))
  process.stdout.write(formatSecrets(secrets, format, where))
  return 0
}

function requireName(name: string | undefined, action: string): string {
  if (name === undefined || name === "") throw usageError(`sst secrets ${action} needs the secret's name, e.g. sst secrets ${action} STRIPE_KEY${action === "set" ? " <value>" : ""}.`)
  if (!SECRET_NAME.test(name)) {
    throw new ProjectError("InvalidSecretName", `"${name}" is not a secret name: use the id of the Config.Secret, a letter followed by letters, digits, '-' or '_' (e.g. STRIPE_KEY).`)
  }
  return name
}

function parseFormat(format: string | undefined): ListFormat {
  const value = format ?? "table"
  if ((LIST_FORMATS as readonly string[]).includes(value)) return value as ListFormat
  throw usageError(`--format ${value} is not a list format: use ${LIST_FORMATS.join(", ")}.`)
}

/** The error for a secret that is not there, saying whether the other place has it. */
async function notSet(ssm: SSMClient, scope: SecretScope, name: string, fallback: boolean, where: string): Promise<ProjectError> {
  const other = fallback ? undefined : await getSecret(ssm, { ...scope, stage: FALLBACK_STAGE }, name)
  const hint = other !== undefined ? ` It has a fallback value, which functions of ${where} use: sst secrets get ${name} --fallback.` : ""
  return new ProjectError("SecretNotSet", `${name} is not set for ${where}.${hint} Set it with: sst secrets set ${name} <value>${fallback ? " --fallback" : ""}`)
}

function usageError(message: string): ProjectError {
  return new ProjectError("SecretsUsage", `${message}\nUsage: ${USAGE}`)
}
