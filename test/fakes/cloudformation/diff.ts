// Computes the Changes of a change set: resources added, modified or removed between the
// stack's configuration and the proposed one. Properties are compared after parameters and
// conditions are applied, so a parameter change shows as the resources it touches. Replacement
// follows the resource specification: a changed property that always replaces gives "True",
// one that sometimes does "Conditional". Resources that refer to a replaced resource are
// modified too (their reference changes once the new resource exists), as CloudFormation reports.

import { validationError } from "./errors.ts"
import type { Evaluator } from "./intrinsics.ts"
import { resourceReferences } from "./references.ts"
import type { ResourceSpec } from "./resource-spec.ts"
import { effectiveResources, staticEvaluator } from "./scopes.ts"
import type { ChangeDetail, Deployment, ResourceChange, ResourceState, Tag } from "./state.ts"
import { isObject, jsonEqual } from "./template.ts"

export interface DiffInput {
  stackName: string
  stackId: string
  spec: ResourceSpec
  previous: Deployment | undefined
  next: Deployment
  resources: ReadonlyMap<string, ResourceState>
}

/** True when CloudFormation would answer "The submitted information didn't contain changes". */
export function isUnchanged(previous: Deployment | undefined, next: Deployment): boolean {
  if (!previous) return false
  const values = (d: Deployment) => Object.fromEntries(d.parameters.map((p) => [p.key, p.value]))
  return (
    jsonEqual(previous.template, next.template) &&
    jsonEqual(values(previous), values(next)) &&
    jsonEqual(tagMap(previous.tags), tagMap(next.tags))
  )
}

export function computeChanges(input: DiffInput): ResourceChange[] {
  const { stackName, stackId, spec, previous, next } = input
  const nextEval = staticEvaluator(stackName, stackId, next, spec)
  const nextIds = effectiveResources(nextEval)
  const prevEval = previous ? staticEvaluator(stackName, stackId, previous, spec) : undefined
  // Only resources that exist count: after a create that failed with rollback disabled, those
  // that never started are still to be added.
  const prevIds = prevEval ? effectiveResources(prevEval).filter((id) => input.resources.has(id)) : []
  const tagsChanged = previous !== undefined && !jsonEqual(tagMap(previous.tags), tagMap(next.tags))

  const changes: ResourceChange[] = []
  for (const logicalId of nextIds) {
    const type = next.template.Resources[logicalId]!.Type
    if (!prevIds.includes(logicalId)) {
      changes.push({ action: "Add", logicalId, type, scope: [], details: [] })
      continue
    }
    const change = modification(input, logicalId, prevEval!, nextEval, tagsChanged)
    if (change) changes.push(change)
  }
  addDependentsOfReplacements(input, changes, nextIds.filter((id) => prevIds.includes(id)))
  for (const logicalId of prevIds.filter((id) => !nextIds.includes(id))) {
    const definition = previous!.template.Resources[logicalId]!
    changes.push({
      action: "Remove",
      logicalId,
      type: definition.Type,
      ...physicalIdOf(input, logicalId),
      policyAction: definition.DeletionPolicy === "Retain" ? "Retain" : "Delete",
      scope: [],
      details: [],
    })
  }
  return changes
}

function modification(
  input: DiffInput,
  logicalId: string,
  prevEval: Evaluator,
  nextEval: Evaluator,
  tagsChanged: boolean,
): ResourceChange | undefined {
  const before = input.previous!.template.Resources[logicalId]!
  const after = input.next.template.Resources[logicalId]!
  if (before.Type !== after.Type) {
    throw validationError(
      `Update of resource type is not permitted. The new template modifies resource type of the following resources: [${logicalId}]`,
    )
  }
  const info = input.spec.info(after.Type)
  const oldProps = asObject(prevEval.evaluate(before.Properties ?? {}))
  const newProps = asObject(nextEval.evaluate(after.Properties ?? {}))
  const names = [...new Set([...Object.keys(oldProps), ...Object.keys(newProps)])]
  const changed = names.filter((name) => !jsonEqual(oldProps[name], newProps[name]))
  const details: ChangeDetail[] = changed.map((name) => {
    const direct = !jsonEqual(before.Properties?.[name], after.Properties?.[name])
    return {
      Target: { Attribute: "Properties", Name: name, RequiresRecreation: recreation(info.replacement.get(name)) },
      Evaluation: "Static",
      ChangeSource: direct ? "DirectModification" : "ParameterReference",
    }
  })
  const scope = changed.length > 0 ? ["Properties"] : []
  if (tagsChanged && info.taggable) {
    scope.push("Tags")
    details.push({ Target: { Attribute: "Tags", RequiresRecreation: "Never" }, Evaluation: "Static", ChangeSource: "DirectModification" })
  }
  if (!jsonEqual(before.Metadata, after.Metadata)) {
    scope.push("Metadata")
    details.push({ Target: { Attribute: "Metadata", RequiresRecreation: "Never" }, Evaluation: "Static", ChangeSource: "DirectModification" })
  }
  if (details.length === 0) return undefined
  const levels = changed.map((name) => info.replacement.get(name))
  const replacement = levels.includes("yes") ? "True" : levels.includes("maybe") ? "Conditional" : "False"
  return { action: "Modify", logicalId, type: after.Type, ...physicalIdOf(input, logicalId), replacement, scope, details }
}

function addDependentsOfReplacements(input: DiffInput, changes: ResourceChange[], kept: string[]): void {
  const template = input.next.template
  let grew = true
  while (grew) {
    grew = false
    const replaced = new Set(changes.filter((c) => c.replacement === "True" || c.replacement === "Conditional").map((c) => c.logicalId))
    for (const logicalId of kept) {
      if (changes.some((c) => c.logicalId === logicalId)) continue
      const definition = template.Resources[logicalId]!
      const info = input.spec.info(definition.Type)
      const details: ChangeDetail[] = []
      let replacement: ResourceChange["replacement"] = "False"
      for (const [name, value] of Object.entries(definition.Properties ?? {})) {
        const causes = [...resourceReferences(value, template)].filter((id) => replaced.has(id))
        if (causes.length === 0) continue
        const level = info.replacement.get(name)
        if (level) replacement = "Conditional"
        for (const cause of causes) {
          details.push({
            Target: { Attribute: "Properties", Name: name, RequiresRecreation: recreation(level) },
            Evaluation: "Dynamic",
            ChangeSource: "ResourceReference",
            CausingEntity: cause,
          })
        }
      }
      if (details.length === 0) continue
      changes.push({ action: "Modify", logicalId, type: definition.Type, ...physicalIdOf(input, logicalId), replacement, scope: ["Properties"], details })
      grew = true
    }
  }
}

function recreation(level: "yes" | "maybe" | undefined): string {
  return level === "yes" ? "Always" : level === "maybe" ? "Conditionally" : "Never"
}

function physicalIdOf(input: DiffInput, logicalId: string): { physicalId?: string } {
  const physicalId = input.resources.get(logicalId)?.physicalId
  return physicalId === undefined ? {} : { physicalId }
}

function asObject(value: unknown): Record<string, unknown> {
  return isObject(value) ? value : {}
}

function tagMap(tags: Tag[]): Record<string, string> {
  return Object.fromEntries(tags.map((tag) => [tag.Key, tag.Value]))
}
