// The deployer against the local fakes with small hand-written apps (manifest + templates), one
// behaviour per test: assets, large templates, express mode and rollback settings, stacks left
// in ROLLBACK_COMPLETE, REVIEW_IN_PROGRESS, UPDATE_ROLLBACK_FAILED or mid-operation, throttling,
// packed parameters, replacement warnings, remove with removable and retained buckets.

import assert from "node:assert/strict"
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { after, before, test } from "node:test"
import { CreateChangeSetCommand, DeleteChangeSetCommand, ExecuteChangeSetCommand, waitUntilChangeSetCreateComplete } from "@aws-sdk/client-cloudformation"
import { PutObjectCommand } from "@aws-sdk/client-s3"
import type { Manifest, ManifestAsset, ManifestStack } from "../compiler/manifest.ts"
import { deployApp, type DeployAppOptions } from "../cli/deploy/deploy-app.ts"
import type { DeployEvent } from "../cli/deploy/events.ts"
import { removeApp } from "../cli/deploy/remove-app.ts"
import { BOOTSTRAP_STACK_NAME, bootstrapTemplate, ensureBootstrap } from "../cli/deploy/bootstrap.ts"
import { deployStack } from "../cli/deploy/deploy-stack.ts"
import type { EngineContext } from "../cli/deploy/engine.ts"
import { formatChanges, formatRemoveResult } from "../cli/ui/deploy-summary.ts"
import { ASSETS_BUCKET, startLocalAws, type LocalAws } from "./helpers/local-aws.ts"

let aws: LocalAws
let root: string

before(async () => {
  aws = await startLocalAws({ delayMs: 2 })
  root = mkdtempSync(join(tmpdir(), "sst-deploy-states-"))
})

after(async () => {
  await aws.close()
  rmSync(root, { recursive: true, force: true })
})

interface StackInput {
  id: string
  resources: Record<string, unknown>
  outputs?: Record<string, unknown>
  parameters?: ManifestStack["parameters"]
  dependencies?: string[]
  assets?: string[]
  emptyOnRemove?: string[]
}

/** Writes templates and returns the manifest of an app named after the stage. */
function app(stage: string, stacks: StackInput[], assets: ManifestAsset[] = []): { manifest: Manifest; distDir: string } {
  const distDir = join(root, stage, ".sst", "dist")
  mkdirSync(distDir, { recursive: true })
  const manifestStacks = stacks.map((stack): ManifestStack => {
    const name = `${stage}-app-${stack.id}`
    const template = {
      AWSTemplateFormatVersion: "2010-09-09",
      ...(stack.parameters ? { Parameters: Object.fromEntries(Object.entries(stack.parameters).map(([key, p]) => [key, { Type: p.type }])) } : {}),
      Resources: stack.resources,
      ...(stack.outputs ? { Outputs: stack.outputs } : {}),
    }
    const body = `${JSON.stringify(template, null, 2)}\n`
    writeFileSync(join(distDir, `${name}.template.json`), body)
    return {
      id: stack.id,
      name,
      templateFile: `${name}.template.json`,
      templateBytes: Buffer.byteLength(body),
      uploadTemplate: Buffer.byteLength(body) > 51_200,
      resourceCount: Object.keys(stack.resources).length,
      dependencies: (stack.dependencies ?? []).map((id) => `${stage}-app-${id}`),
      parameters: stack.parameters ?? {},
      outputs: Object.keys(stack.outputs ?? {}).filter((key) => !key.startsWith("Xref")),
      tags: { "sst:app": "app", "sst:stage": stage },
      assets: stack.assets ?? [],
      resourcePaths: Object.fromEntries(Object.keys(stack.resources).map((id) => [id, `${stack.id}/${id}`])),
      ...(stack.emptyOnRemove ? { emptyOnRemove: stack.emptyOnRemove } : {}),
    }
  })
  return { manifest: { version: 1, app: "app", stage, region: "us-east-1", stacks: manifestStacks, assets }, distDir }
}

