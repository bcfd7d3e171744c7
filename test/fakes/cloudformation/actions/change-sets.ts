// CreateChangeSet, DescribeChangeSet, ExecuteChangeSet, DeleteChangeSet and ListChangeSets.
// CreateChangeSet checks what CloudFormation checks at once (stack state, template, references,
// capabilities, parameters) and answers with the ids; the change set then goes CREATE_PENDING →
// CREATE_IN_PROGRESS → CREATE_COMPLETE (AVAILABLE), or FAILED (UNAVAILABLE) when nothing changes.

import { checkCapabilities } from "../capabilities.ts"
import type { FakeContext } from "../context.ts"
import { computeChanges, isUnchanged } from "../diff.ts"
import { CfnError, cannotBeUpdated, stackNotFound, validationError } from "../errors.ts"
import { changeSetArn, stackArn, uuidFrom } from "../ids.ts"
import { startExecution } from "../lifecycle/start.ts"
import { resolveParameters } from "../parameters.ts"
import type { QueryParams } from "../query.ts"
import { checkReferences } from "../references.ts"
import { isBusy, isUpdatable, tagsFrom } from "../state.ts"
import type { ChangeSet, Deployment, DeploymentConfig, Stack } from "../state.ts"
import { parseTemplate } from "../template.ts"
import type { Template } from "../template.ts"
import { changeSetShape, changeSetSummaryShape } from "../view.ts"
import type { XmlValue } from "../xml.ts"
import { findChangeSet, stackOf } from "./lookup.ts"
import { templateBodyOf } from "./template-source.ts"

type Result = { [key: string]: XmlValue }

const NO_CHANGES = "The submitted information didn't contain changes. Submit different information to create a change set."

export async function createChangeSet(ctx: FakeContext, params: QueryParams): Promise<Result> {
  const { store } = ctx
  const stackName = params.required("StackName")
  const name = params.required("ChangeSetName")
  if (!/^[a-zA-Z][-a-zA-Z0-9]*$/.test(name)) {
    throw validationError(
      `1 validation error detected: Value '${name}' at 'changeSetName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z][-a-zA-Z0-9]*`,
    )
  }
  const type = params.string("ChangeSetType") ?? "UPDATE"
  if (type !== "CREATE" && type !== "UPDATE") throw validationError(`The CloudFormation fake does not support ChangeSetType ${type}`)
  const existing = store.findStack(stackName)
  checkStackFor(type, existing, stackName, name)
  if (existing && store.changeSetsOf(existing).some((cs) => cs.name === name)) {
    throw new CfnError("AlreadyExistsException", `ChangeSet [${name}] already exists`)
  }

  const templateBody = await templateBodyOf(ctx, params, existing)
  const template = parseTemplate(templateBody)
  checkResourceTypes(ctx, template)
  checkReferences(template, ctx.spec)
  const capabilities = params.list("Capabilities")
  checkCapabilities(template, capabilities)
  const previous = type === "UPDATE" ? existing!.deployment : undefined
  const parameters = resolveParameters(template, params.structList("Parameters"), previous?.parameters)
  const tags = hasMember(params, "Tags") ? tagsFrom(params.structList("Tags")) : (previous?.tags ?? [])
  const deployment: Deployment = { templateBody, template, parameters, tags, capabilities }

  const stackId = existing?.stackId ?? stackArn(stackName, uuidFrom(store.nextSeed(`stack:${stackName}`)))
  const resources = existing?.resources ?? new Map()
  const changes = computeChanges({ stackName, stackId, spec: ctx.spec, previous, next: deployment, resources })
  const stack = existing ?? createReviewStack(ctx, stackName, stackId)
  const changeSet = recordChangeSet(ctx, params, stack, name, type, deployment)
  changeSet.changes = changes
  changeSet.empty = isUnchanged(previous, deployment)
  ctx.scheduler.run(() => prepare(ctx, changeSet))
  return { Id: changeSet.id, StackId: stack.stackId }
}

function checkStackFor(type: "CREATE" | "UPDATE", stack: Stack | undefined, stackName: string, name: string): void {
  if (type === "CREATE") {
    // A stack made by an earlier CREATE change set and never executed may receive more of them.
    if (stack && stack.status !== "REVIEW_IN_PROGRESS") {
      throw validationError(`Stack [${stackName}] already exists and cannot be created again with the changeSet [${name}].`)
    }
    return
  }
  if (!stack) throw stackNotFound(stackName)
  if (!isUpdatable(stack)) throw cannotBeUpdated(stack)
}

function checkResourceTypes(ctx: FakeContext, template: Template): void {
  const unknown = [...new Set(Object.values(template.Resources).map((r) => r.Type))].filter((type) => !ctx.spec.info(type).known)
  if (unknown.length > 0) throw validationError(`Template format error: Unrecognized resource types: [${unknown.join(", ")}]`)
}

function hasMember(params: QueryParams, name: string): boolean {
  return params.string(name) !== undefined || params.structList(name).length > 0
}

