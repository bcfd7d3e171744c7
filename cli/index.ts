/**
 * The `sst` command line: each command maps its flags to options and calls one function.
 * Only this file exits the process.
 * @module
 */
import { cac } from "cac"
import { buildCommand } from "./commands/build.ts"
import { formatError } from "./ui/format-error.ts"

const cli = cac("sst")

cli.option("--stage <stage>", "The stage to work on (default: SST_STAGE, .sst/stage, or your user name)")
cli.option("--region <region>", "The AWS region (default: sst.json's region, else us-east-1)")
cli.option("--verbose", "Print stack traces and more detail")

cli
  .command("build", "Compile the app into CloudFormation templates and a manifest in .sst/dist/")
  .action((flags: GlobalFlags) => run(flags, () => buildCommand({ stage: flags.stage, region: flags.region })))

cli.help()
cli.version(process.env.SST_VERSION ?? "0.1.0")

interface GlobalFlags {
  stage?: string
  region?: string
  verbose?: boolean
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
  cli.parse(process.argv, { run: false })
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
