/**
 * One stack, from whatever state CloudFormation has it in to the template we built.
 *
 *   missing ─────────────────────────────────────────────┐
 *   REVIEW_IN_PROGRESS, ROLLBACK_COMPLETE, CREATE_FAILED → delete, saying so ─┤→ CREATE change set
 *   *_IN_PROGRESS → refuse with the reason (or wait, with --wait)            │
 *   UPDATE_ROLLBACK_FAILED → ContinueUpdateRollback, then as below           │
 *   DELETE_FAILED → explain                                                  │
 *   CREATE/UPDATE_COMPLETE, UPDATE_ROLLBACK_COMPLETE → unchanged? skip : UPDATE change set
 *
 * then wait for the change set ("no changes" is a success), show what it will do, execute it,
 * follow its events to the end, and on failure delete the change set and name the root cause.
 * @module
 */
import { ContinueUpdateRollbackCommand, DeleteStackCommand, ExecuteChangeSetCommand, type CloudFormationClient } from "@aws-sdk/client-cloudformation"
import { changeSetRefused, createChangeSet, deleteChangeSet, waitForChangeSet } from "./change-set.ts"
import { summariseChanges } from "./changes.ts"
import { findDifference } from "./compare.ts"
import { callAws, DeployError } from "./errors.ts"
import type { Reporter } from "./events.ts"
import { failureFromError, failureFromEvents, type StackFailure } from "./failure.ts"
import { sleep } from "./poll.ts"
import { followStackOperation, newestEventId, type EventBoundary, type FollowResult } from "./stack-events.ts"
import { describeStack, getDeployedTemplate, isBusy, isDeploySuccess, isFailedCreate, isUpdatable, type StackState } from "./stack-state.ts"
import { templateSource, type TemplateBucket } from "./template-source.ts"

export interface StackSpec {
  name: string
  templateBody: string
  parameters: Record<string, string>
  tags: Record<string, string>
  /** Construct path by logical ID, to name resources in failures. */
  resourcePaths: Record<string, string>
}

export interface EngineContext {
  cloudFormation: CloudFormationClient
  /** Where templates over 51,200 bytes go; undefined before the bootstrap bucket exists. */
  templateBucket?: TemplateBucket
  report: Reporter
  pollMs: number
  signal?: AbortSignal
  /** Wait for a stack that is busy with another operation instead of refusing. */
  wait: boolean
  express: boolean
  /** False: a failed operation leaves resources as they are (DisableRollback). */
  rollback: boolean
  roleArn?: string
  /** Awaited before the first change set: the assets the templates refer to are uploaded. */
  beforeChange?(): Promise<void>
}

export type StackOutcome =
  | { status: "deployed" | "unchanged"; stackId: string; outputs: Record<string, string> }
  | { status: "failed"; failure: StackFailure }

