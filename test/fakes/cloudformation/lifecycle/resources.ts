// Creating, updating, replacing and deleting resources, one wave at a time. Every resource of a
// wave starts, the wave settles, then each completes; when one fails, the others of its wave
// were in flight and are cancelled ("Resource creation cancelled"), and later waves never start.
// A created or deleted resource also goes through its type's provisioning hook (provision.ts).

import { CfnError } from "../errors.ts"
import { runHook } from "../provision.ts"
import { refValue, generatedName } from "../resource-values.ts"
import type { Deployment, ResourceState } from "../state.ts"
import type { Operation } from "./operation.ts"

export type StepKind = "create" | "update" | "replace"

export interface Step {
  logicalId: string
  kind: StepKind
}

export interface ApplyOutcome {
  ok: boolean
  /** Steps that started, in order; all of them need undoing if the operation rolls back. */
  started: Step[]
  /** Resources that failed or were cancelled. */
  failed: string[]
  /** The new physical resource of each replacement, deleted in a cleanup. */
  replaced: { logicalId: string; oldPhysicalId: string; newPhysicalId: string }[]
}

const REPLACING = "Requested update requires the creation of a new physical resource; hence creating one."

export async function applyWaves(op: Operation, deployment: Deployment, waves: Step[][]): Promise<ApplyOutcome> {
  const outcome: ApplyOutcome = { ok: true, started: [], failed: [], replaced: [] }
  for (const wave of waves) {
    const startErrors = new Map<string, string>()
    for (const step of wave) {
      const error = startStep(op, deployment, step, outcome)
      if (error) startErrors.set(step.logicalId, error)
      outcome.started.push(step)
    }
    await op.settle()
    const failures = new Map<string, string>()
    for (const step of wave) {
      const reason = startErrors.get(step.logicalId) ?? op.failure(step.logicalId, step.kind === "create" ? "create" : "update") ?? (await provisionCreated(op, step))
      if (reason !== undefined) failures.set(step.logicalId, reason)
    }
    if (failures.size > 0) {
      failWave(op, wave, failures)
      outcome.ok = false
      outcome.failed = wave.map((step) => step.logicalId)
      return outcome
    }
    for (const step of wave) {
      op.resourceEvent(resourceOf(op, step.logicalId), step.kind === "create" ? "CREATE_COMPLETE" : "UPDATE_COMPLETE")
    }
  }
  return outcome
}

/** A created resource, or the new half of a replacement, made to exist through its type's hook. */
function provisionCreated(op: Operation, step: Step): Promise<string | undefined> {
  if (step.kind === "update") return Promise.resolve(undefined)
  const resource = resourceOf(op, step.logicalId)
  return runHook(op.ctx.provision, "create", resource.type, resource.physicalId)
}

/** Starts a step; returns why it cannot succeed, if that is known already. */
function startStep(op: Operation, deployment: Deployment, step: Step, outcome: ApplyOutcome): string | undefined {
  const { logicalId } = step
  const definition = deployment.template.Resources[logicalId]!
  if (step.kind === "create") {
    const resource: ResourceState = { logicalId, type: definition.Type, generation: 0, status: "", timestamp: new Date(0) }
    op.stack.resources.set(logicalId, resource)
    op.resourceEvent(resource, "CREATE_IN_PROGRESS")
    return attempt(() => {
      name(op, deployment, resource)
      op.resourceEvent(resource, "CREATE_IN_PROGRESS", "Resource creation Initiated")
    })
  }
  const resource = resourceOf(op, logicalId)
  resource.type = definition.Type
  if (step.kind === "update") {
    op.resourceEvent(resource, "UPDATE_IN_PROGRESS")
    return undefined
  }
  op.resourceEvent(resource, "UPDATE_IN_PROGRESS", REPLACING)
  const oldPhysicalId = resource.physicalId!
  const oldName = resource.physicalName
  return attempt(() => {
    resource.generation++
    const chosen = name(op, deployment, resource)
    if (chosen && resource.physicalName === oldName) {
      resource.generation--
      resource.physicalName = oldName
      resource.physicalId = oldPhysicalId
      throw new CfnError(
        "ValidationError",
        `CloudFormation cannot update a stack when a custom-named resource requires replacing. Rename ${oldName} and update the stack again.`,
      )
    }
    outcome.replaced.push({ logicalId, oldPhysicalId, newPhysicalId: resource.physicalId! })
    op.resourceEvent(resource, "UPDATE_IN_PROGRESS", "Resource creation Initiated")
  })
}