async function deploy(target: { manifest: Manifest; distDir: string }, extra: Partial<DeployAppOptions> = {}, local: LocalAws = aws) {
  const events: DeployEvent[] = []
  const clients = local.clients()
  const cfnBefore = local.cloudFormation.calls.length
  const s3Before = local.s3.calls.length
  const result = await deployApp({ manifest: target.manifest, distDir: target.distDir, root: join(target.distDir, "..", ".."), clients, report: (event) => events.push(event), pollMs: 5, ...extra })
  return { result, events, sent: clients.sent, cfnCalls: local.cloudFormation.calls.slice(cfnBefore), s3Calls: local.s3.calls.slice(s3Before), clients }
}

const queue = (retention = 345600) => ({ Type: "AWS::SQS::Queue", Properties: { MessageRetentionPeriod: retention } })
const topic = { Type: "AWS::SNS::Topic", Properties: {} }

test("assets: only the ones the bucket lacks are uploaded, after one listing; large files go up in parts", async () => {
  const assetsDir = join(root, "assets", ".sst", "dist", "assets")
  mkdirSync(assetsDir, { recursive: true })
  const files: ManifestAsset[] = ["a", "b", "c"].map((id) => ({ id: `Api/${id}`, kind: "function", s3Key: `assets/${id}0000.zip`, file: `.sst/dist/assets/${id}0000.zip` }))
  writeFileSync(join(assetsDir, "a0000.zip"), "small a")
  writeFileSync(join(assetsDir, "b0000.zip"), "small b")
  writeFileSync(join(assetsDir, "c0000.zip"), Buffer.alloc(9 * 1024 * 1024, 7))
  // "a" is in the bucket already.
  await aws.clients().s3.send(new PutObjectCommand({ Bucket: ASSETS_BUCKET, Key: "assets/a0000.zip", Body: "small a" }))
  const target = app("assets", [{ id: "Api", resources: { Queue: queue() }, assets: files.map((f) => f.id) }], files)
  const { result, s3Calls } = await deploy(target, { multipartThreshold: 1024 * 1024 })
  assert.equal(result.ok, true)
  assert.deepEqual(result.assets, { uploaded: 2, present: 1, bytes: 9 * 1024 * 1024 + 7 })
  const requests = s3Calls.filter((c) => !c.key?.startsWith("locks/")).map((c) => `${c.method} ${c.key ?? ""} ${c.query}`.trim())
  assert.equal(requests.filter((r) => r.startsWith("GET") && r.includes("list-type")).length, 1, "one listing")
  assert.ok(requests.includes("PUT assets/b0000.zip"))
  assert.ok(!requests.some((r) => r.includes("a0000")), "the present asset is neither read nor written")
  assert.ok(!requests.some((r) => r.startsWith("HEAD")), "no HEAD before PUT")
  assert.ok(requests.includes("POST assets/c0000.zip uploads"), "multipart upload started")
  assert.equal(requests.filter((r) => r.startsWith("PUT assets/c0000.zip partNumber")).length, 2)
  assert.equal((await aws.s3.keys(ASSETS_BUCKET)).filter((k) => k.startsWith("assets/")).length, 3)
  // Nothing changes: no listing, no upload.
  const again = await deploy(target)
  assert.deepEqual(again.s3Calls.map((c) => c.method), ["GET", "PUT", "DELETE"])
})

test("a template over 51,200 bytes goes through the assets bucket as TemplateURL", async () => {
  const resources: Record<string, unknown> = {}
  for (let i = 0; i < 120; i++) resources[`Queue${i}`] = { Type: "AWS::SQS::Queue", Properties: { MessageRetentionPeriod: 345600, Tags: [{ Key: "description", Value: "x".repeat(400) }] } }
  const target = app("big", [{ id: "Big", resources }])
  assert.equal(target.manifest.stacks[0]?.uploadTemplate, true)
  const { result, sent, s3Calls } = await deploy(target)
  assert.equal(result.ok, true, JSON.stringify(result.stacks))
  const create = sent.find((c) => c.command === "CreateChangeSet" && c.input.StackName === "big-app-Big")
  assert.equal(create?.input.TemplateBody, undefined)
  assert.match(String(create?.input.TemplateURL), new RegExp(`^${aws.s3.endpoint}/${ASSETS_BUCKET}/templates/[0-9a-f]{64}\\.json$`))
  assert.ok(s3Calls.some((c) => c.method === "PUT" && c.key?.startsWith("templates/")))
})

