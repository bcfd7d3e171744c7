// Deleting a stack: DELETE_IN_PROGRESS, resources in reverse dependency order (Retain and
// RetainResources are skipped, DELETE_SKIPPED), DELETE_COMPLETE. A resource that fails to
// delete (a bucket that is not empty) stops the delete in DELETE_FAILED; so does an export
// another stack still imports.

import { exportBlockingDelete } from "../exports.ts"
import { creationWaves } from "../references.ts"
import { failedResources } from "./operation.ts"
import type { Operation } from "./operation.ts"
import { deleteWaves } from "./resources.ts"

export async function runDelete(op: Operation, retainResources: string[]): Promise<void> {
  const { stack, ctx } = op
  op.stackEvent("DELETE_IN_PROGRESS", "User Initiated")
  await op.tick()
  const blocked = exportBlockingDelete(ctx.store, stack)
  if (blocked) {
    op.stackEvent("DELETE_FAILED", blocked)
    return
  }
  const template = stack.deployment?.template
  const present = [...stack.resources.keys()]
  const ordered = template ? present.filter((id) => template.Resources[id]) : []
  const strays = present.filter((id) => !ordered.includes(id))
  const waves = [...(template ? creationWaves(template, ordered).reverse() : []), ...strays.map((id) => [id])]
  const failed = await deleteWaves(op, waves, {
    retained: (id) => retainResources.includes(id) || template?.Resources[id]?.DeletionPolicy === "Retain",
    stopOnFailure: true,
  })
  if (failed.length > 0) {
    op.stackEvent("DELETE_FAILED", failedResources("delete", failed))
    return
  }
  stack.outputs = []
  stack.imports = []
  stack.deletionTime = ctx.store.clock.now()
  for (const changeSet of ctx.store.changeSetsOf(stack)) changeSet.deleted = true
  op.stackEvent("DELETE_COMPLETE")
}
