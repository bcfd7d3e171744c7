// End to end: a copy of examples/notes, built with the real build, deployed with the deployer's
// own SDK clients to the local CloudFormation fake, S3 (s3rver) and STS over HTTP. Each test
// continues from the state the previous one left, as a developer's day would. The tests lean on
// few facts of the example: a Database stack (table Notes, queue DeadLetters with a retention
// period) used by an Api stack whose handlers are functions/list.ts and functions/create.ts.

import assert from "node:assert/strict"
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { after, before, test } from "node:test"
import { buildApp } from "../cli/build-app.ts"
import { deployApp, type DeployAppOptions } from "../cli/deploy/deploy-app.ts"
import { DeployError } from "../cli/deploy/errors.ts"
import type { DeployEvent } from "../cli/deploy/events.ts"
import { lockKey } from "../cli/deploy/lock.ts"
import { removeApp } from "../cli/deploy/remove-app.ts"
import { formatDeployResult, formatRemoveResult } from "../cli/ui/deploy-summary.ts"
import { PutObjectCommand } from "@aws-sdk/client-s3"
import { ASSETS_BUCKET, startLocalAws, type LocalAws } from "./helpers/local-aws.ts"

let aws: LocalAws
let dir: string

before(async () => {
  aws = await startLocalAws({ delayMs: 2 })
  dir = mkdtempSync(join(tmpdir(), "sst-deploy-notes-"))
  cpSync(join(import.meta.dirname, "..", "examples", "notes"), dir, { recursive: true, filter: (source) => !source.includes(".sst") })
})

after(async () => {
  await aws.close()
  rmSync(dir, { recursive: true, force: true })
})

async function deploy(stage = "dev", extra: Partial<DeployAppOptions> = {}, prebuilt?: Awaited<ReturnType<typeof buildApp>>) {
  const build = prebuilt ?? (await buildApp({ cwd: dir, stage }))
  const events: DeployEvent[] = []
  const clients = aws.clients()
  const cfnBefore = aws.cloudFormation.calls.length
  const s3Before = aws.s3.calls.length
  const result = await deployApp({ manifest: build.result.manifest, distDir: build.distDir, root: dir, clients, report: (event) => events.push(event), pollMs: 10, ...extra })
  return {
    result,
    events,
    sent: clients.sent,
    cfnCalls: aws.cloudFormation.calls.slice(cfnBefore),
    s3Calls: aws.s3.calls.slice(s3Before),
    text: formatDeployResult(result, 0),
  }
}

/** Changes a handler's code: a new export survives bundling and minifying, so the asset changes. */
let changes = 0
function changeHandler(file: string): void {
  changes++
  appendFileSync(join(dir, file), `\nexport const revision${changes} = ${changes}\n`)
}

/** Sets the retention period of the Database's DeadLetters queue. */
function setRetention(seconds: number): void {
  const path = join(dir, "stacks", "Database.ts")
  const text = readFileSync(path, "utf8")
  assert.match(text, /MessageRetentionPeriod: \d+/)
  writeFileSync(path, text.replace(/MessageRetentionPeriod: \d+/, `MessageRetentionPeriod: ${seconds}`))
}

function edit(file: string, from: string, to: string): void {
  const path = join(dir, file)
  const text = readFileSync(path, "utf8")
  assert.ok(text.includes(from), `${file} holds ${from}`)
  writeFileSync(path, text.replace(from, to))
}

const count = (calls: { action: string }[], action: string) => calls.filter((call) => call.action === action).length

