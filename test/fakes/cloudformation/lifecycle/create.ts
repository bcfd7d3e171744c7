// Creating a stack from a CREATE change set: CREATE_IN_PROGRESS, the resources in dependency
// order, outputs, CREATE_COMPLETE. On a failure the stack rolls back (ROLLBACK_IN_PROGRESS,
// every started resource deleted in reverse order, ROLLBACK_COMPLETE) and can then only be
// deleted; with rollback disabled it stops in CREATE_FAILED with its resources kept.

import { CfnError } from "../errors.ts"
import { exportConflict } from "../exports.ts"
import { creationWaves } from "../references.ts"
import { effectiveResources } from "../scopes.ts"
import type { ChangeSet } from "../state.ts"
import { failedResources } from "./operation.ts"
import type { Operation } from "./operation.ts"
import { evaluateOutputs, importedNames, missingImport } from "./outputs.ts"
import { applyWaves, deleteWaves } from "./resources.ts"

export async function runCreate(op: Operation, changeSet: ChangeSet, disableRollback: boolean): Promise<boolean> {
  const { stack, ctx } = op
  const deployment = changeSet.deployment
  stack.deployment = deployment
  op.stackEvent("CREATE_IN_PROGRESS", "User Initiated")
  await op.tick()

  const evaluator = op.evaluator(deployment)
  let waves: string[][]
  try {
    const imports = importedNames(evaluator)
    const missing = missingImport(ctx.store, imports)
    if (missing) return failCreate(op, missing, disableRollback)
    stack.imports = imports
    waves = creationWaves(deployment.template, effectiveResources(evaluator))
  } catch (error) {
    if (error instanceof CfnError) return failCreate(op, error.message, disableRollback)
    throw error
  }
  const outcome = await applyWaves(op, deployment, waves.map((wave) => wave.map((logicalId) => ({ logicalId, kind: "create" as const }))))
  if (!outcome.ok) return failCreate(op, failedResources("create", outcome.failed), disableRollback)

  try {
    const outputs = evaluateOutputs(evaluator)
    const conflict = exportConflict(ctx.store, stack, outputs)
    if (conflict) return failCreate(op, `${conflict}.`, disableRollback)
    stack.outputs = outputs
  } catch (error) {
    if (error instanceof CfnError) return failCreate(op, error.message, disableRollback)
    throw error
  }
  op.stackEvent("CREATE_COMPLETE")
  return true
}

async function failCreate(op: Operation, cause: string, disableRollback: boolean): Promise<false> {
  const { stack } = op
  if (disableRollback) {
    op.stackEvent("CREATE_FAILED", cause)
    return false
  }
  op.stackEvent("ROLLBACK_IN_PROGRESS", `${cause} Rollback requested by user.`)
  await op.tick()
  const template = stack.deployment!.template
  const started = [...stack.resources.keys()]
  const waves = creationWaves(template, started).reverse()
  // A Retain policy applies on rollback too; RetainExceptOnCreate is for exactly this case.
  const failed = await deleteWaves(op, waves, {
    retained: (logicalId) => template.Resources[logicalId]?.DeletionPolicy === "Retain",
    stopOnFailure: true,
  })
  stack.imports = []
  if (failed.length > 0) {
    op.stackEvent("ROLLBACK_FAILED", failedResources("delete", failed))
    return false
  }
  op.stackEvent("ROLLBACK_COMPLETE")
  return false
}
