/**
 * `sst remove`: the stage's stacks deleted in reverse dependency order (a stack goes once the
 * stacks that use its values are gone), independent ones in parallel, under the stage lock.
 * Buckets the app marked removable are emptied first. At the end it says what could not be
 * deleted and why, and what CloudFormation kept on purpose (resources with DeletionPolicy
 * Retain, such as a production table).
 * @module
 */
import { DescribeStackResourcesCommand, type CloudFormationClient } from "@aws-sdk/client-cloudformation"
import type { Manifest, ManifestStack } from "../../compiler/manifest.ts"
import type { AwsClients } from "../aws/clients.ts"
import { getCallerIdentity } from "../aws/identity.ts"
import { BOOTSTRAP_STACK_NAME } from "./bootstrap.ts"
import { createEngineContext, deleteStack, type EngineContext } from "./engine.ts"
import { emptyBucket } from "./empty-bucket.ts"
import { callAws, DeployError } from "./errors.ts"
import type { Reporter } from "./events.ts"
import { failureFromError, failureFromEvents, type StackFailure } from "./failure.ts"
import { acquireStageLock, type StageLock } from "./lock.ts"
import { writeOutputs } from "./outputs.ts"
import { sleep } from "./poll.ts"
import { runScheduled } from "./schedule.ts"
import { selectStacks } from "./select.ts"
import { describeStack, isBusy } from "./stack-state.ts"
import { DEFAULT_CONCURRENCY } from "./deploy-app.ts"

export interface RemoveAppOptions {
  manifest: Manifest
  root: string
  clients: AwsClients
  report: Reporter
  stacks?: string[]
  concurrency?: number
  roleArn?: string
  wait?: boolean
  forceUnlock?: boolean
  pollMs?: number
  signal?: AbortSignal
}

export interface RetainedResource {
  logicalId: string
  resourceType: string
  physicalId?: string
}

export interface RemoveReport {
  name: string
  status: "removed" | "missing" | "failed" | "skipped"
  failure?: StackFailure
  blockedBy?: string
  /** Resources CloudFormation kept (DELETE_SKIPPED: DeletionPolicy Retain). */
  retained: RetainedResource[]
  /** Objects deleted from removable buckets. */
  emptied: number
}

export interface RemoveAppResult {
  ok: boolean
  stacks: RemoveReport[]
}

export async function removeApp(options: RemoveAppOptions): Promise<RemoveAppResult> {
  const { manifest, clients, report } = options
  const selected = selectStacks(manifest, options.stacks)
  report({ type: "step", message: `Removing ${selected.length} ${selected.length === 1 ? "stack" : "stacks"} of ${manifest.app} from stage ${manifest.stage} in ${manifest.region}` })
  const identity = await callAws("reading the caller's identity (STS GetCallerIdentity)", () => getCallerIdentity(clients.sts))
  const engine = createEngineContext(clients.cloudFormation, options, { express: false, rollback: true })
  const lock = await lockIfBootstrapped(options, engine, identity.arn)
  try {
    await refuseWhileUsed(engine.cloudFormation, manifest, selected)
    const byName = new Map(selected.map((stack) => [stack.name, stack]))
    const dependants = (name: string) => selected.filter((stack) => stack.dependencies.includes(name)).map((stack) => stack.name)
    for (const stack of selected) report({ type: "stack", stack: stack.name, phase: "waiting" })
    const results = await runScheduled<RemoveReport>(
      [...selected].reverse().map((stack) => ({ name: stack.name, after: dependants(stack.name) })),
      options.concurrency ?? DEFAULT_CONCURRENCY,
      async (name) => {
        const result = await removeOne(options, engine, byName.get(name) as ManifestStack)
        return { ok: result.status === "removed" || result.status === "missing", value: result }
      },
      options.signal,
    )
    const stacks = results.map((result): RemoveReport => {
      if (result.status !== "skipped") return result.value
      report({ type: "stack", stack: result.name, phase: "skipped", detail: `${result.blockedBy} could not be removed` })
      return { name: result.name, status: "skipped", blockedBy: result.blockedBy, retained: [], emptied: 0 }
    })
    const gone = stacks.filter((s) => s.status === "removed" || s.status === "missing").map((s) => s.name)
    writeOutputs(options.root, {}, undefined, gone)
    return { ok: stacks.every((s) => s.status === "removed" || s.status === "missing"), stacks }
  } finally {
    await lock?.release()
  }
}