function createReviewStack(ctx: FakeContext, stackName: string, stackId: string): Stack {
  const stack: Stack = {
    stackId,
    stackName,
    status: "REVIEW_IN_PROGRESS",
    creationTime: ctx.store.clock.now(),
    resources: new Map(),
    outputs: [],
    imports: [],
    events: [],
    disableRollback: false,
  }
  ctx.store.stacks.push(stack)
  ctx.store.stackEvent(stack, "REVIEW_IN_PROGRESS", "User Initiated")
  return stack
}

function recordChangeSet(
  ctx: FakeContext,
  params: QueryParams,
  stack: Stack,
  name: string,
  type: "CREATE" | "UPDATE",
  deployment: Deployment,
): ChangeSet {
  const deploymentConfig = deploymentConfigOf(params)
  const description = params.string("Description")
  const changeSet: ChangeSet = {
    id: changeSetArn(name, uuidFrom(ctx.store.nextSeed(`changeSet:${name}`))),
    name,
    stackId: stack.stackId,
    stackName: stack.stackName,
    type,
    status: "CREATE_PENDING",
    executionStatus: "UNAVAILABLE",
    creationTime: ctx.store.clock.now(),
    ...(description !== undefined ? { description } : {}),
    deployment,
    changes: [],
    empty: false,
    ...(deploymentConfig ? { deploymentConfig } : {}),
    disableRollback: deploymentConfig?.disableRollback ?? params.string("OnStackFailure") === "DO_NOTHING",
    deleted: false,
  }
  ctx.store.changeSets.push(changeSet)
  return changeSet
}

export function deploymentConfigOf(params: QueryParams): DeploymentConfig | undefined {
  const given = params.struct("DeploymentConfig")
  if (!given) return undefined
  const mode = given["Mode"] ?? "STANDARD"
  if (mode !== "STANDARD" && mode !== "EXPRESS") {
    throw validationError(
      `1 validation error detected: Value '${mode}' at 'deploymentConfig.mode' failed to satisfy constraint: Member must satisfy enum value set: [STANDARD, EXPRESS]`,
    )
  }
  const disableRollback = given["DisableRollback"]
  return { mode, ...(disableRollback !== undefined ? { disableRollback: disableRollback === "true" } : {}) }
}

async function prepare(ctx: FakeContext, changeSet: ChangeSet): Promise<void> {
  await ctx.scheduler.sleep()
  changeSet.status = "CREATE_IN_PROGRESS"
  await ctx.scheduler.sleep()
  if (changeSet.empty) {
    changeSet.status = "FAILED"
    changeSet.statusReason = NO_CHANGES
    return
  }
  changeSet.status = "CREATE_COMPLETE"
  // A change set made while another one ran against the stack describes a stale configuration.
  if (changeSet.executionStatus === "UNAVAILABLE") changeSet.executionStatus = "AVAILABLE"
}

export function describeChangeSet(ctx: FakeContext, params: QueryParams): Result {
  return changeSetShape(findChangeSet(ctx.store, params.required("ChangeSetName"), params.string("StackName")))
}

export function executeChangeSet(ctx: FakeContext, params: QueryParams): Result {
  const changeSet = findChangeSet(ctx.store, params.required("ChangeSetName"), params.string("StackName"))
  const stack = stackOf(ctx.store, changeSet)
  if (isBusy(stack)) throw cannotBeUpdated(stack)
  if (changeSet.status !== "CREATE_COMPLETE") {
    throw new CfnError("InvalidChangeSetStatus", `ChangeSet [${changeSet.id}] cannot be executed in its current status of [${changeSet.status}]`)
  }
  if (changeSet.executionStatus !== "AVAILABLE") {
    throw new CfnError(
      "InvalidChangeSetStatus",
      `ChangeSet [${changeSet.id}] cannot be executed in its current execution status of [${changeSet.executionStatus}]`,
    )
  }
  if (changeSet.type === "UPDATE" && !isUpdatable(stack)) throw cannotBeUpdated(stack)
  startExecution(ctx, stack, changeSet, params.boolean("DisableRollback") ?? changeSet.disableRollback)
  return {}
}

export function deleteChangeSet(ctx: FakeContext, params: QueryParams): Result {
  const changeSet = findChangeSet(ctx.store, params.required("ChangeSetName"), params.string("StackName"))
  if (changeSet.executionStatus === "EXECUTE_IN_PROGRESS") {
    throw new CfnError("InvalidChangeSetStatus", `Cannot delete ChangeSet [${changeSet.id}] while it is in EXECUTE_IN_PROGRESS`)
  }
  changeSet.deleted = true
  return {}
}

export function listChangeSets(ctx: FakeContext, params: QueryParams): Result {
  const stackName = params.required("StackName")
  const stack = ctx.store.findStack(stackName)
  if (!stack) throw stackNotFound(stackName)
  return { Summaries: ctx.store.changeSetsOf(stack).map(changeSetSummaryShape) }
}