test("the first deploy bootstraps the account, uploads the asset, creates both stacks in order and writes the outputs", async () => {
  const { result, events, cfnCalls } = await deploy()
  assert.equal(result.ok, true)
  assert.ok(result.assets.uploaded >= 1, "the handlers are uploaded")
  assert.equal(result.assets.present, 0)
  assert.equal(result.bootstrap.action, "created")
  assert.equal(result.bootstrap.bucket, ASSETS_BUCKET)
  assert.deepEqual(result.stacks.map((s) => [s.name, s.status]), [["dev-notes-Database", "deployed"], ["dev-notes-Api", "deployed"]])
  const created = cfnCalls.filter((c) => c.action === "CreateChangeSet").map((c) => c.stackName)
  assert.deepEqual(created, ["SSTBootstrap", "dev-notes-Database", "dev-notes-Api"])
  assert.ok(events.some((e) => e.type === "changes" && e.stack === "dev-notes-Database" && e.changes.some((c) => c.logicalId === "Notes" && c.action === "Add")))

  const api = aws.cloudFormation.stacks().find((s) => s.stackName === "dev-notes-Api")
  const database = aws.cloudFormation.stacks().find((s) => s.stackName === "dev-notes-Database")
  assert.equal(api?.status, "CREATE_COMPLETE")
  // The Api's parameters carry the Database's outputs: cross-stack values are parameters.
  const parameters = Object.keys(api?.parameters ?? {})
  assert.ok(parameters.length > 0 && parameters.every((name) => name.startsWith("Xref")))
  for (const name of parameters) assert.ok(Object.values(database?.outputs ?? {}).includes(api?.parameters[name] as string))

  const outputs = JSON.parse(readFileSync(join(dir, ".sst", "outputs.json"), "utf8"))
  assert.deepEqual(Object.keys(outputs), ["dev-notes-Database", "dev-notes-Api"])
  assert.match(outputs["dev-notes-Api"].NotesUrl, /^https:\/\/\S+\/notes$/)
  assert.deepEqual(Object.keys(outputs["dev-notes-Database"]), ["TableName"], "only the user's outputs, not the Xref ones")
  // The lock is released.
  assert.ok(!(await aws.s3.keys(ASSETS_BUCKET)).includes(lockKey("notes", "dev")))
})

test("a redeploy without changes skips every stack: one state read each, no change set, no upload", async () => {
  const { result, cfnCalls, s3Calls, sent } = await deploy()
  assert.equal(result.ok, true)
  assert.deepEqual(result.stacks.map((s) => s.status), ["unchanged", "unchanged"])
  assert.equal(count(cfnCalls, "CreateChangeSet"), 0)
  // SSTBootstrap's state, then one DescribeStacks per stack: untouched since this machine
  // deployed them (.sst/deployed.json), their templates need no GetTemplate.
  assert.deepEqual(cfnCalls.map((c) => `${c.action} ${c.stackName}`), [
    "DescribeStacks SSTBootstrap",
    "DescribeStacks dev-notes-Database",
    "DescribeStacks dev-notes-Api",
  ])
  // S3: the lock read, taken and released; nothing listed, nothing uploaded.
  assert.deepEqual(s3Calls.map((c) => `${c.method} ${c.key} ${c.status}`), [`GET ${lockKey("notes", "dev")} 404`, `PUT ${lockKey("notes", "dev")} 200`, `DELETE ${lockKey("notes", "dev")} 204`])
  assert.equal(sent.filter((c) => c.service === "sts").length, 1)
  assert.equal(result.outputs["dev-notes-Api"]?.NotesUrl?.endsWith("/notes"), true, "outputs of skipped stacks are still reported")
})

test("without this machine's record of the deploy, a redeploy reads each template and still skips every stack", async () => {
  rmSync(join(dir, ".sst", "deployed.json"))
  const { result, cfnCalls } = await deploy()
  assert.deepEqual(result.stacks.map((s) => s.status), ["unchanged", "unchanged"])
  assert.deepEqual(cfnCalls.map((c) => `${c.action} ${c.stackName}`), [
    "DescribeStacks SSTBootstrap",
    "DescribeStacks dev-notes-Database",
    "GetTemplate dev-notes-Database",
    "DescribeStacks dev-notes-Api",
    "GetTemplate dev-notes-Api",
  ])
  assert.equal(count(cfnCalls, "CreateChangeSet"), 0)
})

test("changing one handler uploads one asset and updates one stack", async () => {
  changeHandler("functions/create.ts")
  const { result, cfnCalls, s3Calls } = await deploy()
  assert.equal(result.ok, true)
  assert.deepEqual(result.stacks.map((s) => [s.name, s.status]), [["dev-notes-Database", "unchanged"], ["dev-notes-Api", "deployed"]])
  assert.deepEqual(cfnCalls.filter((c) => c.action === "CreateChangeSet").map((c) => c.stackName), ["dev-notes-Api"])
  assert.equal(result.assets.uploaded, 1, "only the changed handler")
  const puts = s3Calls.filter((c) => c.method === "PUT" && c.key?.startsWith("assets/"))
  assert.equal(puts.length, 1)
  const api = aws.cloudFormation.stacks().find((s) => s.stackName === "dev-notes-Api")
  assert.equal(JSON.stringify(api?.template).includes(puts[0]?.key ?? "?"), true, "the template points at the uploaded key")
})

