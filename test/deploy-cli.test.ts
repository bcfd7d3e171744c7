// The commands as a user runs them: `sst diff`, `sst deploy`, `sst remove` and `sst bootstrap`
// in a copy of examples/notes, as child processes (not a terminal, so plain lines), against the
// local fakes through the AWS_ENDPOINT_URL_* variables. Checks exit codes and what is printed.
// It leans on the example's Database stack (table Notes, queue DeadLetters with a retention
// period) and on the Api stack's handler functions/list.ts.

import assert from "node:assert/strict"
import { spawn } from "node:child_process"
import { appendFileSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { after, before, test } from "node:test"
import { startLocalAws, type LocalAws } from "./helpers/local-aws.ts"

const CLI = join(import.meta.dirname, "..", "cli", "index.ts")
// Resolved here: the child runs in the app's folder, which has no node_modules of its own.
const TSX = import.meta.resolve("tsx")
let aws: LocalAws
let dir: string

before(async () => {
  aws = await startLocalAws({ delayMs: 2 })
  dir = mkdtempSync(join(tmpdir(), "sst-cli-notes-"))
  cpSync(join(import.meta.dirname, "..", "examples", "notes"), dir, { recursive: true, filter: (source) => !source.includes(".sst") })
})

after(async () => {
  await aws.close()
  rmSync(dir, { recursive: true, force: true })
})

interface Run {
  code: number | null
  stdout: string
  stderr: string
}

function sst(args: string[], env: Record<string, string | undefined> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", TSX, "--no-warnings", CLI, ...args], {
      cwd: dir,
      env: { ...process.env, ...aws.env, SST_POLL_MS: "10", NO_COLOR: "1", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    })
    let stdout = ""
    let stderr = ""
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk))
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk))
    child.on("error", reject)
    child.on("close", (code) => resolve({ code, stdout, stderr }))
  })
}

function setRetention(seconds: number): void {
  const path = join(dir, "stacks", "Database.ts")
  writeFileSync(path, readFileSync(path, "utf8").replace(/MessageRetentionPeriod: \d+/, `MessageRetentionPeriod: ${seconds}`))
}

test("sst diff before the first deploy lists every stack as new and exits 1", async () => {
  const run = await sst(["diff", "--stage", "cli"])
  assert.equal(run.code, 1, run.stderr)
  assert.match(run.stdout, /cli-notes-Database  new stack\n  \+ Notes  AWS::DynamoDB::Table  Database\/Notes\n  \+ DeadLetters  AWS::SQS::Queue  Database\/DeadLetters/)
  assert.match(run.stdout, /2 of 2 stacks would change\.$/m)
})

test("sst deploy prints timestamped progress when not on a terminal, then the outputs, and exits 0", async () => {
  const run = await sst(["deploy", "--stage", "cli"])
  assert.equal(run.code, 0, run.stderr)
  assert.match(run.stderr, /^\d\d:\d\d:\d\d Deploying 2 stacks of notes to stage cli in us-east-1$/m)
  assert.match(run.stderr, /^\d\d:\d\d:\d\d cli-notes-Database  CREATE_COMPLETE  AWS::DynamoDB::Table  Notes$/m)
  assert.match(run.stdout, /^Deployed: 2 deployed, 2 assets uploaded \(.+\) in \d+\.\ds\n  cli-notes-Database  deployed\n    TableName: \S+\n  cli-notes-Api       deployed\n    ApiEndpoint: https:\/\/\S+\n    NotesUrl: https:\/\/\S+\/notes$/m)
  assert.ok(existsSync(join(dir, ".sst", "outputs.json")))
})

