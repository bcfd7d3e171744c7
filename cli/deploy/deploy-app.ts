/**
 * `sst deploy` once the app is built: who am I → bootstrap stack → stage lock → stacks in
 * dependency order (independent ones in parallel), each skipped when unchanged, else applied by
 * change set → outputs. A stack's assets are uploaded just before its change set, so a redeploy
 * without changes touches neither the bucket's assets nor any change set.
 * @module
 */
import { readFileSync } from "node:fs"
import { join } from "node:path"
import type { Manifest, ManifestStack } from "../../compiler/manifest.ts"
import type { AwsClients } from "../aws/clients.ts"
import { getCallerIdentity } from "../aws/identity.ts"
import { createAssetPublisher, type AssetPublisher, type PublishResult } from "./assets.ts"
import { ensureBootstrap, type BootstrapInfo } from "./bootstrap.ts"
import { deploySites, type SiteReport } from "./deploy-sites.ts"
import { readDeployedRecord, templateHash, writeDeployedRecord, type DeployedRecord } from "./deployed-record.ts"
import { deployStack } from "./deploy-stack.ts"
import { createEngineContext, type EngineContext, type StackOutcome } from "./engine.ts"
import { callAws } from "./errors.ts"
import type { Reporter } from "./events.ts"
import { failureFromError, type StackFailure } from "./failure.ts"
import { acquireStageLock } from "./lock.ts"
import { userOutputs, writeOutputs, type StackOutputs } from "./outputs.ts"
import { resolveParameters } from "./parameters.ts"
import { runScheduled } from "./schedule.ts"
import { selectStacks } from "./select.ts"
import { describeStack } from "./stack-state.ts"

export const DEFAULT_CONCURRENCY = 8

export interface DeployAppOptions {
  manifest: Manifest
  /** Absolute path of .sst/dist (templates). */
  distDir: string
  /** App root (asset files are relative to it; .sst/outputs.json goes under it). */
  root: string
  clients: AwsClients
  report: Reporter
  /** Stack names or ids to deploy; all when empty. */
  stacks?: string[]
  concurrency?: number
  express?: boolean
  /** @default true */
  rollback?: boolean
  roleArn?: string
  wait?: boolean
  forceUnlock?: boolean
  outputsFile?: string
  pollMs?: number
  signal?: AbortSignal
  multipartThreshold?: number
}

export interface StackReport {
  name: string
  status: "deployed" | "unchanged" | "failed" | "skipped"
  /** The user's outputs. */
  outputs?: Record<string, string>
  failure?: StackFailure
  /** For a skipped stack: the failed stack that blocked it. */
  blockedBy?: string
}

export interface DeployAppResult {
  ok: boolean
  stacks: StackReport[]
  outputs: StackOutputs
  assets: PublishResult
  bootstrap: BootstrapInfo
  outputsFiles: string[]
  /** The sites uploaded after their stacks. */
  sites: SiteReport[]
  /** Deployed in express mode: resources may still be becoming ready. */
  express: boolean
}

export async function deployApp(options: DeployAppOptions): Promise<DeployAppResult> {
  const { manifest, clients, report } = options
  const selected = selectStacks(manifest, options.stacks)
  report({ type: "step", message: `Deploying ${selected.length} ${selected.length === 1 ? "stack" : "stacks"} of ${manifest.app} to stage ${manifest.stage} in ${manifest.region}` })
  const identity = await callAws("reading the caller's identity (STS GetCallerIdentity)", () => getCallerIdentity(clients.sts))
  const engine = createEngineContext(clients.cloudFormation, options, { express: options.express ?? false, rollback: options.rollback ?? true })
  const bootstrap = await ensureBootstrap(engine, { account: identity.account, region: clients.region })
  const lock = await acquireStageLock({ s3: clients.s3, bucket: bootstrap.bucket, app: manifest.app, stage: manifest.stage, identity: identity.arn, command: "sst deploy", force: options.forceUnlock ?? false })
  if (lock.broken) report({ type: "notice", level: "warning", message: `Broke the lock of ${lock.broken.command} by ${lock.broken.identity} on ${lock.broken.host}, started ${lock.broken.startedAt} (--force-unlock)` })
  try {
    const publisher = createAssetPublisher({
      s3: clients.s3,
      bucket: bootstrap.bucket,
      root: options.root,
      assets: manifest.assets,
      report,
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.multipartThreshold ? { multipartThreshold: options.multipartThreshold } : {}),
    })
    const stackEngine: EngineContext = {
      ...engine,
      templateBucket: { s3: clients.s3, bucket: bootstrap.bucket, region: clients.region, s3Endpoint: clients.s3Endpoint },
    }
    const { stacks, allOutputs } = await deployStacks(options, stackEngine, selected, publisher)
    const sites = await deploySites({
      manifest,
      root: options.root,
      s3: clients.s3,
      cloudFront: clients.cloudFront,
      outputs: allOutputs,
      readyStacks: new Set(stacks.filter((s) => s.status === "deployed" || s.status === "unchanged").map((s) => s.name)),
      selectedStacks: new Set(selected.map((s) => s.name)),
      report,
      ...(options.signal ? { signal: options.signal } : {}),
    })
    const assets = publisher.result()
    const outputs: StackOutputs = {}
    for (const stack of stacks) if (stack.outputs) outputs[stack.name] = stack.outputs
    const outputsFiles = writeOutputs(options.root, outputs, options.outputsFile)
    const ok = stacks.every((s) => s.status === "deployed" || s.status === "unchanged") && sites.every((s) => s.status !== "failed")
    return { ok, stacks, outputs, assets, bootstrap, outputsFiles, sites, express: engine.express }
  } finally {
    await lock.release()
  }
}

