// DescribeStacks, ListStacks, DescribeStackResources, GetTemplate, DeleteStack and
// ContinueUpdateRollback.

import type { FakeContext } from "../context.ts"
import { cannotBeUpdated, stackNotFound, stackWithIdNotFound, validationError } from "../errors.ts"
import { startContinueRollback, startDelete } from "../lifecycle/start.ts"
import type { QueryParams } from "../query.ts"
import { isBusy } from "../state.ts"
import type { Stack } from "../state.ts"
import { resourceShapes, stackShape, stackSummaryShape } from "../view.ts"
import type { XmlValue } from "../xml.ts"
import { deploymentConfigOf } from "./change-sets.ts"
import { findChangeSet } from "./lookup.ts"

type Result = { [key: string]: XmlValue }

function stackNamed(ctx: FakeContext, stackName: string): Stack {
  const stack = ctx.store.findStack(stackName)
  if (!stack) throw stackWithIdNotFound(stackName)
  return stack
}

export function describeStacks(ctx: FakeContext, params: QueryParams): Result {
  const stackName = params.string("StackName")
  // Without a name: every stack that is not deleted, the newest first.
  const stacks = stackName ? [stackNamed(ctx, stackName)] : ctx.store.liveStacks().reverse()
  return { Stacks: stacks.map(stackShape) }
}

export function listStacks(ctx: FakeContext, params: QueryParams): Result {
  const filter = params.list("StackStatusFilter")
  const stacks = ctx.store.stacks.filter((stack) => filter.length === 0 || filter.includes(stack.status))
  return { StackSummaries: [...stacks].reverse().map(stackSummaryShape) }
}

export function describeStackResources(ctx: FakeContext, params: QueryParams): Result {
  const stackName = params.string("StackName")
  const physicalId = params.string("PhysicalResourceId")
  let stack: Stack | undefined
  if (stackName) stack = stackNamed(ctx, stackName)
  else if (physicalId) {
    stack = ctx.store.liveStacks().find((s) => [...s.resources.values()].some((r) => r.physicalId === physicalId))
    if (!stack) throw validationError(`Stack for ${physicalId} does not exist`)
  } else {
    throw validationError("Either StackName or PhysicalResourceId must be specified.")
  }
  const logicalId = params.string("LogicalResourceId")
  const resources = resourceShapes(stack).filter((r) => logicalId === undefined || r["LogicalResourceId"] === logicalId)
  return { StackResources: resources }
}

export function getTemplate(ctx: FakeContext, params: QueryParams): Result {
  const stackName = params.string("StackName")
  const changeSetName = params.string("ChangeSetName")
  if (changeSetName) {
    const changeSet = findChangeSet(ctx.store, changeSetName, stackName)
    return { TemplateBody: changeSet.deployment.templateBody, StagesAvailable: ["Original", "Processed"] }
  }
  if (!stackName) throw validationError("Either StackName or ChangeSetName must be specified.")
  const stack = stackNamed(ctx, stackName)
  // A stack still in review has no template of its own; its latest change set's is the one it will get.
  const body = stack.deployment?.templateBody ?? ctx.store.changeSetsOf(stack).at(-1)?.deployment.templateBody
  return { TemplateBody: body, StagesAvailable: ["Original", "Processed"] }
}

export function deleteStack(ctx: FakeContext, params: QueryParams): Result {
  const stackName = params.required("StackName")
  const stack = ctx.store.findStack(stackName)
  // Deleting what does not exist, or what is being deleted, succeeds and does nothing.
  if (!stack || stack.status === "DELETE_COMPLETE" || stack.status === "DELETE_IN_PROGRESS") return {}
  if (isBusy(stack)) throw validationError(`Stack [${stackName}] cannot be deleted while in status ${stack.status}`)
  const express = deploymentConfigOf(params)?.mode === "EXPRESS"
  startDelete(ctx, stack, params.list("RetainResources"), express)
  return {}
}

export function continueUpdateRollback(ctx: FakeContext, params: QueryParams): Result {
  const stackName = params.required("StackName")
  const stack = ctx.store.findStack(stackName)
  if (!stack) throw stackNotFound(stackName)
  // Unverified wording for a stack that is not stuck; CloudFormation refuses with a ValidationError.
  if (stack.status !== "UPDATE_ROLLBACK_FAILED" || !stack.rollback) throw cannotBeUpdated(stack)
  const skip = params.list("ResourcesToSkip")
  const pending = stack.rollback.restore
  const unknown = skip.filter((id) => !pending.includes(id))
  if (unknown.length > 0) {
    throw validationError(
      `Invalid ResourcesToSkip: [${unknown.join(", ")}]. Only resources in UPDATE_FAILED state because a rollback failed can be skipped.`,
    )
  }
  startContinueRollback(ctx, stack, skip)
  return {}
}
