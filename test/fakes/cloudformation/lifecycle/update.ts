// Updating a stack from an UPDATE change set: UPDATE_IN_PROGRESS, added and modified resources
// in dependency order, outputs (an export another stack imports may not change), then
// UPDATE_COMPLETE_CLEANUP_IN_PROGRESS, where removed resources and the old halves of
// replacements are deleted, and UPDATE_COMPLETE. A failure rolls the update back
// (rollback.ts); with rollback disabled the stack stops in UPDATE_FAILED.

import { CfnError } from "../errors.ts"
import { exportConflict, exportInUse } from "../exports.ts"
import { creationWaves } from "../references.ts"
import { effectiveResources } from "../scopes.ts"
import type { ChangeSet, PendingRollback, ResourceState, Snapshot } from "../state.ts"
import { failedResources } from "./operation.ts"
import type { Operation } from "./operation.ts"
import { evaluateOutputs, importedNames, missingImport } from "./outputs.ts"
import { applyWaves, deletePhysical, deleteWaves } from "./resources.ts"
import type { ApplyOutcome, Step } from "./resources.ts"
import { rollBackUpdate } from "./rollback.ts"

export async function runUpdate(op: Operation, changeSet: ChangeSet, disableRollback: boolean): Promise<boolean> {
  const { stack, ctx } = op
  const previous = snapshot(op)
  const deployment = changeSet.deployment
  stack.deployment = deployment
  stack.lastUpdatedTime = ctx.store.clock.now()
  op.stackEvent("UPDATE_IN_PROGRESS", "User Initiated")
  await op.tick()

  const evaluator = op.evaluator(deployment)
  const pending = (outcome?: ApplyOutcome): PendingRollback => rollbackPlan(changeSet, previous, outcome)
  let imports: string[]
  let waves: string[][]
  try {
    imports = importedNames(evaluator)
    const missing = missingImport(ctx.store, imports)
    if (missing) return fail(op, pending(), missing, disableRollback)
    waves = creationWaves(deployment.template, effectiveResources(evaluator))
  } catch (error) {
    if (error instanceof CfnError) return fail(op, pending(), error.message, disableRollback)
    throw error
  }
  stack.imports = [...new Set([...previous.imports, ...imports])]

  const outcome = await applyWaves(op, deployment, steps(changeSet, waves))
  if (!outcome.ok) {
    const creates = outcome.started.filter((s) => s.kind === "create" && outcome.failed.includes(s.logicalId)).map((s) => s.logicalId)
    const updates = outcome.failed.filter((id) => !creates.includes(id))
    const cause = [creates.length ? failedResources("create", creates) : "", updates.length ? failedResources("update", updates) : ""]
    return fail(op, pending(outcome), cause.filter(Boolean).join(" "), disableRollback)
  }
  try {
    const outputs = evaluateOutputs(evaluator)
    const issue = exportInUse(ctx.store, stack, previous.outputs, outputs) ?? exportConflict(ctx.store, stack, outputs)
    if (issue) return fail(op, pending(outcome), issue, disableRollback)
    stack.outputs = outputs
  } catch (error) {
    if (error instanceof CfnError) return fail(op, pending(outcome), error.message, disableRollback)
    throw error
  }
  stack.imports = imports
  op.stackEvent("UPDATE_COMPLETE_CLEANUP_IN_PROGRESS")
  await op.tick()
  await cleanUp(op, changeSet, previous, outcome)
  op.stackEvent("UPDATE_COMPLETE")
  return true
}

function steps(changeSet: ChangeSet, waves: string[][]): Step[][] {
  const changes = new Map(changeSet.changes.map((change) => [change.logicalId, change]))
  return waves
    .map((wave) =>
      wave.flatMap((logicalId): Step[] => {
        const change = changes.get(logicalId)
        if (!change || change.action === "Remove") return []
        const kind = change.action === "Add" ? "create" : change.replacement === "True" ? "replace" : "update"
        return [{ logicalId, kind }]
      }),
    )
    .filter((wave) => wave.length > 0)
}

async function cleanUp(op: Operation, changeSet: ChangeSet, previous: Snapshot, outcome: ApplyOutcome): Promise<void> {
  const template = previous.deployment.template
  const removed = changeSet.changes.filter((change) => change.action === "Remove").map((change) => change.logicalId)
  await deleteWaves(op, creationWaves(template, removed).reverse(), {
    retained: (logicalId) => template.Resources[logicalId]?.DeletionPolicy === "Retain",
    stopOnFailure: false,
  })
  const replaced = outcome.replaced.map(({ logicalId, oldPhysicalId }) => ({ logicalId, physicalId: oldPhysicalId }))
  const kept = replaced.filter(({ logicalId }) => op.stack.deployment!.template.Resources[logicalId]?.UpdateReplacePolicy === "Retain")
  for (const { logicalId, physicalId } of kept) {
    op.resourceEvent(op.stack.resources.get(logicalId)!, "DELETE_SKIPPED", undefined, physicalId)
  }
  await deletePhysical(op, replaced.filter((target) => !kept.includes(target)))
}

async function fail(op: Operation, pending: PendingRollback, cause: string, disableRollback: boolean): Promise<false> {
  if (disableRollback) {
    op.stackEvent("UPDATE_FAILED", cause)
    return false
  }
  return rollBackUpdate(op, pending, cause)
}

function snapshot(op: Operation): Snapshot {
  const { stack } = op
  const resources = new Map<string, ResourceState>()
  for (const [logicalId, resource] of stack.resources) resources.set(logicalId, { ...resource })
  return { deployment: stack.deployment!, resources, outputs: [...stack.outputs], imports: [...stack.imports] }
}

function rollbackPlan(changeSet: ChangeSet, previous: Snapshot, outcome: ApplyOutcome | undefined): PendingRollback {
  const started = outcome?.started ?? []
  return {
    changeSetId: changeSet.id,
    previous,
    restore: started.filter((step) => step.kind !== "create").map((step) => step.logicalId),
    created: started.filter((step) => step.kind === "create").map((step) => step.logicalId),
    replaced: (outcome?.replaced ?? []).map(({ logicalId, newPhysicalId }) => ({ logicalId, physicalId: newPhysicalId })),
  }
}
