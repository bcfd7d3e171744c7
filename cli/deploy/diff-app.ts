/**
 * `sst diff`: for each stack, what a deploy would change, per resource and property.
 *
 * The property changes come from comparing the deployed template (GetTemplate) with the new
 * one. Whether a change replaces a resource only CloudFormation knows, so for a stack that
 * changes, a change set is created, read and deleted; it also reveals resources that change
 * only through parameter values (a producer's new output). Stacks that do not exist yet are
 * listed as all-new without a change set (a CREATE change set would leave an empty stack
 * behind). Nothing is deployed and nothing is uploaded, except a template over 51,200 bytes,
 * which CloudFormation can only read from the assets bucket.
 * @module
 */
import { readFileSync } from "node:fs"
import { join } from "node:path"
import type { Manifest, ManifestStack } from "../../compiler/manifest.ts"
import type { AwsClients } from "../aws/clients.ts"
import { BOOTSTRAP_STACK_NAME } from "./bootstrap.ts"
import { createChangeSet, deleteChangeSet, waitForChangeSet } from "./change-set.ts"
import { STATEFUL_TYPES, summariseChanges, type ResourceChange } from "./changes.ts"
import { findDifference } from "./compare.ts"
import { DeployError } from "./errors.ts"
import { resolveParameters } from "./parameters.ts"
import { DEFAULT_POLL_MS } from "./poll.ts"
import { selectStacks } from "./select.ts"
import { describeStack, getDeployedTemplate, isUpdatable } from "./stack-state.ts"
import { templateSource } from "./template-source.ts"
import { diffTemplates, type ResourceDiff, type TemplateDiff } from "./template-diff.ts"

export interface StackDiff {
  name: string
  status: "new" | "changed" | "unchanged"
  diff: TemplateDiff
  /** Something the diff could not know, e.g. parameter values that exist only after a deploy. */
  notes: string[]
}

export interface DiffAppResult {
  stacks: StackDiff[]
  /** Some stack would change: `sst diff` exits 1. */
  changed: boolean
}

export interface DiffAppOptions {
  manifest: Manifest
  distDir: string
  clients: AwsClients
  stacks?: string[]
  pollMs?: number
  signal?: AbortSignal
}

export async function diffApp(options: DiffAppOptions): Promise<DiffAppResult> {
  const selected = selectStacks(options.manifest, options.stacks)
  const outputs = new Map<string, Promise<Record<string, string> | undefined>>()
  const outputsOf = (name: string) => {
    if (!outputs.has(name)) outputs.set(name, describeStack(options.clients.cloudFormation, name).then((state) => state?.outputs))
    return outputs.get(name) as Promise<Record<string, string> | undefined>
  }
  const stacks = await Promise.all(selected.map((stack) => diffStack(options, stack, outputsOf)))
  return { stacks, changed: stacks.some((stack) => stack.status !== "unchanged") }
}

async function diffStack(options: DiffAppOptions, stack: ManifestStack, outputsOf: (name: string) => Promise<Record<string, string> | undefined>): Promise<StackDiff> {
  const cloudFormation = options.clients.cloudFormation
  const body = readFileSync(join(options.distDir, stack.templateFile), "utf8")
  const template = JSON.parse(body) as unknown
  const state = await describeStack(cloudFormation, stack.name)
  if (!state || !isUpdatable(state.status)) {
    const notes = state ? [`the stack is in ${state.status}; a deploy creates it anew`] : []
    return { name: stack.name, status: "new", diff: diffTemplates({}, template, stack.resourcePaths), notes }
  }
  const deployedBody = await getDeployedTemplate(cloudFormation, stack.name)
  const deployed = deployedBody ? (JSON.parse(deployedBody) as unknown) : {}
  const local = diffTemplates(deployed, template, stack.resourcePaths)
  const notes: string[] = []
  let parameters: Record<string, string> | undefined
  try {
    const producers = new Map<string, Record<string, string> | undefined>()
    for (const source of Object.values(stack.parameters)) producers.set(source.stack, await outputsOf(source.stack))
    parameters = resolveParameters(stack, template, (name) => producers.get(name))
  } catch (error) {
    if (!(error instanceof DeployError)) throw error
    notes.push(`parameter values from other stacks are known only after they deploy (${error.code}); replacements are not shown`)
  }
  if (parameters && findDifference({ templateBody: body, parameters, tags: stack.tags }, { templateBody: deployedBody, parameters: state.parameters, tags: state.tags }) === undefined) {
    return { name: stack.name, status: "unchanged", diff: { resources: [], outputs: [] }, notes: [] }
  }
  if (parameters) {
    const changes = await changeSetChanges(options, stack, body, parameters, notes)
    if (changes) return { name: stack.name, status: changed(local, changes) ? "changed" : "unchanged", diff: merge(local, changes), notes }
  }
  return { name: stack.name, status: local.resources.length + local.outputs.length > 0 ? "changed" : "unchanged", diff: local, notes }
}

