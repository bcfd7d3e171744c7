/**
 * One stack, from whatever state CloudFormation has it in to the template we built:
 *
 *   no stack                                      → CREATE change set
 *   REVIEW_IN_PROGRESS, ROLLBACK_COMPLETE,
 *   ROLLBACK_FAILED, CREATE_FAILED                → delete it, saying so, then CREATE
 *   *_IN_PROGRESS                                 → refuse with the reason, or wait (--wait)
 *   UPDATE_ROLLBACK_FAILED                        → ContinueUpdateRollback, then as below
 *   DELETE_FAILED                                 → explain: finish the removal first
 *   UPDATE_FAILED (no rollback)                   → UPDATE change set (retries the update)
 *   CREATE_COMPLETE, UPDATE_COMPLETE,
 *   UPDATE_ROLLBACK_COMPLETE                      → skip when template, parameters and tags are
 *                                                   unchanged (one DescribeStacks, and
 *                                                   GetTemplate unless deployed-record.ts
 *                                                   vouches for it), else UPDATE change set
 *
 * The change set itself is apply-change-set.ts.
 * @module
 */
import { ContinueUpdateRollbackCommand } from "@aws-sdk/client-cloudformation"
import { applyChangeSet } from "./apply-change-set.ts"
import { findDifference, findStateDifference } from "./compare.ts"
import { templateHash } from "./deployed-record.ts"
import { boundaryBefore, deleteStack, failureOf, follow, StackFailureError, type EngineContext, type StackOutcome, type StackSpec } from "./engine.ts"
import { callAws, DeployError } from "./errors.ts"
import { failureFromEvents } from "./failure.ts"
import { sleep } from "./poll.ts"
import { describeStack, getDeployedTemplate, isBusy, isFailedCreate, isUpdatable, type StackState } from "./stack-state.ts"

/** Deploys one stack; never throws for a failure of the stack itself (it is in the outcome). */
export async function deployStack(ctx: EngineContext, spec: StackSpec, known?: StackState | null): Promise<StackOutcome> {
  try {
    ctx.report({ type: "stack", stack: spec.name, phase: "checking" })
    let state = known === undefined ? await describeStack(ctx.cloudFormation, spec.name) : (known ?? undefined)
    state = await settle(ctx, spec.name, state)
    state = await recover(ctx, spec, state)
    // A stack in UPDATE_FAILED holds half of an update: never skipped, its change set retries it.
    if (state && state.status !== "UPDATE_FAILED" && findStateDifference(spec, state) === undefined) {
      if (isRecordedAsDeployed(spec, state)) return unchanged(ctx, spec, state)
      const deployed = await getDeployedTemplate(ctx.cloudFormation, spec.name)
      const difference = findDifference(spec, { templateBody: deployed, parameters: state.parameters, tags: state.tags })
      if (difference === undefined) return unchanged(ctx, spec, state)
    }
    return await applyChangeSet(ctx, spec, state)
  } catch (error) {
    const failure = failureOf(error, spec.name)
    if (failure.code === "Interrupted") throw error
    ctx.report({ type: "stack", stack: spec.name, phase: "failed", detail: failure.summary })
    return { status: "failed", failure }
  }
}

function unchanged(ctx: EngineContext, spec: StackSpec, state: StackState): StackOutcome {
  ctx.report({ type: "stack", stack: spec.name, phase: "unchanged" })
  return { status: "unchanged", stackId: state.stackId, outputs: state.outputs, ...(state.lastUpdated ? { lastUpdated: state.lastUpdated } : {}) }
}

/** Untouched since this machine deployed this very template (see deployed-record.ts). */
function isRecordedAsDeployed(spec: StackSpec, state: StackState): boolean {
  const record = spec.lastDeployed
  return record !== undefined && state.lastUpdated !== undefined && record.lastUpdated === state.lastUpdated.toISOString() && record.templateHash === templateHash(spec.templateBody)
}

/** A stack busy with another operation: refuse, or with --wait poll until it settles. */
async function settle(ctx: EngineContext, stackName: string, state: StackState | undefined): Promise<StackState | undefined> {
  if (!state || !isBusy(state.status)) return state
  if (!ctx.wait) {
    const since = state.lastUpdated ? ` since ${state.lastUpdated.toISOString()}` : ""
    throw new DeployError(
      "StackBusy",
      `Stack ${stackName} is in ${state.status}${since}: another deploy or remove is running on it, or CloudFormation is still finishing one.`,
      "wait until it ends (the CloudFormation console shows its events), or run again with --wait to wait for it.",
    )
  }
  ctx.report({ type: "notice", stack: stackName, level: "info", message: `is in ${state.status}; waiting for it to end (--wait)` })
  while (state && isBusy(state.status)) {
    await sleep(ctx.pollMs, ctx.signal)
    state = await describeStack(ctx.cloudFormation, state.stackId)
  }
  return state
}

/** Brings a stack that cannot be updated back to one that can, or to none at all. */
async function recover(ctx: EngineContext, spec: StackSpec, state: StackState | undefined): Promise<StackState | undefined> {
  if (!state) return undefined
  if (isFailedCreate(state.status)) {
    const why = state.status === "REVIEW_IN_PROGRESS" ? "holds no resources (a change set for its creation was never executed)" : "was left by a failed first create"
    ctx.report({ type: "notice", stack: spec.name, level: "warning", message: `is in ${state.status}: it ${why}. Deleting it and creating it again.` })
    const deleted = await deleteStack(ctx, state)
    if (deleted.status !== "DELETE_COMPLETE") throw new StackFailureError(failureFromEvents(spec.name, "delete", deleted.status, deleted.events, spec.resourcePaths))
    return undefined
  }
  if (state.status === "UPDATE_ROLLBACK_FAILED") {
    ctx.report({ type: "notice", stack: spec.name, level: "warning", message: "is in UPDATE_ROLLBACK_FAILED: an earlier update could not be rolled back. Continuing the rollback (ContinueUpdateRollback)." })
    const boundary = await boundaryBefore(ctx, state.stackId)
    await callAws(`continuing the rollback of ${spec.name}`, () =>
      ctx.cloudFormation.send(new ContinueUpdateRollbackCommand({ StackName: state.stackId, ...(ctx.roleArn ? { RoleARN: ctx.roleArn } : {}) })),
    )
    const result = await follow(ctx, state, boundary)
    if (result.status !== "UPDATE_ROLLBACK_COMPLETE") throw new StackFailureError(failureFromEvents(spec.name, "rollback", result.status, result.events, spec.resourcePaths))
    ctx.report({ type: "notice", stack: spec.name, level: "info", message: "rollback finished (UPDATE_ROLLBACK_COMPLETE); updating it now" })
    return describeStack(ctx.cloudFormation, state.stackId)
  }
  if (state.status === "DELETE_FAILED") {
    throw new DeployError(
      "StackDeleteFailed",
      `Stack ${spec.name} is in DELETE_FAILED: an earlier removal could not delete all of its resources${state.statusReason ? ` (${state.statusReason})` : ""}.`,
      "run sst remove for this stage to finish the removal (it says what blocks it), then deploy again.",
    )
  }
  if (!isUpdatable(state.status)) {
    throw new DeployError("StackStateUnknown", `Stack ${spec.name} is in ${state.status}, a state sst does not know how to update.`, "look at the stack in the CloudFormation console; delete it if it holds nothing you need.")
  }
  return state
}
