/**
 * The `sst` command line: each command maps its flags to options and calls one function.
 * Only this file exits the process.
 * @module
 */
import { cac } from "cac"
import { separateBoundCommand } from "./bind/command-line.ts"
// Commands load on use: `sst build` need not load the AWS SDK clients that deploy and start use.
import { formatError } from "./ui/format-error.ts"

const cli = cac("sst")

cli.option("--stage <stage>", "The stage to work on (default: SST_STAGE, .sst/stage, or your user name)")
cli.option("--region <region>", "The AWS region (default: sst.json's region, else us-east-1)")
cli.option("--verbose", "Print stack traces and more detail")

cli
  .command("build", "Compile the app into CloudFormation templates and a manifest in .sst/dist/")
  .action((flags: GlobalFlags) => run(flags, async () => (await import("./commands/build.ts")).buildCommand({ stage: flags.stage, region: flags.region })))

cli
  .command("deploy [...stacks]", "Deploy the app's stacks (or the ones named, e.g. Api) to the stage")
  .option("--profile <name>", "AWS profile from ~/.aws/config (default: AWS_PROFILE or the default chain)")
  .option("--role-arn <arn>", "IAM role CloudFormation uses to change the stacks")
  .option("--outputs-file <file>", "Also write the stacks' outputs as JSON to this file (always: .sst/outputs.json)")
  .option("--concurrency <n>", "How many stacks deploy at once", { default: 8 })
  .option("--express", "Use CloudFormation's express mode: done when configuration is applied (default: sst.json express, else on for your personal stage, the one sst start uses)")
  .option("--no-rollback", "Leave a failed stack as it is instead of rolling it back")
  .option("--wait", "Wait for stacks busy with another operation instead of refusing")
  .option("--force-unlock", "Break the stage lock left by a run that died")
  .action((stacks: string[], flags: DeployFlags) =>
    run(flags, async () =>
      (await import("./commands/deploy.ts")).deployCommand({
        stacks,
        stage: flags.stage,
        region: flags.region,
        profile: flags.profile,
        roleArn: flags.roleArn,
        outputsFile: flags.outputsFile,
        concurrency: positiveInteger(flags.concurrency, "--concurrency"),
        ...(flags.express ? { express: true } : {}),
        rollback: flags.rollback !== false,
        wait: flags.wait === true,
        forceUnlock: flags.forceUnlock === true,
      }),
    ),
  )

cli
  .command("remove [...stacks]", "Remove the app's stacks (or the ones named) from the stage, dependants first")
  .option("--profile <name>", "AWS profile from ~/.aws/config")
  .option("--role-arn <arn>", "IAM role CloudFormation uses to delete the stacks")
  .option("--concurrency <n>", "How many stacks are deleted at once", { default: 8 })
  .option("--wait", "Wait for stacks busy with another operation instead of refusing")
  .option("--force-unlock", "Break the stage lock left by a run that died")
  .action((stacks: string[], flags: DeployFlags) =>
    run(flags, async () =>
      (await import("./commands/remove.ts")).removeCommand({
        stacks,
        stage: flags.stage,
        region: flags.region,
        profile: flags.profile,
        roleArn: flags.roleArn,
        concurrency: positiveInteger(flags.concurrency, "--concurrency"),
        wait: flags.wait === true,
        forceUnlock: flags.forceUnlock === true,
      }),
    ),
  )

cli
  .command("diff [...stacks]", "Show what a deploy would change; exit code 1 when something would")
  .option("--profile <name>", "AWS profile from ~/.aws/config")
  .action((stacks: string[], flags: DeployFlags) => run(flags, async () => (await import("./commands/diff.ts")).diffCommand({ stacks, stage: flags.stage, region: flags.region, profile: flags.profile })))

cli
  .command("bootstrap", "Deploy or upgrade the SSTBootstrap stack (assets bucket) of the account and region")
  .option("--profile <name>", "AWS profile from ~/.aws/config")
  .option("--tags <key=value>", "Tag the bootstrap stack (repeatable)")
  .action((flags: DeployFlags & { tags?: string | string[] }) =>
    run(flags, async () => (await import("./commands/bootstrap.ts")).bootstrapCommand({ region: flags.region, profile: flags.profile, tags: flags.tags === undefined ? [] : [flags.tags].flat().map(String) })),
  )

