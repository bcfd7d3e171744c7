/**
 * The difference between a deployed template and a new one, per resource and per property,
 * computed locally. CloudFormation's change set then adds what only it knows: whether a change
 * replaces the resource (see diff-app.ts).
 * @module
 */
import { normaliseJson } from "./compare.ts"
import { STATEFUL_TYPES } from "./changes.ts"

export interface PropertyDiff {
  /** "Properties.MemorySize", "DeletionPolicy", ... */
  name: string
  before?: unknown
  after?: unknown
  /** From the change set: "Always", "Conditionally" or "Never". */
  requiresRecreation?: string
}

export interface ResourceDiff {
  logicalId: string
  resourceType: string
  action: "Add" | "Modify" | "Remove"
  /** From the change set: "True", "False", "Conditional". */
  replacement?: string
  /** Replacing or removing it loses data (a table, a bucket, a database, a user pool). */
  destroysData: boolean
  path?: string
  properties: PropertyDiff[]
}

export interface OutputDiff {
  name: string
  action: "Add" | "Modify" | "Remove"
}

export interface TemplateDiff {
  resources: ResourceDiff[]
  outputs: OutputDiff[]
}

type Resource = { Type?: string; Properties?: Record<string, unknown>; [attribute: string]: unknown }
type TemplateShape = { Resources?: Record<string, Resource>; Outputs?: Record<string, unknown> }

export function diffTemplates(before: unknown, after: unknown, paths: Readonly<Record<string, string>> = {}): TemplateDiff {
  const old = (before ?? {}) as TemplateShape
  const next = (after ?? {}) as TemplateShape
  const oldResources = old.Resources ?? {}
  const newResources = next.Resources ?? {}
  const resources: ResourceDiff[] = []
  for (const [logicalId, resource] of Object.entries(newResources)) {
    const previous = oldResources[logicalId]
    const type = resource.Type ?? "Unknown"
    const path = paths[logicalId] ? { path: paths[logicalId] } : {}
    if (!previous) {
      resources.push({ logicalId, resourceType: type, action: "Add", destroysData: false, ...path, properties: [] })
      continue
    }
    const properties = diffResource(previous, resource)
    if (properties.length > 0) resources.push({ logicalId, resourceType: type, action: "Modify", destroysData: false, ...path, properties })
  }
  for (const [logicalId, resource] of Object.entries(oldResources)) {
    if (newResources[logicalId]) continue
    const type = resource.Type ?? "Unknown"
    const retained = resource.DeletionPolicy === "Retain" || resource.DeletionPolicy === "RetainExceptOnCreate"
    resources.push({ logicalId, resourceType: type, action: "Remove", destroysData: STATEFUL_TYPES.has(type) && !retained, ...(paths[logicalId] ? { path: paths[logicalId] } : {}), properties: [] })
  }
  return { resources, outputs: diffOutputs(old.Outputs ?? {}, next.Outputs ?? {}) }
}

function diffResource(before: Resource, after: Resource): PropertyDiff[] {
  const changes: PropertyDiff[] = []
  const oldProps = before.Properties ?? {}
  const newProps = after.Properties ?? {}
  for (const name of sortedUnion(Object.keys(oldProps), Object.keys(newProps))) {
    if (normaliseJson(oldProps[name]) === normaliseJson(newProps[name])) continue
    changes.push({ name: `Properties.${name}`, ...(name in oldProps ? { before: oldProps[name] } : {}), ...(name in newProps ? { after: newProps[name] } : {}) })
  }
  const attributes = sortedUnion(Object.keys(before), Object.keys(after)).filter((key) => key !== "Properties")
  for (const name of attributes) {
    if (normaliseJson(before[name]) === normaliseJson(after[name])) continue
    changes.push({ name, ...(name in before ? { before: before[name] } : {}), ...(name in after ? { after: after[name] } : {}) })
  }
  return changes
}

function diffOutputs(before: Record<string, unknown>, after: Record<string, unknown>): OutputDiff[] {
  const outputs: OutputDiff[] = []
  for (const name of sortedUnion(Object.keys(before), Object.keys(after))) {
    if (!(name in before)) outputs.push({ name, action: "Add" })
    else if (!(name in after)) outputs.push({ name, action: "Remove" })
    else if (normaliseJson(before[name]) !== normaliseJson(after[name])) outputs.push({ name, action: "Modify" })
  }
  return outputs
}

function sortedUnion(a: string[], b: string[]): string[] {
  return [...new Set([...a, ...b])].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0))
}
