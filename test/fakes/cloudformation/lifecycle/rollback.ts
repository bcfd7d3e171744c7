// Rolling a failed update back: UPDATE_ROLLBACK_IN_PROGRESS, each changed resource restored
// (in the previous template's order), UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS, where the
// resources the update created are deleted, and UPDATE_ROLLBACK_COMPLETE with the previous
// template, parameters and outputs back in force. When a resource cannot be restored the stack
// stops in UPDATE_ROLLBACK_FAILED; ContinueUpdateRollback resumes, skipping the resources it is
// told to (which CloudFormation then marks UPDATE_COMPLETE, per the API reference).

import { creationWaves } from "../references.ts"
import type { PendingRollback } from "../state.ts"
import { failedResources } from "./operation.ts"
import type { Operation } from "./operation.ts"
import { deletePhysical, deleteWaves } from "./resources.ts"

export async function rollBackUpdate(op: Operation, pending: PendingRollback, cause: string): Promise<false> {
  op.stackEvent("UPDATE_ROLLBACK_IN_PROGRESS", cause)
  op.stack.deployment = pending.previous.deployment
  op.stack.rollback = pending
  return continueRollback(op, [])
}

/** Resumes a rollback; the caller has set the stack's status to UPDATE_ROLLBACK_IN_PROGRESS. */
export async function continueRollback(op: Operation, skip: string[]): Promise<false> {
  const { stack } = op
  const pending = stack.rollback
  if (!pending) throw new Error(`internal: ${stack.stackName} has no rollback to continue`)
  await op.tick()
  const template = pending.previous.deployment.template
  const order = creationWaves(template, pending.restore.filter((id) => template.Resources[id])).flat()
  for (const logicalId of order) {
    const resource = stack.resources.get(logicalId)!
    const before = pending.previous.resources.get(logicalId)!
    if (!skip.includes(logicalId)) {
      op.resourceEvent(resource, "UPDATE_IN_PROGRESS")
      await op.settle()
      const reason = op.ctx.faults.rollbackFailure(stack.stackName, logicalId)
      if (reason !== undefined) {
        op.resourceEvent(resource, "UPDATE_FAILED", reason)
        op.stackEvent("UPDATE_ROLLBACK_FAILED", failedResources("update", [logicalId]))
        return false
      }
    }
    resource.type = before.type
    resource.generation = before.generation
    resource.physicalId = before.physicalId
    resource.physicalName = before.physicalName
    op.resourceEvent(resource, "UPDATE_COMPLETE")
    pending.restore = pending.restore.filter((id) => id !== logicalId)
  }
  op.stackEvent("UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS")
  await op.tick()
  await deletePhysical(op, pending.replaced)
  await deleteWaves(op, [...pending.created].reverse().map((id) => [id]), { retained: () => false, stopOnFailure: false })
  stack.outputs = pending.previous.outputs
  stack.imports = pending.previous.imports
  stack.rollback = undefined
  op.stackEvent("UPDATE_ROLLBACK_COMPLETE")
  return false
}