test("express mode and --no-rollback reach CloudFormation; a create that fails without rollback is recreated next time", async () => {
  aws.cloudFormation.failResource("express-app-Main", "Topic", "Topic limit exceeded", { once: true })
  const target = app("express", [{ id: "Main", resources: { Queue: queue(), Topic: topic } }])
  const failed = await deploy(target, { express: true, rollback: false })
  const create = failed.sent.find((c) => c.command === "CreateChangeSet")
  assert.deepEqual(create?.input.DeploymentConfig, { Mode: "EXPRESS", DisableRollback: true })
  assert.deepEqual(create?.input.Capabilities, ["CAPABILITY_IAM", "CAPABILITY_NAMED_IAM", "CAPABILITY_AUTO_EXPAND"])
  assert.equal(failed.sent.find((c) => c.command === "ExecuteChangeSet")?.input.DisableRollback, true)
  assert.equal(failed.result.stacks[0]?.failure?.status, "CREATE_FAILED")
  assert.equal(failed.result.stacks[0]?.failure?.logicalId, "Topic")
  assert.equal(failed.result.stacks[0]?.failure?.reason, "Topic limit exceeded")
  const retried = await deploy(target, { express: true })
  assert.equal(retried.result.ok, true)
  assert.ok(retried.events.some((e) => e.type === "notice" && e.message.startsWith("is in CREATE_FAILED")))
})

test("an update that fails without rollback leaves UPDATE_FAILED, explained until a deploy changes it", async () => {
  const target = app("norollback", [{ id: "Main", resources: { Queue: queue(), Topic: topic } }])
  assert.equal((await deploy(target)).result.ok, true)
  aws.cloudFormation.failResource("norollback-app-Main", "Queue", "Queue attributes are being changed", { once: true })
  const changed = app("norollback", [{ id: "Main", resources: { Queue: queue(7200), Topic: topic } }])
  const failed = await deploy(changed, { rollback: false })
  assert.equal(failed.result.stacks[0]?.failure?.status, "UPDATE_FAILED")
  assert.equal(failed.result.stacks[0]?.failure?.summary, "failed and was left as it is, without rollback (UPDATE_FAILED)")
  const same = await deploy(changed, { rollback: false })
  assert.equal(same.result.stacks[0]?.failure?.code, "StackLeftFailed", "the failed template again: nothing to apply, and said so")
  const fixed = app("norollback", [{ id: "Main", resources: { Queue: queue(3600), Topic: topic } }])
  const retried = await deploy(fixed, { rollback: false })
  assert.deepEqual(retried.result.stacks.map((s) => s.status), ["deployed"])
  assert.equal(aws.cloudFormation.stacks().find((s) => s.stackName === "norollback-app-Main")?.status, "UPDATE_COMPLETE")
})

test("an update that cannot be rolled back is explained, then continued by the next deploy", async () => {
  const target = app("stuck", [{ id: "Main", resources: { Queue: queue(), Topic: topic } }])
  assert.equal((await deploy(target)).result.ok, true)
  aws.cloudFormation.failResource("stuck-app-Main", "Queue", "Queue update failed", { once: true })
  aws.cloudFormation.failRollback("stuck-app-Main", "Queue", "Queue was deleted outside CloudFormation", { once: true })
  const changed = app("stuck", [{ id: "Main", resources: { Queue: queue(86400), Topic: topic } }])
  const failed = await deploy(changed)
  const failure = failed.result.stacks[0]?.failure
  assert.equal(failure?.status, "UPDATE_ROLLBACK_FAILED")
  assert.equal(failure?.reason, "Queue update failed", "the root cause, not the rollback's failure")
  assert.match(failure?.fix ?? "", /continue-update-rollback --stack-name stuck-app-Main --resources-to-skip Queue/)
  const next = await deploy(changed)
  assert.equal(next.result.ok, true, JSON.stringify(next.result.stacks))
  assert.equal(next.cfnCalls.filter((c) => c.action === "ContinueUpdateRollback").length, 1)
  assert.ok(next.events.some((e) => e.type === "notice" && /UPDATE_ROLLBACK_FAILED.*Continuing the rollback/.test(e.message)))
})

