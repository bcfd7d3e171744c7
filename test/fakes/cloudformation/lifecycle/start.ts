// Starts the background part of the stack operations. Each begins synchronously (its first
// stack event is recorded before the API call answers, so a caller that polls at once already
// sees the new *_IN_PROGRESS status, not the previous terminal one) and goes on in the background.

import type { FakeContext } from "../context.ts"
import type { ChangeSet, Stack } from "../state.ts"
import { runCreate } from "./create.ts"
import { runDelete } from "./delete.ts"
import { Operation } from "./operation.ts"
import { continueRollback } from "./rollback.ts"
import { runUpdate } from "./update.ts"

export function startExecution(ctx: FakeContext, stack: Stack, changeSet: ChangeSet, disableRollback: boolean): void {
  changeSet.executionStatus = "EXECUTE_IN_PROGRESS"
  for (const other of ctx.store.changeSetsOf(stack)) {
    if (other !== changeSet) other.executionStatus = "OBSOLETE"
  }
  stack.changeSetId = changeSet.id
  stack.disableRollback = disableRollback
  if (changeSet.deploymentConfig) stack.deploymentConfig = changeSet.deploymentConfig
  const op = new Operation(ctx, stack, changeSet.deploymentConfig?.mode === "EXPRESS")
  ctx.scheduler.run(async () => {
    const run = changeSet.type === "CREATE" ? runCreate : runUpdate
    const ok = await run(op, changeSet, disableRollback)
    changeSet.executionStatus = ok ? "EXECUTE_COMPLETE" : "EXECUTE_FAILED"
  })
}

export function startDelete(ctx: FakeContext, stack: Stack, retainResources: string[], express: boolean): void {
  const op = new Operation(ctx, stack, express)
  ctx.scheduler.run(() => runDelete(op, retainResources))
}

export function startContinueRollback(ctx: FakeContext, stack: Stack, skip: string[]): void {
  const op = new Operation(ctx, stack, stack.deploymentConfig?.mode === "EXPRESS")
  ctx.store.stackEvent(stack, "UPDATE_ROLLBACK_IN_PROGRESS", "User Initiated")
  ctx.scheduler.run(async () => {
    await continueRollback(op, skip)
  })
}