cli
  .command("start", "Run the app on this machine: functions, HTTP APIs and the console, rebuilt on save")
  .option("--console-port <port>", "Port of the console (default: any free port)")
  .action((flags: GlobalFlags & { consolePort?: number }) =>
    run(flags, async () => (await import("./commands/start.ts")).startCommand({ stage: flags.stage, region: flags.region, verbose: flags.verbose, consolePort: flags.consolePort === undefined ? undefined : positiveInteger(flags.consolePort, "--console-port") })),
  )

cli
  .command("secrets <action> [name] [value]", "Manage the values of Config.Secret in SSM: set <name> <value>, get <name>, list, remove <name>")
  .option("--fallback", "Work on the fallback value, used by every stage without its own")
  .option("--format <format>", "Output of list: table, env or json", { default: "table" })
  .option("--profile <name>", "AWS profile from ~/.aws/config")
  .example("sst secrets set STRIPE_KEY sk_test_123 --stage dev")
  .example("sst secrets list --format env")
  .action((action: string, name: string | undefined, value: string | undefined, flags: GlobalFlags & { fallback?: boolean; format?: string; profile?: string }) =>
    run(flags, async () =>
      (await import("./commands/secrets.ts")).secretsCommand({
        action,
        name,
        // cac reads a value made of digits as a number; a secret's value is text.
        value: value === undefined ? undefined : String(value),
        fallback: flags.fallback === true,
        format: flags.format,
        stage: flags.stage,
        region: flags.region,
        profile: flags.profile,
      }),
    ),
  )

cli
  .command("bind [...command]", "Run a command with the deployed stage's bindings and secrets in its environment (SST_<Class>_<prop>_<id>)")
  .option("--profile <name>", "AWS profile from ~/.aws/config")
  .example("sst bind --stage dev -- vitest run")
  .action((command: unknown[], flags: GlobalFlags & { profile?: string; "--"?: string[] }) =>
    run(flags, async () =>
      (await import("./commands/bind.ts")).bindCommand({
        command: [...command, ...(flags["--"] ?? [])].map(String),
        stage: flags.stage,
        region: flags.region,
        profile: flags.profile,
      }),
    ),
  )

cli.help()
cli.version(process.env.SST_VERSION ?? "0.1.0")

interface GlobalFlags {
  stage?: string
  region?: string
  verbose?: boolean
}

interface DeployFlags extends GlobalFlags {
  profile?: string
  roleArn?: string
  outputsFile?: string
  concurrency?: unknown
  express?: boolean
  rollback?: boolean
  wait?: boolean
  forceUnlock?: boolean
}

function positiveInteger(value: unknown, flag: string): number {
  const number = Number(value)
  if (!Number.isInteger(number) || number < 1) throw new Error(`${flag} must be a whole number of 1 or more; got ${JSON.stringify(value)}.`)
  return number
}

async function run(flags: GlobalFlags, command: () => Promise<void | number>): Promise<void> {
  try {
    const code = await command()
    process.exitCode = typeof code === "number" ? code : 0
  } catch (error) {
    process.stderr.write(`${formatError(error, flags.verbose === true)}\n`)
    process.exit(1)
  }
}

try {
  // The command of `sst bind` keeps its own flags: "--" goes before it if the user left it out.
  cli.parse([...process.argv.slice(0, 2), ...separateBoundCommand(process.argv.slice(2))], { run: false })
  if (!cli.matchedCommand) {
    if (cli.args.length > 0) {
      process.stderr.write(`Unknown command "${cli.args[0]}". Run sst --help for the list.\n`)
      process.exit(1)
    } else if (!cli.options.help && !cli.options.version) {
      cli.outputHelp()
    }
  } else {
    await cli.runMatchedCommand()
  }
} catch (error) {
  process.stderr.write(`${formatError(error, false)}\n`)
  process.exit(1)
}