async function changeSetChanges(options: DiffAppOptions, stack: ManifestStack, body: string, parameters: Record<string, string>, notes: string[]): Promise<ResourceChange[] | undefined> {
  const cloudFormation = options.clients.cloudFormation
  let template: { TemplateBody?: string; TemplateURL?: string } = { TemplateBody: body }
  if (stack.uploadTemplate) {
    const bucket = (await describeStack(cloudFormation, BOOTSTRAP_STACK_NAME))?.outputs.BucketName
    if (!bucket) {
      notes.push("the template is over 51,200 bytes and there is no assets bucket to pass it through; replacements are not shown")
      return undefined
    }
    template = await templateSource(stack.name, body, { s3: options.clients.s3, bucket, region: options.clients.region, s3Endpoint: options.clients.s3Endpoint })
  }
  const created = await createChangeSet(cloudFormation, { stackName: stack.name, type: "UPDATE", template, parameters, tags: stack.tags })
  try {
    const outcome = await waitForChangeSet(cloudFormation, created.id, stack.name, options.pollMs ?? DEFAULT_POLL_MS, options.signal)
    if (outcome.kind === "empty") return []
    if (outcome.kind === "failed") {
      notes.push(`CloudFormation refused the change set: ${outcome.reason}`)
      return undefined
    }
    return summariseChanges(outcome.changes, stack.resourcePaths)
  } finally {
    await deleteChangeSet(cloudFormation, created.id)
  }
}

function changed(local: TemplateDiff, changes: ResourceChange[]): boolean {
  return changes.length > 0 || local.resources.length > 0 || local.outputs.length > 0
}

/** The local diff, with replacement facts from the change set and the resources only it saw. */
function merge(local: TemplateDiff, changes: ResourceChange[]): TemplateDiff {
  const byId = new Map(changes.map((change) => [change.logicalId, change]))
  const resources: ResourceDiff[] = local.resources.map((resource) => {
    const change = byId.get(resource.logicalId)
    if (!change) return resource
    const replaced = change.replacement === "True" || change.replacement === "Conditional"
    return {
      ...resource,
      ...(change.replacement ? { replacement: change.replacement } : {}),
      destroysData: resource.destroysData || (replaced && STATEFUL_TYPES.has(resource.resourceType) && !change.retained),
      properties: resource.properties.map((property) => {
        const name = property.name.startsWith("Properties.") ? property.name.slice("Properties.".length) : undefined
        const detail = name ? change.properties.find((p) => p.name === name && p.requiresRecreation !== "Never") ?? change.properties.find((p) => p.name === name) : undefined
        return detail?.requiresRecreation ? { ...property, requiresRecreation: detail.requiresRecreation } : property
      }),
    }
  })
  for (const change of changes) {
    if (local.resources.some((resource) => resource.logicalId === change.logicalId)) continue
    if (change.action !== "Add" && change.action !== "Modify" && change.action !== "Remove") continue
    resources.push({
      logicalId: change.logicalId,
      resourceType: change.resourceType,
      action: change.action,
      ...(change.replacement ? { replacement: change.replacement } : {}),
      destroysData: change.destroysData,
      ...(change.path ? { path: change.path } : {}),
      properties: change.properties.map((p) => ({ name: `Properties.${p.name}`, ...(p.requiresRecreation ? { requiresRecreation: p.requiresRecreation } : {}) })),
    })
  }
  return { resources, outputs: local.outputs }
}
