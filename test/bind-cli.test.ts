/**
 * `sst bind` run as a user runs it (the built CLI, its own process) against the SSM fake: the
 * environment its command gets, named as SST v1's runtime client reads it, and the command's exit
 * code, output and signals passed through.
 */
import assert from "node:assert/strict"
import { spawn } from "node:child_process"
import { join } from "node:path"
import { after, before, test } from "node:test"
import { startSsmFake, type SsmFake } from "./fakes/ssm/index.ts"
import { copyApp, EXAMPLES, removeCopies, runSst, SST_BIN } from "./helpers/cli.ts"

let ssm: SsmFake
let app: string

before(async () => {
  ssm = await startSsmFake()
  app = copyApp(join(EXAMPLES, "config"), "sst-bind-")
  const put = (Name: string, Value: string, Type: "String" | "SecureString" = "String") => ssm.parameters.set(Name, { Name, Type, Value, Version: 1 })
  put("/sst/config/dev/Table/notes-table/tableName", "dev-config-notes-table")
  put("/sst/config/dev/ViteStaticSite/site/url", "https://d111.cloudfront.net")
  put("/sst/config/dev/Secret/STRIPE_KEY/value", "sk_dev", "SecureString")
  put("/sst/config/.fallback/Secret/STRIPE_KEY/value", "sk_fallback", "SecureString")
  put("/sst/config/.fallback/Secret/GITHUB_TOKEN/value", "ghp_fallback", "SecureString")
  put("/sst/config/prod/Table/notes-table/tableName", "prod-config-notes-table")
})

after(async () => {
  await ssm.close()
  removeCopies()
})

const env = () => ({ AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true", AWS_ENDPOINT_URL_SSM: ssm.endpoint, AWS_ACCESS_KEY_ID: "AKIDTEST", AWS_SECRET_ACCESS_KEY: "secret", AWS_REGION: undefined, AWS_PROFILE: undefined, SST_SKIP_SITES: undefined })
const sst = (...args: string[]) => runSst(app, ["bind", ...args], { env: env() })
const node = process.execPath
const PRINT_ENV = "process.stdout.write(JSON.stringify(process.env))"

test("sst bind -- <command> gives the command the stage's bindings, fallback secrets, SST_APP, SST_STAGE and the region", async () => {
  const run = await sst("--stage", "dev", "--", node, "-e", PRINT_ENV)
  assert.equal(run.code, 0, run.stderr)
  assert.equal(run.stderr, "")
  const childEnv = JSON.parse(run.stdout) as Record<string, string>
  const sstVariables = Object.fromEntries(Object.entries(childEnv).filter(([name]) => name.startsWith("SST_")))
  assert.deepEqual(sstVariables, {
    SST_APP: "config",
    SST_STAGE: "dev",
    SST_Secret_value_GITHUB_TOKEN: "ghp_fallback",
    SST_Secret_value_STRIPE_KEY: "sk_dev",
    SST_Table_tableName_notes_table: "dev-config-notes-table",
    SST_ViteStaticSite_url_site: "https://d111.cloudfront.net",
  })
  assert.equal(childEnv.AWS_REGION, "us-east-1")
  assert.equal(childEnv.AWS_ACCESS_KEY_ID, "AKIDTEST", "the rest of the environment is passed on")
})

test("sst bind <command> without -- leaves the command's own flags to it, and exits with its exit code", async () => {
  const args = await sst("--stage", "dev", node, "-e", "console.log(process.argv.slice(1).join(' '))", "a", "--watch", "--stage", "x")
  assert.equal(args.code, 0, args.stderr)
  assert.equal(args.stdout, "a --watch --stage x\n")
  const failed = await sst("--stage", "dev", node, "-e", "console.error('tests failed'); process.exit(7)")
  assert.equal(failed.code, 7)
  assert.equal(failed.stderr, "tests failed\n")
})

test("sst bind warns, and still runs the command, when the stage has no parameters", async () => {
  const run = await sst("--stage", "empty", "--", node, "-e", "console.log(process.env.SST_Secret_value_STRIPE_KEY)")
  assert.equal(run.code, 0)
  assert.equal(run.stdout, "sk_fallback\n")
  assert.equal(
    run.stderr,
    "Warning: No SSM parameters were found under /sst/config/empty/ in us-east-1: app config is not deployed to stage empty (or binds nothing), so the command runs without its bindings. Deploy it first: sst deploy --stage empty\n",
  )
})

test("sst bind says how to write it when the command is missing or cannot be found", async () => {
  for (const args of [["--stage", "dev"], ["--stage", "dev", "--"]]) {
    const run = await sst(...args)
    assert.equal(run.code, 1)
    assert.equal(run.stderr, "Error: sst bind needs the command to run.\nUsage: sst bind -- <command...>, e.g. sst bind -- vitest run\n")
  }
  const missing = await sst("--stage", "dev", "--", "no-such-command-9f2c", "run")
  assert.equal(missing.code, 1)
  assert.equal(missing.stderr, 'Error: Cannot run "no-such-command-9f2c": it is not a command on the PATH. Check its spelling, or install it (a package\'s binary runs through npx: sst bind -- npx no-such-command-9f2c).\n')
})

test("sst bind passes Ctrl-C and SIGTERM on to the command and reports how it ended", { timeout: 20_000 }, async () => {
  // The command handles SIGINT and exits 130; it does not handle SIGTERM, which ends it (143).
  const script = "process.on('SIGINT', () => { console.log('command got SIGINT'); process.exit(130) }); console.log('ready'); setInterval(() => {}, 1000)"
  for (const [signal, code, output] of [["SIGINT", 130, "ready\ncommand got SIGINT\n"], ["SIGTERM", 143, "ready\n"]] as const) {
    const child = spawn(node, [SST_BIN, "bind", "--stage", "dev", "--", node, "-e", script], {
      cwd: app,
      env: { ...process.env, ...env(), SST_STAGE: undefined, SST_APP: undefined, NODE_OPTIONS: undefined, NODE_TEST_CONTEXT: undefined },
      stdio: ["ignore", "pipe", "pipe"],
    })
    let stdout = ""
    child.stdout.on("data", (chunk) => {
      stdout += chunk
      if (stdout === "ready\n") child.kill(signal)
    })
    const exitCode = await new Promise((resolve) => child.on("close", resolve))
    assert.equal(exitCode, code)
    assert.equal(stdout, output)
  }
})