test("changing one value updates only the stack that holds it; its consumers stay as they are", async () => {
  setRetention(345600)
  const { result, cfnCalls, events } = await deploy()
  assert.equal(result.ok, true)
  assert.deepEqual(result.stacks.map((s) => [s.name, s.status]), [["dev-notes-Database", "deployed"], ["dev-notes-Api", "unchanged"]])
  assert.deepEqual(cfnCalls.filter((c) => c.action === "CreateChangeSet").map((c) => c.stackName), ["dev-notes-Database"])
  assert.equal(result.assets.uploaded, 0)
  const changes = events.find((e) => e.type === "changes")
  assert.ok(changes?.type === "changes")
  assert.deepEqual(changes.changes.map((c) => [c.action, c.logicalId, c.properties.map((p) => p.name)]), [["Modify", "DeadLetters", ["MessageRetentionPeriod"]]])
  const database = aws.cloudFormation.stacks().find((s) => s.stackName === "dev-notes-Database")
  assert.equal(database?.status, "UPDATE_COMPLETE")
})

test("a failed update names its root cause, and the stacks that depend on it are skipped", async () => {
  setRetention(86400)
  changeHandler("functions/list.ts")
  aws.cloudFormation.failResource("dev-notes-Database", "DeadLetters", "Resource handler returned message: \"Access denied for sqs:SetQueueAttributes\"", { once: true })
  const { result, text } = await deploy()
  assert.equal(result.ok, false)
  const [database, api] = result.stacks
  assert.equal(database?.status, "failed")
  assert.equal(database?.failure?.status, "UPDATE_ROLLBACK_COMPLETE")
  assert.equal(database?.failure?.logicalId, "DeadLetters")
  assert.equal(database?.failure?.resourceType, "AWS::SQS::Queue")
  assert.equal(database?.failure?.path, "Database/DeadLetters")
  assert.equal(database?.failure?.reason, 'Resource handler returned message: "Access denied for sqs:SetQueueAttributes"')
  assert.deepEqual([api?.status, api?.blockedBy], ["skipped", "dev-notes-Database"])
  assert.match(text, /dev-notes-Api\s+not deployed: dev-notes-Database failed/)
  assert.match(text, /✖ dev-notes-Database failed to update and was rolled back to its previous state \(UPDATE_ROLLBACK_COMPLETE\)\n  Resource: DeadLetters \(AWS::SQS::Queue\) from Database\/DeadLetters\n  Reason:   Resource handler returned message: "Access denied for sqs:SetQueueAttributes"/)
  // The next deploy goes through.
  const again = await deploy()
  assert.deepEqual(again.result.stacks.map((s) => s.status), ["deployed", "deployed"])
})

test("a stack whose first create failed is deleted and created again, saying so", async () => {
  aws.cloudFormation.failResource("pr1-notes-Database", "Notes", "Table already exists: pr1-notes-Notes", { once: true })
  const failed = await deploy("pr1")
  assert.equal(failed.result.stacks[0]?.failure?.status, "ROLLBACK_COMPLETE")
  assert.equal(failed.result.stacks[0]?.failure?.logicalId, "Notes")
  assert.match(failed.result.stacks[0]?.failure?.fix ?? "", /exists outside this stack/)
  const retried = await deploy("pr1")
  assert.equal(retried.result.ok, true)
  const notice = retried.events.find((e) => e.type === "notice" && e.stack === "pr1-notes-Database")
  assert.equal(notice?.type === "notice" && notice.message, "is in ROLLBACK_COMPLETE: it was left by a failed first create. Deleting it and creating it again.")
  assert.equal(count(retried.cfnCalls, "DeleteStack"), 1)
})