async function deployStacks(options: DeployAppOptions, engine: EngineContext, selected: ManifestStack[], publisher: AssetPublisher): Promise<{ stacks: StackReport[]; allOutputs: Map<string, Record<string, string> | undefined> }> {
  const byName = new Map(selected.map((stack) => [stack.name, stack]))
  const outputs = new Map<string, Record<string, string> | undefined>()
  const record = readDeployedRecord(options.root)
  // Producers outside this deploy (`sst deploy Api`): their values come from what is deployed.
  const loadProducer = async (name: string) => {
    if (!outputs.has(name)) outputs.set(name, (await describeStack(engine.cloudFormation, name))?.outputs)
  }
  for (const stack of selected) engine.report({ type: "stack", stack: stack.name, phase: "waiting" })
  const results = await runScheduled<StackOutcome>(
    selected.map((stack) => ({ name: stack.name, after: stack.dependencies })),
    options.concurrency ?? DEFAULT_CONCURRENCY,
    async (name) => {
      const stack = byName.get(name) as ManifestStack
      // The stack's assets go up just before its change set; unchanged stacks upload nothing.
      const stackEngine: EngineContext = { ...engine, beforeChange: () => publisher.publish(stack.assets) }
      const outcome = await deployOne(options, stackEngine, stack, outputs, loadProducer, record)
      if (outcome.status !== "failed") outputs.set(name, outcome.outputs)
      return { ok: outcome.status !== "failed", value: outcome }
    },
    options.signal,
  )
  writeDeployedRecord(options.root, record)
  const stacks = results.map((result): StackReport => {
    const stack = byName.get(result.name) as ManifestStack
    if (result.status === "skipped") {
      engine.report({ type: "stack", stack: result.name, phase: "skipped", detail: `${result.blockedBy} failed` })
      return { name: result.name, status: "skipped", blockedBy: result.blockedBy }
    }
    const outcome = result.value
    if (outcome.status === "failed") return { name: result.name, status: "failed", failure: outcome.failure }
    return { name: result.name, status: outcome.status, outputs: userOutputs(outcome.outputs, stack.outputs) }
  })
  return { stacks, allOutputs: outputs }
}

async function deployOne(
  options: DeployAppOptions,
  engine: EngineContext,
  stack: ManifestStack,
  outputs: Map<string, Record<string, string> | undefined>,
  loadProducer: (name: string) => Promise<void>,
  record: DeployedRecord,
): Promise<StackOutcome> {
  let templateBody: string
  let parameters: Record<string, string>
  try {
    for (const source of Object.values(stack.parameters)) await loadProducer(source.stack)
    templateBody = readFileSync(join(options.distDir, stack.templateFile), "utf8")
    parameters = resolveParameters(stack, JSON.parse(templateBody), (name) => outputs.get(name))
  } catch (error) {
    const failure = failureFromError(stack.name, error)
    engine.report({ type: "stack", stack: stack.name, phase: "failed", detail: failure.summary })
    return { status: "failed", failure }
  }
  const lastDeployed = record[stack.name]
  const outcome = await deployStack(engine, { name: stack.name, templateBody, parameters, tags: stack.tags, resourcePaths: stack.resourcePaths, ...(lastDeployed ? { lastDeployed } : {}) })
  if (outcome.status === "failed" || !outcome.lastUpdated) delete record[stack.name]
  else record[stack.name] = { templateHash: templateHash(templateBody), lastUpdated: outcome.lastUpdated.toISOString() }
  return outcome
}