/** Gives the resource its physical name and id; true when the template chose the name. */
function name(op: Operation, deployment: Deployment, resource: ResourceState): boolean {
  const info = op.ctx.spec.info(resource.type)
  const properties = deployment.template.Resources[resource.logicalId]!.Properties ?? {}
  const chosen = info.nameProperty ? properties[info.nameProperty] : undefined
  const identity = { stackName: op.stack.stackName, stackId: op.stack.stackId, logicalId: resource.logicalId, generation: resource.generation }
  resource.physicalName =
    chosen === undefined ? generatedName(info, identity) : op.evaluator(deployment).string(chosen, `${resource.logicalId}.${info.nameProperty}`)
  resource.physicalId = refValue(info, resource.physicalName)
  return chosen !== undefined
}

function attempt(action: () => void): string | undefined {
  try {
    action()
    return undefined
  } catch (error) {
    if (error instanceof CfnError) return error.message
    throw error
  }
}

function failWave(op: Operation, wave: Step[], failures: Map<string, string>): void {
  const failed = (step: Step) => (step.kind === "create" ? "CREATE_FAILED" : "UPDATE_FAILED")
  for (const step of wave) {
    const reason = failures.get(step.logicalId)
    if (reason !== undefined) op.resourceEvent(resourceOf(op, step.logicalId), failed(step), reason)
  }
  for (const step of wave) {
    if (failures.has(step.logicalId)) continue
    const reason = step.kind === "create" ? "Resource creation cancelled" : "Resource update cancelled"
    op.resourceEvent(resourceOf(op, step.logicalId), failed(step), reason)
  }
}

export interface DeleteOptions {
  retained(logicalId: string): boolean
  /** Stop after a wave with a failure (a stack delete), or go on (an update's cleanup). */
  stopOnFailure: boolean
}

/** Deletes resources wave by wave; returns those that failed to delete. */
export async function deleteWaves(op: Operation, waves: string[][], options: DeleteOptions): Promise<string[]> {
  const failed: string[] = []
  for (const wave of waves) {
    const started: ResourceState[] = []
    for (const logicalId of wave) {
      const resource = op.stack.resources.get(logicalId)
      if (!resource) continue
      if (options.retained(logicalId)) {
        op.resourceEvent(resource, "DELETE_SKIPPED")
        op.stack.resources.delete(logicalId)
        continue
      }
      op.resourceEvent(resource, "DELETE_IN_PROGRESS")
      started.push(resource)
    }
    if (started.length === 0) continue
    await op.settle()
    for (const resource of started) {
      const reason = op.failure(resource.logicalId, "delete") ?? (await runHook(op.ctx.provision, "delete", resource.type, resource.physicalId))
      if (reason !== undefined) {
        op.resourceEvent(resource, "DELETE_FAILED", reason)
        failed.push(resource.logicalId)
      } else {
        op.resourceEvent(resource, "DELETE_COMPLETE")
        op.stack.resources.delete(resource.logicalId)
      }
    }
    if (failed.length > 0 && options.stopOnFailure) break
  }
  return failed
}

/**
 * Deletes the physical resources a replacement left behind, or those it made, in a rollback. A
 * failure is an event only: CloudFormation ends the cleanup anyway, leaving the resource behind.
 */
export async function deletePhysical(op: Operation, targets: { logicalId: string; physicalId: string }[]): Promise<void> {
  if (targets.length === 0) return
  for (const { logicalId, physicalId } of targets) op.resourceEvent(resourceOf(op, logicalId), "DELETE_IN_PROGRESS", undefined, physicalId)
  await op.settle()
  for (const { logicalId, physicalId } of targets) {
    const resource = resourceOf(op, logicalId)
    const reason = await runHook(op.ctx.provision, "delete", resource.type, physicalId)
    op.resourceEvent(resource, reason === undefined ? "DELETE_COMPLETE" : "DELETE_FAILED", reason, physicalId)
  }
}

function resourceOf(op: Operation, logicalId: string): ResourceState {
  const resource = op.stack.resources.get(logicalId)
  if (!resource) throw new Error(`internal: resource ${logicalId} of ${op.stack.stackName} is not tracked`)
  return resource
}