test("an empty REVIEW_IN_PROGRESS stack left by a CREATE change set is deleted and created", async () => {
  const target = app("review", [{ id: "Main", resources: { Queue: queue() } }])
  const clients = aws.clients()
  const created = await clients.cloudFormation.send(new CreateChangeSetCommand({ StackName: "review-app-Main", ChangeSetName: "abandoned", ChangeSetType: "CREATE", TemplateBody: JSON.stringify({ Resources: { Queue: queue() } }) }))
  await waitUntilChangeSetCreateComplete({ client: clients.cloudFormation, maxWaitTime: 10, minDelay: 1 }, { ChangeSetName: created.Id })
  await clients.cloudFormation.send(new DeleteChangeSetCommand({ ChangeSetName: created.Id }))
  const { result, events } = await deploy(target)
  assert.equal(result.ok, true)
  assert.ok(events.some((e) => e.type === "notice" && e.message.startsWith("is in REVIEW_IN_PROGRESS")))
})

test("a change set CloudFormation refuses fails the stack with its reason and leaves no empty stack behind", async () => {
  const target = app("invalid", [{ id: "Main", resources: { Queue: { Type: "AWS::SQS::Queue", Properties: { QueueName: { Ref: "Nowhere" } } } } }])
  const { result } = await deploy(target)
  const failure = result.stacks[0]?.failure
  assert.equal(failure?.code, "ChangeSetFailed")
  assert.match(failure?.summary ?? "", /^CloudFormation refused the change set of invalid-app-Main: .*Nowhere/)
  assert.equal(aws.cloudFormation.stacks().find((s) => s.stackName === "invalid-app-Main"), undefined)
})

test("a stack busy with another operation is refused with the reason, or waited for with wait", async () => {
  const slow = await startLocalAws({ delayMs: 250 })
  try {
    const target = app("busy", [{ id: "Main", resources: { Queue: queue(), Topic: topic } }])
    assert.equal((await deploy(target, {}, slow)).result.ok, true)
    // Someone else updates the stack (the console, another tool).
    const clients = slow.clients()
    const template = JSON.stringify({ Resources: { Queue: queue(7200), Topic: topic } })
    const changeSet = await clients.cloudFormation.send(new CreateChangeSetCommand({ StackName: "busy-app-Main", ChangeSetName: "other", ChangeSetType: "UPDATE", TemplateBody: template, Tags: [{ Key: "sst:app", Value: "app" }, { Key: "sst:stage", Value: "busy" }] }))
    await waitUntilChangeSetCreateComplete({ client: clients.cloudFormation, maxWaitTime: 10, minDelay: 1 }, { ChangeSetName: changeSet.Id })
    await clients.cloudFormation.send(new ExecuteChangeSetCommand({ ChangeSetName: changeSet.Id }))
    const refused = await deploy(target, {}, slow)
    assert.equal(refused.result.stacks[0]?.failure?.code, "StackBusy")
    assert.match(refused.result.stacks[0]?.failure?.summary ?? "", /^Stack busy-app-Main is in UPDATE_IN_PROGRESS since .*: another deploy or remove is running on it/)
    const waited = await deploy(target, { wait: true }, slow)
    assert.equal(waited.result.ok, true)
    assert.deepEqual(waited.result.stacks.map((s) => s.status), ["deployed"], "our template is applied after the other update")
  } finally {
    await slow.close()
  }
})

test("throttled calls are retried by the SDK", async () => {
  const target = app("throttle", [{ id: "Main", resources: { Queue: queue() } }])
  aws.cloudFormation.throttle(2)
  const { result, cfnCalls } = await deploy(target)
  assert.equal(result.ok, true)
  assert.ok(cfnCalls.length >= 2)
})