/** The lock lives in the bootstrap bucket; without a bootstrap stack nothing of ours was deployed here. */
async function lockIfBootstrapped(options: RemoveAppOptions, engine: EngineContext, identity: string): Promise<StageLock | undefined> {
  const bootstrap = await describeStack(engine.cloudFormation, BOOTSTRAP_STACK_NAME)
  const bucket = bootstrap?.outputs.BucketName
  if (!bucket) {
    options.report({ type: "notice", level: "info", message: `No ${BOOTSTRAP_STACK_NAME} stack in ${options.clients.region}: removing without a stage lock.` })
    return undefined
  }
  const lock = await acquireStageLock({ s3: options.clients.s3, bucket, app: options.manifest.app, stage: options.manifest.stage, identity, command: "sst remove", force: options.forceUnlock ?? false })
  if (lock.broken) options.report({ type: "notice", level: "warning", message: `Broke the lock of ${lock.broken.command} by ${lock.broken.identity} on ${lock.broken.host}, started ${lock.broken.startedAt} (--force-unlock)` })
  return lock
}

/** Removing some stacks while stacks that read their values stay deployed would break those. */
async function refuseWhileUsed(cloudFormation: CloudFormationClient, manifest: Manifest, selected: ManifestStack[]): Promise<void> {
  const chosen = new Set(selected.map((stack) => stack.name))
  for (const stack of manifest.stacks) {
    if (chosen.has(stack.name)) continue
    const used = stack.dependencies.filter((name) => chosen.has(name))
    if (used.length === 0) continue
    if (await describeStack(cloudFormation, stack.name)) {
      throw new DeployError("StackInUse", `Stack ${stack.name} uses values of ${used.join(", ")} and stays deployed.`, `remove ${stack.name} too (sst remove ${[stack.id, ...selected.map((s) => s.id)].join(" ")}), or remove the whole stage (sst remove).`)
    }
  }
}

async function removeOne(options: RemoveAppOptions, engine: EngineContext, stack: ManifestStack): Promise<RemoveReport> {
  const report: RemoveReport = { name: stack.name, status: "removed", retained: [], emptied: 0 }
  try {
    engine.report({ type: "stack", stack: stack.name, phase: "checking" })
    let state = await describeStack(engine.cloudFormation, stack.name)
    if (state && isBusy(state.status)) {
      if (!engine.wait) throw new DeployError("StackBusy", `Stack ${stack.name} is in ${state.status}: another operation is running on it.`, "wait until it ends, or run again with --wait.")
      while (state && isBusy(state.status)) {
        await sleep(engine.pollMs, engine.signal)
        state = await describeStack(engine.cloudFormation, state.stackId)
      }
    }
    if (!state) {
      engine.report({ type: "stack", stack: stack.name, phase: "missing" })
      return { ...report, status: "missing" }
    }
    if (stack.emptyOnRemove && stack.emptyOnRemove.length > 0) report.emptied = await emptyRemovableBuckets(options, stack, state.stackId)
    engine.report({ type: "stack", stack: stack.name, phase: "removing" })
    const result = await deleteStack(engine, state)
    report.retained = result.events
      .filter((event) => event.status === "DELETE_SKIPPED" && !event.isStack)
      .map((event) => ({ logicalId: event.logicalId, resourceType: event.resourceType, ...(event.physicalId ? { physicalId: event.physicalId } : {}) }))
    if (result.status !== "DELETE_COMPLETE") {
      const failure = failureFromEvents(stack.name, "delete", result.status, result.events, stack.resourcePaths)
      engine.report({ type: "stack", stack: stack.name, phase: "failed", detail: failure.summary })
      return { ...report, status: "failed", failure }
    }
    engine.report({ type: "stack", stack: stack.name, phase: "removed" })
    return report
  } catch (error) {
    const failure = failureFromError(stack.name, error)
    if (failure.code === "Interrupted") throw error
    engine.report({ type: "stack", stack: stack.name, phase: "failed", detail: failure.summary })
    return { ...report, status: "failed", failure }
  }
}

async function emptyRemovableBuckets(options: RemoveAppOptions, stack: ManifestStack, stackId: string): Promise<number> {
  let emptied = 0
  for (const logicalId of stack.emptyOnRemove ?? []) {
    // Filtered by logical ID: exact, and free of DescribeStackResources' cap of 100 resources.
    const answer = await callAws(`reading resource ${logicalId} of ${stack.name}`, () =>
      options.clients.cloudFormation.send(new DescribeStackResourcesCommand({ StackName: stackId, LogicalResourceId: logicalId })),
    )
    const resource = answer.StackResources?.find((r) => r.LogicalResourceId === logicalId)
    if (!resource?.PhysicalResourceId || resource.ResourceType !== "AWS::S3::Bucket") continue
    const count = await emptyBucket(options.clients.s3, resource.PhysicalResourceId)
    if (count > 0) options.report({ type: "notice", stack: stack.name, level: "info", message: `emptied bucket ${resource.PhysicalResourceId} (${count} ${count === 1 ? "object" : "objects"})` })
    emptied += count
  }
  return emptied
}