test("sst diff exits 0 when nothing would change, and shows each changed property otherwise", async () => {
  const same = await sst(["diff", "--stage", "cli"])
  assert.equal(same.code, 0, same.stderr)
  assert.match(same.stdout, /cli-notes-Database  no changes\n\ncli-notes-Api  no changes\n\nNo changes\.$/m)
  setRetention(86400)
  const changed = await sst(["diff", "Database", "--stage", "cli"])
  assert.equal(changed.code, 1, changed.stderr)
  assert.match(changed.stdout, /^cli-notes-Database\n  ~ DeadLetters  AWS::SQS::Queue  Database\/DeadLetters\n      Properties\.MessageRetentionPeriod: \d+ → 86400$/m)
  assert.ok(!aws.cloudFormation.stacks().some((s) => s.status === "REVIEW_IN_PROGRESS"), "diff leaves nothing behind")
})

test("sst deploy of one stack by its short name, with --outputs-file", async () => {
  const run = await sst(["deploy", "Database", "--stage", "cli", "--outputs-file", "out.json"])
  assert.equal(run.code, 0, run.stderr)
  assert.match(run.stdout, /^Deployed: 1 deployed/)
  const outputs = JSON.parse(readFileSync(join(dir, "out.json"), "utf8"))
  assert.ok(outputs["cli-notes-Database"].TableName)
})

test("a failed deploy exits 1 and prints the root cause with the resource, its type, its construct path and the reason", async () => {
  setRetention(172800)
  appendFileSync(join(dir, "functions", "list.ts"), "\nexport const revision = 2\n")
  aws.cloudFormation.failResource("cli-notes-Database", "DeadLetters", "Invalid value for the parameter MessageRetentionPeriod.", { once: true })
  const run = await sst(["deploy", "--stage", "cli"])
  assert.equal(run.code, 1)
  assert.match(run.stdout, /^Deploy failed: 1 failed, 1 skipped in \d+\.\ds$/m)
  assert.match(run.stdout, /cli-notes-Api       not deployed: cli-notes-Database failed/)
  assert.match(
    run.stdout,
    /✖ cli-notes-Database failed to update and was rolled back to its previous state \(UPDATE_ROLLBACK_COMPLETE\)\n  Resource: DeadLetters \(AWS::SQS::Queue\) from Database\/DeadLetters\n  Reason:   Invalid value for the parameter MessageRetentionPeriod\./,
  )
})

test("missing credentials give one sentence and a fix, not a stack trace", async () => {
  const run = await sst(["deploy", "--stage", "cli"], {
    AWS_ACCESS_KEY_ID: undefined,
    AWS_SECRET_ACCESS_KEY: undefined,
    AWS_PROFILE: undefined,
    AWS_SHARED_CREDENTIALS_FILE: join(dir, "no-credentials"),
    AWS_CONFIG_FILE: join(dir, "no-config"),
    AWS_EC2_METADATA_DISABLED: "true",
    AWS_CONTAINER_CREDENTIALS_FULL_URI: undefined,
    AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: undefined,
    AWS_WEB_IDENTITY_TOKEN_FILE: undefined,
  })
  assert.equal(run.code, 1)
  assert.match(run.stderr, /^Error: No AWS credentials were found \(while reading the caller's identity \(STS GetCallerIdentity\)\)\.\n  Fix: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, pass --profile <name> for a profile in ~\/\.aws\/config, or run aws sso login\.$/m)
  assert.doesNotMatch(run.stderr, /    at /)
})

test("sst bootstrap reports the bootstrap stack, and sst remove deletes the stage", async () => {
  const bootstrap = await sst(["bootstrap"])
  assert.equal(bootstrap.code, 0, bootstrap.stderr)
  assert.match(bootstrap.stdout, /^SSTBootstrap is up to date in account 123456789012, us-east-1: bucket sst-assets-123456789012-us-east-1, version 1$/m)
  const remove = await sst(["remove", "--stage", "cli"])
  assert.equal(remove.code, 0, remove.stderr)
  assert.match(remove.stdout, /^Removed: 2 removed in \d+\.\ds\n  cli-notes-Api       removed\n  cli-notes-Database  removed$/m)
  assert.deepEqual(aws.cloudFormation.stacks().map((s) => s.stackName), ["SSTBootstrap"])
})