test("packed values travel from producer outputs to CommaDelimitedList parameters", async () => {
  const target = app("packed", [
    { id: "Producer", resources: { A: queue(), B: queue(), C: topic }, outputs: { XrefConsumerPack1: { Value: { "Fn::Join": [",", [{ "Fn::GetAtt": ["A", "Arn"] }, { "Fn::GetAtt": ["B", "Arn"] }, { Ref: "C" }]] } } } },
    {
      id: "Consumer",
      dependencies: ["Producer"],
      parameters: { XrefProducerPack1: { stack: "packed-app-Producer", output: "XrefConsumerPack1", type: "CommaDelimitedList" } },
      resources: { Q: { Type: "AWS::SQS::Queue", Properties: { Tags: [0, 1, 2].map((i) => ({ Key: `v${i}`, Value: { "Fn::Select": [i, { Ref: "XrefProducerPack1" }] } })) } } },
    },
  ])
  const { result } = await deploy(target)
  assert.equal(result.ok, true, JSON.stringify(result.stacks))
  const consumer = aws.cloudFormation.stacks().find((s) => s.stackName === "packed-app-Consumer")
  assert.equal(consumer?.parameters.XrefProducerPack1?.split(",").length, 3)

  // A consumer built to read 4 values from a producer that gives 3 is refused before deploying.
  const mismatched = app("packed", [
    target.manifest.stacks[0] ? { id: "Producer", resources: { A: queue(), B: queue(), C: topic }, outputs: { XrefConsumerPack1: { Value: { "Fn::Join": [",", [{ "Fn::GetAtt": ["A", "Arn"] }, { "Fn::GetAtt": ["B", "Arn"] }, { Ref: "C" }]] } } } } : { id: "x", resources: {} },
    {
      id: "Consumer",
      dependencies: ["Producer"],
      parameters: { XrefProducerPack1: { stack: "packed-app-Producer", output: "XrefConsumerPack1", type: "CommaDelimitedList" } },
      resources: { Q: { Type: "AWS::SQS::Queue", Properties: { Tags: [0, 1, 2, 3].map((i) => ({ Key: `v${i}`, Value: { "Fn::Select": [i, { Ref: "XrefProducerPack1" }] } })) } } },
    },
  ])
  const refused = await deploy(mismatched)
  assert.equal(refused.result.stacks[1]?.failure?.code, "PackedValueCountMismatch")
  assert.match(refused.result.stacks[1]?.failure?.summary ?? "", /^Parameter XrefProducerPack1 of stack packed-app-Consumer expects 4 values from stack packed-app-Producer, joined with ",", and got 3/)
})

test("replacing a table is announced loudly, and runs with rollback even when rollback is off", async () => {
  const table = (key: string) => ({
    Type: "AWS::DynamoDB::Table",
    Properties: { BillingMode: "PAY_PER_REQUEST", AttributeDefinitions: [{ AttributeName: key, AttributeType: "S" }], KeySchema: [{ AttributeName: key, KeyType: "HASH" }] },
  })
  assert.equal((await deploy(app("replace", [{ id: "Db", resources: { Notes: table("id") } }]))).result.ok, true)
  const { events, sent } = await deploy(app("replace", [{ id: "Db", resources: { Notes: table("noteId") } }]), { express: true, rollback: false })
  // Replacements are refused without rollback: the change set is made again with rollback on.
  assert.deepEqual(sent.filter((c) => c.command === "CreateChangeSet").map((c) => c.input.DeploymentConfig), [{ Mode: "EXPRESS", DisableRollback: true }, { Mode: "EXPRESS", DisableRollback: false }])
  assert.equal(sent.find((c) => c.command === "ExecuteChangeSet")?.input.DisableRollback, false)
  assert.ok(events.some((e) => e.type === "notice" && e.message === "replaces Notes; CloudFormation refuses replacements without rollback, so this update runs with rollback enabled."))
  const changes = events.find((e) => e.type === "changes")
  assert.ok(changes?.type === "changes")
  const [notes] = changes.changes
  assert.equal(notes?.replacement, "True")
  assert.equal(notes?.destroysData, true)
  assert.match(formatChanges(changes.stack, changes.changes), /± Notes  AWS::DynamoDB::Table \(.*KeySchema.*\)  REPLACED\n    WARNING: Notes \(Db\/Notes\) will be replaced: the data it holds is deleted\./)
})