/** Deploys one stack; never throws for a failure of the stack itself (it is in the outcome). */
export async function deployStack(ctx: EngineContext, spec: StackSpec, known?: StackState | null): Promise<StackOutcome> {
  try {
    ctx.report({ type: "stack", stack: spec.name, phase: "checking" })
    let state = known === undefined ? await describeStack(ctx.cloudFormation, spec.name) : (known ?? undefined)
    state = await settle(ctx, spec.name, state)
    state = await recover(ctx, spec, state)
    if (state) {
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
  return { status: "unchanged", stackId: state.stackId, outputs: state.outputs }
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
    if (deleted.status !== "DELETE_COMPLETE") throw stackFailureError(failureFromEvents(spec.name, "delete", deleted.status, deleted.events, spec.resourcePaths))
    return undefined
  }
  if (state.status === "UPDATE_ROLLBACK_FAILED") {
    ctx.report({ type: "notice", stack: spec.name, level: "warning", message: "is in UPDATE_ROLLBACK_FAILED: an earlier update could not be rolled back. Continuing the rollback (ContinueUpdateRollback)." })
    const boundary = await boundaryBefore(ctx, state.stackId)
    await callAws(`continuing the rollback of ${spec.name}`, () =>
      ctx.cloudFormation.send(new ContinueUpdateRollbackCommand({ StackName: state.stackId, ...(ctx.roleArn ? { RoleARN: ctx.roleArn } : {}) })),
    )
    const result = await follow(ctx, state, boundary)
    if (result.status !== "UPDATE_ROLLBACK_COMPLETE") throw stackFailureError(failureFromEvents(spec.name, "rollback", result.status, result.events, spec.resourcePaths))
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

async function applyChangeSet(ctx: EngineContext, spec: StackSpec, state: StackState | undefined): Promise<StackOutcome> {
  await ctx.beforeChange?.()
  ctx.report({ type: "stack", stack: spec.name, phase: "changeset" })
  const type = state ? "UPDATE" : "CREATE"
  const template = await templateSource(spec.name, spec.templateBody, ctx.templateBucket)
  const changeSet = await createChangeSet(ctx.cloudFormation, {
    stackName: spec.name,
    type,
    template,
    parameters: spec.parameters,
    tags: spec.tags,
    ...(ctx.roleArn ? { roleArn: ctx.roleArn } : {}),
    express: ctx.express,
  })
  const outcome = await waitForChangeSet(ctx.cloudFormation, changeSet.id, spec.name, ctx.pollMs, ctx.signal)
  if (outcome.kind !== "ready") {
    await deleteChangeSet(ctx.cloudFormation, changeSet.id)
    if (outcome.kind === "empty" && state) return unchanged(ctx, spec, state)
    if (type === "CREATE") await deleteShell(ctx, changeSet.stackId)
    throw changeSetRefused(spec.name, outcome.kind === "failed" ? outcome.reason : "no changes")
  }
  ctx.report({ type: "changes", stack: spec.name, changes: summariseChanges(outcome.changes, spec.resourcePaths) })
  const target = state ?? { stackId: changeSet.stackId, stackName: spec.name }
  // Events of the execution are newer than the change set (both times are CloudFormation's clock).
  const boundary: EventBoundary = outcome.creationTime ? { since: outcome.creationTime } : await boundaryBefore(ctx, target.stackId)
  ctx.report({ type: "stack", stack: spec.name, phase: "deploying", detail: type === "CREATE" ? "creating" : "updating" })
  try {
    await callAws(`executing the change set of ${spec.name}`, () =>
      ctx.cloudFormation.send(new ExecuteChangeSetCommand({ ChangeSetName: changeSet.id, ...(ctx.rollback ? {} : { DisableRollback: true }) })),
    )
  } catch (error) {
    await deleteChangeSet(ctx.cloudFormation, changeSet.id)
    throw error
  }
  const result = await follow(ctx, target, boundary)
  if (!isDeploySuccess(result.status)) {
    const failure = failureFromEvents(spec.name, "deploy", result.status, result.events, spec.resourcePaths)
    ctx.report({ type: "stack", stack: spec.name, phase: "failed", detail: failure.summary })
    return { status: "failed", failure }
  }
  const after = await describeStack(ctx.cloudFormation, target.stackId)
  ctx.report({ type: "stack", stack: spec.name, phase: "deployed" })
  return { status: "deployed", stackId: target.stackId, outputs: after?.outputs ?? {} }
}

/** Deletes a stack and follows the deletion; the result holds the final status and events. */
export async function deleteStack(ctx: EngineContext, state: Pick<StackState, "stackId" | "stackName">, retain?: string[]): Promise<FollowResult> {
  const boundary = await boundaryBefore(ctx, state.stackId)
  await callAws(`deleting stack ${state.stackName}`, () =>
    ctx.cloudFormation.send(
      new DeleteStackCommand({
        StackName: state.stackId,
        ...(ctx.roleArn ? { RoleARN: ctx.roleArn } : {}),
        ...(retain && retain.length > 0 ? { RetainResources: retain } : {}),
      }),
    ),
  )
  return follow(ctx, state, boundary)
}

/** Removes the empty REVIEW_IN_PROGRESS stack a failed CREATE change set leaves behind. */
async function deleteShell(ctx: EngineContext, stackId: string): Promise<void> {
  try {
    await ctx.cloudFormation.send(new DeleteStackCommand({ StackName: stackId }))
  } catch {
    // The next deploy deletes it anyway (REVIEW_IN_PROGRESS is handled in recover()).
  }
}

async function boundaryBefore(ctx: EngineContext, stackId: string): Promise<EventBoundary> {
  const id = await newestEventId(ctx.cloudFormation, stackId)
  return id ? { afterEventId: id } : {}
}

function follow(ctx: EngineContext, state: Pick<StackState, "stackId" | "stackName">, boundary: EventBoundary): Promise<FollowResult> {
  return followStackOperation(ctx.cloudFormation, {
    stackId: state.stackId,
    stackName: state.stackName,
    boundary,
    pollMs: ctx.pollMs,
    ...(ctx.signal ? { signal: ctx.signal } : {}),
    onEvent: (event) => {
      if (event.isStack) return
      ctx.report({ type: "resource", stack: state.stackName, logicalId: event.logicalId, resourceType: event.resourceType, status: event.status, ...(event.reason ? { reason: event.reason } : {}), timestamp: event.timestamp })
    },
  })
}

/** Carries a structured failure through a throw, back to deployStack's catch. */
class StackFailureError extends DeployError {
  constructor(readonly failure: StackFailure) {
    super(failure.code, failure.summary, failure.fix)
  }
}

function stackFailureError(failure: StackFailure): DeployError {
  return new StackFailureError(failure)
}

export function failureOf(error: unknown, stack: string): StackFailure {
  return error instanceof StackFailureError ? error.failure : failureFromError(stack, error)
}