test("two deploys of one stage at once: one of them is refused by the lock, naming the holder", async () => {
  changeHandler("functions/list.ts")
  const build = await buildApp({ cwd: dir, stage: "dev" })
  const runs = await Promise.allSettled([deploy("dev", {}, build), deploy("dev", {}, build)])
  const refused = runs.filter((run) => run.status === "rejected")
  const done = runs.filter((run) => run.status === "fulfilled")
  assert.equal(refused.length, 1)
  assert.equal(done.length, 1)
  const error = (refused[0] as PromiseRejectedResult).reason
  assert.ok(error instanceof DeployError)
  assert.equal(error.code, "StageLocked")
  assert.match(error.message, /^Stage "dev" of app "notes" is locked by `sst deploy` by arn:aws:iam::123456789012:user\/tester \(.+@.+, pid \d+\), started \d{4}-\d\d-\d\dT[\d:.]+Z \(\d+s ago\)\.\n  Fix: wait for it to finish\. If it is not running any more \(it crashed or was killed\), run again with --force-unlock\.$/)
})

test("a stale lock is refused, then broken with forceUnlock", async () => {
  const clients = aws.clients()
  const stale = { identity: "arn:aws:iam::123456789012:user/gone", host: "old-laptop", user: "gone", pid: 4242, command: "sst deploy", startedAt: "2020-01-01T00:00:00.000Z" }
  await clients.s3.send(new PutObjectCommand({ Bucket: ASSETS_BUCKET, Key: lockKey("notes", "dev"), Body: JSON.stringify(stale) }))
  await assert.rejects(deploy(), (error: DeployError) => error.code === "StageLocked" && /user\/gone \(gone@old-laptop, pid 4242\), started 2020-01-01T00:00:00.000Z/.test(error.message))
  const { result, events } = await deploy("dev", { forceUnlock: true })
  assert.equal(result.ok, true)
  assert.ok(events.some((e) => e.type === "notice" && /Broke the lock of sst deploy by arn:aws:iam::123456789012:user\/gone on old-laptop/.test(e.message)))
})

test("renaming a resource that another stack uses takes one deploy: no export locks it", async () => {
  edit("stacks/Database.ts", 'new CfnResource(stack, "Notes"', 'new CfnResource(stack, "NotesV2"')
  const { result } = await deploy()
  assert.equal(result.ok, true, formatDeployResult(result, 0))
  assert.deepEqual(result.stacks.map((s) => s.status), ["deployed", "deployed"])
  const database = aws.cloudFormation.stacks().find((s) => s.stackName === "dev-notes-Database")
  const api = aws.cloudFormation.stacks().find((s) => s.stackName === "dev-notes-Api")
  assert.ok(database?.resources.some((r) => r.logicalId === "NotesV2"))
  assert.ok(!database?.resources.some((r) => r.logicalId === "Notes"))
  const parameters = Object.keys(api?.parameters ?? {})
  assert.ok(parameters.some((name) => name.includes("NotesV2")) && !parameters.some((name) => /Notes(Ref|Arn)$/.test(name) && !name.includes("V2")))
})

test("remove deletes the stacks, dependants first, and keeps the bootstrap stack", async () => {
  const build = await buildApp({ cwd: dir, stage: "dev", mode: "remove" })
  const before = aws.cloudFormation.calls.length
  const result = await removeApp({ manifest: build.result.manifest, root: dir, clients: aws.clients(), report: () => {}, pollMs: 10 })
  assert.equal(result.ok, true, formatRemoveResult(result, 0))
  assert.deepEqual(result.stacks.map((s) => [s.name, s.status]), [["dev-notes-Api", "removed"], ["dev-notes-Database", "removed"]])
  const deletes = aws.cloudFormation.calls.slice(before).filter((c) => c.action === "DeleteStack").map((c) => c.stackName)
  assert.equal(deletes.length, 2)
  assert.match(deletes[0] ?? "", /dev-notes-Api/, "the stack that uses the other's values goes first")
  const names = aws.cloudFormation.stacks().map((s) => s.stackName).sort()
  assert.deepEqual(names, ["SSTBootstrap", "pr1-notes-Api", "pr1-notes-Database"])
  const outputs = JSON.parse(readFileSync(join(dir, ".sst", "outputs.json"), "utf8"))
  assert.equal(outputs["dev-notes-Api"], undefined)
  // Removing again finds nothing to remove.
  const again = await removeApp({ manifest: build.result.manifest, root: dir, clients: aws.clients(), report: () => {}, pollMs: 10 })
  assert.deepEqual(again.stacks.map((s) => s.status), ["missing", "missing"])
})
