/**
 * `sst secrets` run as a user runs it (the built CLI, its own process), against the SSM fake over
 * HTTP; and the promise that a secret's value never reaches a build.
 */
import assert from "node:assert/strict"
import { after, before, test } from "node:test"
import { startSsmFake, type SsmFake } from "../../test/fakes/ssm/index.ts"
import { copyApp, EXAMPLES, readTree, removeCopies, runSst } from "../../test/helpers/cli.ts"
import { join } from "node:path"
import { bindingFallbackParameterName, bindingParameterName } from "../../resources/bindable.ts"
import { Secret } from "../../resources/Config.ts"
import { Stack } from "../../resources/Stack.ts"
import { testApp } from "../../test/helpers/synth.ts"
import { FALLBACK_STAGE, secretNameOf, secretParameterName } from "./names.ts"

let ssm: SsmFake
let app: string

before(async () => {
  ssm = await startSsmFake()
  app = copyApp(join(EXAMPLES, "config"), "sst-secrets-")
})

after(async () => {
  await ssm.close()
  removeCopies()
})

const env = () => ({ AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true", AWS_ENDPOINT_URL_SSM: ssm.endpoint, AWS_ACCESS_KEY_ID: "AKIDTEST", AWS_SECRET_ACCESS_KEY: "secret", AWS_REGION: undefined, AWS_PROFILE: undefined })
const sst = (...args: string[]) => runSst(app, ["secrets", ...args], { env: env() })

test("secret parameter names are the ones Config.Secret bindings read", () => {
  const secret = new Secret(new Stack(testApp({ name: "config", stage: "dev" }), "Main"), "STRIPE_KEY")
  assert.equal(secretParameterName({ app: "config", stage: "dev" }, "STRIPE_KEY"), bindingParameterName({ name: "config", stage: "dev" }, secret, "value"))
  assert.equal(secretParameterName({ app: "config", stage: FALLBACK_STAGE }, "STRIPE_KEY"), bindingFallbackParameterName({ name: "config" }, secret, "value"))
  assert.equal(secretParameterName({ app: "config", stage: "dev", ssmPrefix: "/team/" }, "K"), "/team/sst/config/dev/Secret/K/value")
  assert.equal(secretNameOf({ app: "config", stage: "dev" }, "/sst/config/dev/Secret/K/value"), "K")
  assert.equal(secretNameOf({ app: "config", stage: "dev" }, "/sst/config/dev/Parameter/K/value"), undefined)
})

test("sst secrets set, get, list and remove a stage's secret as a SecureString", async () => {
  const set = await sst("set", "STRIPE_KEY", "sk_test_123", "--stage", "dev")
  assert.equal(set.code, 0, set.stderr)
  assert.equal(set.stdout, "✔ Set STRIPE_KEY for stage dev.\n")
  assert.deepEqual(ssm.parameters.get("/sst/config/dev/Secret/STRIPE_KEY/value"), { Name: "/sst/config/dev/Secret/STRIPE_KEY/value", Type: "SecureString", Value: "sk_test_123", Version: 1 })
  const get = await sst("get", "STRIPE_KEY", "--stage", "dev")
  assert.equal(get.stdout, "sk_test_123\n")
  const overwrite = await sst("set", "STRIPE_KEY", "sk_test_456", "--stage", "dev")
  assert.equal(overwrite.code, 0, overwrite.stderr)
  assert.equal(ssm.parameters.get("/sst/config/dev/Secret/STRIPE_KEY/value")?.Value, "sk_test_456")
  const remove = await sst("remove", "STRIPE_KEY", "--stage", "dev")
  assert.equal(remove.stdout, "✔ Removed STRIPE_KEY from stage dev.\n")
  assert.equal(ssm.parameters.has("/sst/config/dev/Secret/STRIPE_KEY/value"), false)
})

test("--fallback (and SST v1's set-fallback) sets the value every stage without its own uses; list shows where each value comes from", async () => {
  assert.equal((await sst("set", "GITHUB_TOKEN", "ghp_fallback", "--fallback")).code, 0)
  assert.equal((await sst("set-fallback", "STRIPE_KEY", "sk_fallback")).code, 0)
  assert.equal(ssm.parameters.get("/sst/config/.fallback/Secret/GITHUB_TOKEN/value")?.Type, "SecureString")
  assert.equal((await sst("set", "STRIPE_KEY", "sk_prod", "--stage", "prod")).code, 0)
  // More than one page of GetParametersByPath (10 per page) in the stage.
  for (let i = 0; i < 11; i++) assert.equal((await sst("set", `KEY_${String(i).padStart(2, "0")}`, `v${i}`, "--stage", "prod")).code, 0)

  const table = await sst("list", "--stage", "prod")
  assert.equal(table.code, 0, table.stderr)
  const lines = table.stdout.trimEnd().split("\n")
  assert.equal(lines[0], "Name          Value")
  assert.equal(lines[1], "GITHUB_TOKEN  ghp_fallback  (fallback)")
  assert.equal(lines.length, 1 + 13)
  assert.equal(lines.at(-1), "STRIPE_KEY    sk_prod")

  const envFormat = await sst("list", "--stage", "prod", "--format", "env")
  assert.match(envFormat.stdout, /^GITHUB_TOKEN=ghp_fallback\nKEY_00=v0\n/)
  const json = JSON.parse((await sst("list", "--fallback", "--format", "json")).stdout)
  assert.deepEqual(json, { GITHUB_TOKEN: "ghp_fallback", STRIPE_KEY: "sk_fallback" })

  const missing = await sst("get", "GITHUB_TOKEN", "--stage", "prod")
  assert.equal(missing.code, 1)
  assert.equal(
    missing.stderr,
    "Error: GITHUB_TOKEN is not set for stage prod. It has a fallback value, which functions of stage prod use: sst secrets get GITHUB_TOKEN --fallback. Set it with: sst secrets set GITHUB_TOKEN <value>\n",
  )
  assert.equal((await sst("get", "GITHUB_TOKEN", "--fallback")).stdout, "ghp_fallback\n")
  assert.equal((await sst("remove-fallback", "GITHUB_TOKEN")).stdout, "✔ Removed GITHUB_TOKEN from the fallback (every stage without its own value).\n")
  const empty = await sst("list", "--stage", "empty")
  assert.equal(empty.stdout, "Name        Value\nSTRIPE_KEY  sk_fallback  (fallback)\n")
})

test("sst secrets says what is wrong with a command, and how to write it", async () => {
  const noValue = await sst("set", "STRIPE_KEY", "--stage", "dev")
  assert.equal(noValue.code, 1)
  assert.equal(noValue.stderr, "Error: sst secrets set needs a value: sst secrets set STRIPE_KEY <value>.\nUsage: sst secrets set <name> <value> | get <name> | list | remove <name>  (add --fallback for the fallback value)\n")
  const badAction = await sst("show", "STRIPE_KEY")
  assert.match(badAction.stderr, /^Error: "show" is not an action of sst secrets\./)
  const badName = await sst("get", "stripe key", "--stage", "dev")
  assert.match(badName.stderr, /^Error: "stripe key" is not a secret name/)
  const badFormat = await sst("list", "--stage", "dev", "--format", "yaml")
  assert.match(badFormat.stderr, /^Error: --format yaml is not a list format: use table, env, json\./)
  const removeMissing = await sst("remove", "NOPE", "--stage", "dev")
  assert.equal(removeMissing.stderr, "Error: NOPE is not set for stage dev. Set it with: sst secrets set NOPE <value>\n")
})

test("a secret's value never reaches the templates, the manifest or any other build output", async () => {
  const value = "sk_live_never_in_build_9f2c"
  assert.equal((await sst("set", "STRIPE_KEY", value, "--stage", "dev")).code, 0)
  const build = await runSst(app, ["build", "--stage", "dev"], { env: env() })
  assert.equal(build.code, 0, build.stderr)
  const files = readTree(join(app, ".sst"))
  assert.ok([...files.keys()].some((file) => file.endsWith(".template.json")), "the build wrote templates")
  for (const [file, bytes] of files) assert.equal(bytes.includes(value), false, `${file} holds the secret's value`)
  assert.equal(build.stdout.includes(value) || build.stderr.includes(value), false)
  const template = JSON.parse(files.get("dist/dev-config-Settings.template.json")?.toString("utf8") ?? "{}")
  assert.equal(template.Resources.Checkout.Properties.Environment.Variables.SST_Secret_value_STRIPE_KEY, "__FETCH_FROM_SSM__")
})