test("remove empties removable buckets, reports retained resources and what could not be deleted", async () => {
  const target = app("rm", [
    {
      id: "Storage",
      resources: {
        Uploads: { Type: "AWS::S3::Bucket", Properties: { BucketName: "rm-app-uploads" } },
        Archive: { Type: "AWS::S3::Bucket", DeletionPolicy: "Retain", Properties: { BucketName: "rm-app-archive" } },
      },
      outputs: { XrefUploads: { Value: { Ref: "Uploads" } } },
      emptyOnRemove: ["Uploads"],
    },
    { id: "Web", dependencies: ["Storage"], parameters: { XrefStorageUploads: { stack: "rm-app-Storage", output: "XrefUploads", type: "String" } }, resources: { Topic: topic, Blocked: queue() } },
  ])
  assert.equal((await deploy(target)).result.ok, true)
  // The stack made the buckets in S3 (local-aws's provision hook); the removable one holds files.
  const clients = aws.clients()
  for (const key of ["a.txt", "b/c.txt"]) await clients.s3.send(new PutObjectCommand({ Bucket: "rm-app-uploads", Key: key, Body: key }))
  aws.cloudFormation.failResource("rm-app-Web", "Blocked", "Queue deletion is not allowed by a policy", { on: "delete", once: true })

  const remove = () => removeApp({ manifest: target.manifest, root, clients: aws.clients(), report: () => {}, pollMs: 5 })
  const first = await remove()
  assert.equal(first.ok, false)
  const [web, storage] = first.stacks
  assert.equal(web?.failure?.code, "StackDeleteFailed")
  assert.equal(web?.failure?.logicalId, "Blocked")
  assert.equal(web?.failure?.reason, "Queue deletion is not allowed by a policy")
  assert.deepEqual([storage?.status, storage?.blockedBy], ["skipped", "rm-app-Web"])
  assert.match(formatRemoveResult(first, 0), /rm-app-Storage\s+not removed: rm-app-Web could not be removed first/)

  const second = await remove()
  assert.equal(second.ok, true, formatRemoveResult(second, 0))
  const storageReport = second.stacks.find((s) => s.name === "rm-app-Storage")
  assert.equal(storageReport?.emptied, 2)
  assert.deepEqual(await aws.s3.keys("rm-app-uploads"), [])
  assert.deepEqual(storageReport?.retained.map((r) => r.logicalId), ["Archive"])
  assert.match(formatRemoveResult(second, 0), /kept Archive \(AWS::S3::Bucket\) rm-app-archive: DeletionPolicy Retain/)
})

test("the bootstrap stack is upgraded when its version is older than ours, and left alone otherwise", async () => {
  const local = await startLocalAws({ delayMs: 1 })
  try {
    const clients = local.clients()
    const ctx: EngineContext = { cloudFormation: clients.cloudFormation, report: () => {}, pollMs: 5, wait: false, express: false, rollback: true }
    const old = bootstrapTemplate() as { Outputs: { Version: { Value: string } } }
    old.Outputs.Version.Value = "0"
    const created = await deployStack(ctx, { name: BOOTSTRAP_STACK_NAME, templateBody: JSON.stringify(old), parameters: {}, tags: {}, resourcePaths: {} })
    assert.equal(created.status, "deployed")
    const upgraded = await ensureBootstrap(ctx, { account: "123456789012", region: "us-east-1" })
    assert.deepEqual(upgraded, { bucket: ASSETS_BUCKET, version: 1, action: "upgraded" })
    const before = local.cloudFormation.calls.length
    assert.equal((await ensureBootstrap(ctx, { account: "123456789012", region: "us-east-1" })).action, "present")
    assert.deepEqual(local.cloudFormation.calls.slice(before).map((c) => c.action), ["DescribeStacks"], "one read when it is current")
    await assert.rejects(ensureBootstrap(ctx, { account: "999999999999", region: "us-east-1" }), { code: "BootstrapMismatch" })
  } finally {
    await local.close()
  }
})
