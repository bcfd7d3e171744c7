/**
 * `sst build` through the real command line, on mini apps copied to temp folders that have no
 * node_modules: loading the project, the stage, .env files, and how failures read.
 */
import assert from "node:assert/strict"
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { after, describe, test } from "node:test"
import { personalStage } from "../cli/stage.ts"
import { copyApp, FIXTURES, readManifest, removeCopies, runSst } from "./helpers/cli.ts"

after(removeCopies)

const fixture = (name: string) => copyApp(join(FIXTURES, name))
const STACK_TRACE = /\n\s+at .+[(:]\d+/

function outputsOf(root: string, stackName: string): Record<string, unknown> {
  const template = JSON.parse(readFileSync(join(root, ".sst", "dist", `${stackName}.template.json`), "utf8"))
  return Object.fromEntries(Object.entries(template.Outputs ?? {}).map(([key, output]: [string, any]) => [key, output.Value]))
}

describe("apps without node_modules", { concurrency: true }, () => {
  test("an SST v1 app importing @serverless-stack/resources builds, with use() wiring its stacks", async () => {
    const root = fixture("v1-app")
    assert.equal(existsSync(join(root, "node_modules")), false)
    const run = await runSst(root, ["build", "--stage", "dev"])
    assert.equal(run.code, 0, run.stderr)
    assert.equal(run.stderr, "")
    assert.match(run.stdout, /^Built 2 stacks of "legacy" for stage dev in us-east-1 \(\d+\.\ds\)\n/)
    assert.match(run.stdout, /  dev-legacy-Database  +1 resource\n/)
    assert.match(run.stdout, /  dev-legacy-Api  +1 resource  \(after dev-legacy-Database\)\n/)
    assert.match(run.stdout, /Templates and manifest: \.sst\/dist\/\n$/)
    const manifest = readManifest(root)
    assert.deepEqual(manifest.stacks.map((s: any) => [s.name, s.dependencies]), [
      ["dev-legacy-Database", []],
      ["dev-legacy-Api", ["dev-legacy-Database"]],
    ])
    assert.deepEqual(manifest.stacks[1].parameters, { XrefDatabaseNotesArn: { stack: "dev-legacy-Database", output: "XrefNotesArn", type: "String" } })
  })

  test("an app importing sst/constructs with a class stack and an async main builds, in the region of sst.json", async () => {
    const root = fixture("constructs-app")
    const run = await runSst(root, ["build", "--stage", "prod"])
    assert.equal(run.code, 0, run.stderr)
    const manifest = readManifest(root)
    assert.equal(manifest.region, "eu-west-1")
    assert.deepEqual(manifest.stacks.map((s: any) => s.name), ["prod-shop-Storage"])
    assert.deepEqual(outputsOf(root, "prod-shop-Storage"), { BucketName: { Ref: "Uploads" } })
  })

  test("--region overrides sst.json's region", async () => {
    const root = fixture("constructs-app")
    const run = await runSst(root, ["build", "--stage", "prod", "--region", "ap-south-1"])
    assert.equal(run.code, 0, run.stderr)
    assert.equal(readManifest(root).region, "ap-south-1")
  })

  test("sst build works from a subfolder of the app", async () => {
    const root = fixture("v1-app")
    const run = await runSst(join(root, "stacks"), ["build", "--stage", "dev"])
    assert.equal(run.code, 0, run.stderr)
    assert.ok(existsSync(join(root, ".sst", "dist", "manifest.json")))
  })

  test("a stack that was removed from the app loses its template on the next build", async () => {
    const root = fixture("v1-app")
    assert.equal((await runSst(root, ["build", "--stage", "dev"])).code, 0)
    writeFileSync(join(root, "stacks", "index.ts"), 'import { Database } from "./Database"\nexport default function main(app: any) { app.stack(Database) }\n')
    const run = await runSst(root, ["build", "--stage", "dev"])
    assert.equal(run.code, 0, run.stderr)
    assert.equal(existsSync(join(root, ".sst", "dist", "dev-legacy-Api.template.json")), false)
    assert.equal(existsSync(join(root, ".sst", "dist", "dev-legacy-Database.template.json")), true)
  })
})

describe(".env files", { concurrency: true }, () => {
  test(".env and .env.<stage> are loaded before the stacks run; .env.<stage> wins", async () => {
    const root = fixture("v1-app")
    const run = await runSst(root, ["build", "--stage", "dev"])
    assert.equal(run.code, 0, run.stderr)
    const outputs = outputsOf(root, "dev-legacy-Api")
    assert.deepEqual([outputs.Greeting, outputs.Shared, outputs.StageOnly, outputs.SstStage], ["hello", "from-env-dev", "only-in-dev", "dev"])
  })

  test("another stage reads .env but not .env.dev", async () => {
    const root = fixture("v1-app")
    const run = await runSst(root, ["build", "--stage", "prod"])
    assert.equal(run.code, 0, run.stderr)
    const outputs = outputsOf(root, "prod-legacy-Api")
    assert.deepEqual([outputs.Greeting, outputs.Shared, outputs.StageOnly], ["hello", "from-env", "unset"])
  })

  test("a variable set in the environment wins over .env", async () => {
    const root = fixture("v1-app")
    const run = await runSst(root, ["build", "--stage", "dev"], { env: { GREETING: "from-ci" } })
    assert.equal(run.code, 0, run.stderr)
    assert.equal(outputsOf(root, "dev-legacy-Api").Greeting, "from-ci")
  })
})

describe("the stage", { concurrency: true }, () => {
  /** v1-app with sst.json's stage and .sst/stage set as asked. */
  function appWithStages(options: { config?: string; file?: string }): string {
    const root = fixture("v1-app")
    if (options.config) writeFileSync(join(root, "sst.json"), JSON.stringify({ name: "legacy", region: "us-east-1", stage: options.config }))
    if (options.file) {
      mkdirSync(join(root, ".sst"), { recursive: true })
      writeFileSync(join(root, ".sst", "stage"), `${options.file}\n`)
    }
    return root
  }

  async function stageOf(root: string, args: string[], env: Record<string, string> = {}): Promise<string> {
    const run = await runSst(root, ["build", ...args], { env, timeoutMs: 20_000 })
    assert.equal(run.code, 0, run.stderr)
    return readManifest(root).stage
  }

  test("--stage wins over SST_STAGE, sst.json and .sst/stage", async () => {
    const root = appWithStages({ config: "fromconfig", file: "fromfile" })
    assert.equal(await stageOf(root, ["--stage", "fromflag"], { SST_STAGE: "fromenv" }), "fromflag")
  })

  test("SST_STAGE wins over sst.json and .sst/stage", async () => {
    const root = appWithStages({ config: "fromconfig", file: "fromfile" })
    assert.equal(await stageOf(root, [], { SST_STAGE: "fromenv" }), "fromenv")
  })

  test("sst.json's stage wins over .sst/stage, with a deprecation warning", async () => {
    const root = appWithStages({ config: "fromconfig", file: "fromfile" })
    const run = await runSst(root, ["build"])
    assert.equal(run.code, 0, run.stderr)
    assert.equal(readManifest(root).stage, "fromconfig")
    assert.equal(run.stderr, 'Warning: The "stage" field in sst.json is deprecated; pass --stage or set SST_STAGE instead.\n')
  })

  test(".sst/stage is used when nothing else names a stage", async () => {
    assert.equal(await stageOf(appWithStages({ file: "fromfile" }), []), "fromfile")
  })

  test("with nothing set and stdin not a terminal, the user name is the stage: no prompt, no hang", async () => {
    const root = appWithStages({})
    assert.equal(await stageOf(root, []), personalStage())
    assert.equal(readFileSync(join(root, ".sst", "stage"), "utf8"), `${personalStage()}\n`)
  })

  test("an invalid --stage is refused before anything is built", async () => {
    const root = fixture("v1-app")
    const run = await runSst(root, ["build", "--stage", "my_stage"])
    assert.equal(run.code, 1)
    assert.equal(run.stderr, `Error: The stage "my_stage" from --stage is not valid: use a letter, then letters, digits or '-' (e.g. "dev", "pr-12").\n`)
    assert.equal(existsSync(join(root, ".sst", "dist")), false)
  })
})

describe("project errors: one clear message naming the file, exit code 1, no stack trace", { concurrency: true }, () => {
  async function fails(root: string, args: string[] = ["build", "--stage", "dev"]) {
    const run = await runSst(root, args)
    assert.equal(run.code, 1, `expected exit code 1\n${run.stdout}\n${run.stderr}`)
    assert.doesNotMatch(run.stderr, STACK_TRACE)
    assert.equal(run.stdout, "")
    return run.stderr
  }

  test("no sst.json", async () => {
    const root = fixture("v1-app")
    rmSync(join(root, "sst.json"))
    assert.equal(await fails(root), `Error: No sst.json in ${root} or any folder above it. Run sst in your app's folder, or create sst.json: {"name": "my-app", "region": "us-east-1", "main": "stacks/index.ts"}.\n`)
  })

  test("malformed sst.json", async () => {
    const root = fixture("v1-app")
    writeFileSync(join(root, "sst.json"), '{ "name": "legacy", }')
    assert.match(await fails(root), /^Error: sst\.json is not valid JSON: .+\. Fix the syntax, e\.g\. \{"name": "my-app", "region": "us-east-1"\}\.\n$/)
  })

  test("an unknown field in sst.json", async () => {
    const root = fixture("v1-app")
    writeFileSync(join(root, "sst.json"), '{ "name": "legacy", "reigon": "us-east-1" }')
    assert.equal(
      await fails(root),
      'Error: sst.json has a problem:\n  "reigon": not a field of sst.json (allowed: $schema, name, region, main, stage, ssmPrefix, lint, typeCheck, esbuildConfig, express)\n',
    )
  })

  test("sst.json without a name", async () => {
    const root = fixture("v1-app")
    writeFileSync(join(root, "sst.json"), '{ "region": "us-east-1" }')
    assert.equal(await fails(root), 'Error: sst.json has a problem:\n  name: required; the app\'s name, e.g. "notes"\n')
  })

  test("a main that does not exist", async () => {
    const root = fixture("v1-app")
    writeFileSync(join(root, "sst.json"), '{ "name": "legacy", "main": "stacks/main.ts" }')
    assert.match(await fails(root), /^Error: The stacks entry "stacks\/main\.ts" named by "main" in sst\.json does not exist/)
  })

  test("a syntax error in the stacks names the file, line and column", async () => {
    const stderr = await fails(fixture("syntax-error"))
    assert.match(stderr, /^Error: Building the stacks in stacks\/index\.ts failed:\n  stacks\/index\.ts:6:\d+: /)
  })

  test("a syntax error in a file the entry imports names that file", async () => {
    const root = fixture("v1-app")
    writeFileSync(join(root, "stacks", "Database.ts"), "export function Database( {\n")
    assert.match(await fails(root), /\n  stacks\/Database\.ts:\d+:\d+: /)
  })

  test("an entry without a default export", async () => {
    assert.equal(
      await fails(fixture("no-default-export")),
      "Error: stacks/index.ts has no default export function. Add: export default function main(app) { app.stack(MyStack) }\n",
    )
  })

  test("an error thrown by the user's stacks shows its message and points to --verbose", async () => {
    assert.equal(await fails(fixture("runtime-error")), "Error: the API stack needs DOMAIN to be set\n(run with --verbose for the stack trace)\n")
  })

  test("--verbose adds the stack trace", async () => {
    const run = await runSst(fixture("runtime-error"), ["build", "--stage", "dev", "--verbose"])
    assert.equal(run.code, 1)
    assert.match(run.stderr, /^Error: Error: the API stack needs DOMAIN to be set\n\s+at /)
  })

  test("a misspelt prop is reported in STYLE's format: path, property, allowed, fix, code", async () => {
    const stderr = await fails(fixture("bad-prop"))
    assert.equal(
      stderr,
      [
        "1 problem in the app:",
        "",
        `CfnResource "badprop/dev/Queues/Jobs": properites is not a prop of this construct.  [UnknownProp]`,
        "  Allowed: type, properties, dependsOn, deletionPolicy, updateReplacePolicy, condition, metadata, removalPolicy",
        '  Fix: did you mean "properties"?',
        "",
      ].join("\n"),
    )
  })

  test("an unknown command or flag is refused", async () => {
    const root = fixture("v1-app")
    assert.match(await fails(root, ["biuld"]), /^Unknown command "biuld"\. Run sst --help for the list\.\n$/)
    assert.match(await fails(root, ["build", "--stge", "dev"]), /Unknown option `--stge`/)
  })
})
