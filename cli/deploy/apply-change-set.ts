/**
 * Applying a template to a stack with a change set: create it, wait until CloudFormation has
 * computed it ("no changes" is a success), show what it will do, execute it and follow it to
 * the end; a change set that cannot run is deleted, with the empty stack a failed CREATE leaves.
 *
 * Rollback: CloudFormation refuses updates that replace a resource while rollback is disabled
 * (`--no-rollback`, and express mode unless told otherwise). We always say which we want, and
 * when a change set replaces something with rollback disabled, it runs with rollback enabled
 * for that once, saying so. A stack left in UPDATE_FAILED by an earlier update without rollback
 * cannot take such a change at all; that is explained.
 * @module
 */
import { DeleteStackCommand, ExecuteChangeSetCommand, type Change } from "@aws-sdk/client-cloudformation"
import { changeSetRefused, createChangeSet, deleteChangeSet, waitForChangeSet, type CreatedChangeSet, type TemplateSource } from "./change-set.ts"
import { summariseChanges } from "./changes.ts"
import { boundaryBefore, follow, type EngineContext, type StackOutcome, type StackSpec } from "./engine.ts"
import { callAws, DeployError } from "./errors.ts"
import { failureFromEvents } from "./failure.ts"
import type { EventBoundary } from "./stack-events.ts"
import { describeStack, isDeploySuccess, type StackState } from "./stack-state.ts"
import { templateSource } from "./template-source.ts"

interface Prepared {
  changeSet: CreatedChangeSet
  changes: Change[]
  creationTime?: Date
}

export async function applyChangeSet(ctx: EngineContext, spec: StackSpec, state: StackState | undefined): Promise<StackOutcome> {
  await ctx.beforeChange?.()
  ctx.report({ type: "stack", stack: spec.name, phase: "changeset" })
  const template = await templateSource(spec.name, spec.templateBody, ctx.templateBucket)
  let disableRollback = !ctx.rollback
  let prepared = await prepare(ctx, spec, state, template, disableRollback)
  if (!prepared) return { status: "unchanged", stackId: (state as StackState).stackId, outputs: (state as StackState).outputs }
  const replaced = replacements(prepared.changes)
  if (disableRollback && replaced.length > 0) {
    if (state?.status === "UPDATE_FAILED") {
      await deleteChangeSet(ctx.cloudFormation, prepared.changeSet.id)
      throw new DeployError(
        "ReplacementWithoutRollback",
        `Stack ${spec.name} is in UPDATE_FAILED (an earlier update failed without rollback), and this update replaces ${replaced.join(", ")}, which CloudFormation does not allow from that state.`,
        "deploy the version that was deployed before the failed update (so nothing is replaced), then this one; or delete the stack if it holds nothing you need.",
      )
    }
    ctx.report({ type: "notice", stack: spec.name, level: "warning", message: `replaces ${replaced.join(", ")}; CloudFormation refuses replacements without rollback, so this update runs with rollback enabled.` })
    disableRollback = false
    if (ctx.express) {
      // In express mode the choice is part of the change set (DeploymentConfig): make it again.
      await deleteChangeSet(ctx.cloudFormation, prepared.changeSet.id)
      prepared = await prepare(ctx, spec, state, template, disableRollback)
      if (!prepared) return { status: "unchanged", stackId: (state as StackState).stackId, outputs: (state as StackState).outputs }
    }
  }
  ctx.report({ type: "changes", stack: spec.name, changes: summariseChanges(prepared.changes, spec.resourcePaths) })
  return execute(ctx, spec, state, prepared, disableRollback)
}

/** Creates the change set and waits for it; undefined when it holds no changes. */
async function prepare(ctx: EngineContext, spec: StackSpec, state: StackState | undefined, template: TemplateSource, disableRollback: boolean): Promise<Prepared | undefined> {
  const type = state ? "UPDATE" : "CREATE"
  const changeSet = await createChangeSet(ctx.cloudFormation, {
    stackName: spec.name,
    type,
    template,
    parameters: spec.parameters,
    tags: spec.tags,
    ...(ctx.roleArn ? { roleArn: ctx.roleArn } : {}),
    ...(ctx.express ? { express: { disableRollback } } : {}),
  })
  const outcome = await waitForChangeSet(ctx.cloudFormation, changeSet.id, spec.name, ctx.pollMs, ctx.signal)
  if (outcome.kind === "ready") return { changeSet, changes: outcome.changes, ...(outcome.creationTime ? { creationTime: outcome.creationTime } : {}) }
  await deleteChangeSet(ctx.cloudFormation, changeSet.id)
  if (outcome.kind === "empty" && state?.status === "UPDATE_FAILED") {
    throw new DeployError(
      "StackLeftFailed",
      `Stack ${spec.name} is in UPDATE_FAILED: an earlier update failed without rollback${state.statusReason ? ` (${state.statusReason})` : ""}, and this template is the one that failed, so CloudFormation finds nothing to change.`,
      `fix the cause, then roll the stack back (aws cloudformation rollback-stack --stack-name ${spec.name}) and deploy again; or deploy a changed template.`,
    )
  }
  if (outcome.kind === "empty" && state) {
    ctx.report({ type: "stack", stack: spec.name, phase: "unchanged" })
    return undefined
  }
  if (type === "CREATE") await deleteShell(ctx, changeSet.stackId)
  throw changeSetRefused(spec.name, outcome.kind === "failed" ? outcome.reason : "no changes")
}

async function execute(ctx: EngineContext, spec: StackSpec, state: StackState | undefined, prepared: Prepared, disableRollback: boolean): Promise<StackOutcome> {
  const target = state ?? { stackId: prepared.changeSet.stackId, stackName: spec.name }
  // Events of the execution are newer than the change set (both times are CloudFormation's clock).
  const boundary: EventBoundary = prepared.creationTime ? { since: prepared.creationTime } : await boundaryBefore(ctx, target.stackId)
  ctx.report({ type: "stack", stack: spec.name, phase: "deploying", detail: state ? "updating" : "creating" })
  try {
    await callAws(`executing the change set of ${spec.name}`, () =>
      ctx.cloudFormation.send(new ExecuteChangeSetCommand({ ChangeSetName: prepared.changeSet.id, ...(disableRollback || ctx.express ? { DisableRollback: disableRollback } : {}) })),
    )
  } catch (error) {
    await deleteChangeSet(ctx.cloudFormation, prepared.changeSet.id)
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
  return { status: "deployed", stackId: target.stackId, outputs: after?.outputs ?? {}, ...(after?.lastUpdated ? { lastUpdated: after.lastUpdated } : {}) }
}

/** Logical IDs the change set replaces (or may replace). */
function replacements(changes: readonly Change[]): string[] {
  return changes.flatMap((change) => {
    const resource = change.ResourceChange
    const replaced = resource?.Action === "Modify" && (resource.Replacement === "True" || resource.Replacement === "Conditional")
    return replaced && resource?.LogicalResourceId ? [resource.LogicalResourceId] : []
  })
}

/** Removes the empty REVIEW_IN_PROGRESS stack a failed CREATE change set leaves behind. */
async function deleteShell(ctx: EngineContext, stackId: string): Promise<void> {
  try {
    await ctx.cloudFormation.send(new DeleteStackCommand({ StackName: stackId }))
  } catch {
    // The next deploy deletes it anyway (REVIEW_IN_PROGRESS is handled in deploy-stack.ts).
  }
}
