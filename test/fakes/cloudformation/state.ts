// The fake's memory: stacks (deleted ones included, as CloudFormation keeps them findable by
// stack id), their resources and events, and change sets. Status changes go through
// `stackEvent` and `resourceEvent` so that the status and the event history never disagree.

import { validationError } from "./errors.ts"
import { Clock, isArn, uuidFrom } from "./ids.ts"
import type { ResolvedParameter } from "./parameters.ts"
import type { Template } from "./template.ts"

export interface Tag {
  Key: string
  Value: string
}

export interface DeploymentConfig {
  mode: "STANDARD" | "EXPRESS"
  disableRollback?: boolean
}

/** A configuration of a stack: what a change set proposes and what a stack runs. */
export interface Deployment {
  templateBody: string
  template: Template
  parameters: ResolvedParameter[]
  tags: Tag[]
  capabilities: string[]
}

export interface ResourceState {
  logicalId: string
  type: string
  physicalId?: string
  /** The name the resource has in its service; `physicalId` may be an ARN or URL built from it. */
  physicalName?: string
  /** Bumped at each replacement, so a replacement gets a new generated name. */
  generation: number
  status: string
  statusReason?: string
  timestamp: Date
}

export interface OutputValue {
  key: string
  value: string
  description?: string
  exportName?: string
}

export interface StackEvent {
  eventId: string
  stackId: string
  stackName: string
  logicalId: string
  physicalId?: string
  resourceType: string
  timestamp: Date
  status: string
  reason?: string
}

export interface Stack {
  stackId: string
  stackName: string
  status: string
  statusReason?: string
  creationTime: Date
  lastUpdatedTime?: Date
  deletionTime?: Date
  /** The configuration in force; undefined while the stack is only a REVIEW_IN_PROGRESS shell. */
  deployment?: Deployment
  resources: Map<string, ResourceState>
  outputs: OutputValue[]
  /** Export names this stack's resources import (they lock those exports). */
  imports: string[]
  events: StackEvent[]
  changeSetId?: string
  disableRollback: boolean
  deploymentConfig?: DeploymentConfig
  /** Work left when an update rollback failed, for ContinueUpdateRollback. */
  rollback?: PendingRollback
}

/** What rolling an update back must do; kept on the stack while the rollback is stuck. */
export interface PendingRollback {
  changeSetId: string
  previous: Snapshot
  /** Resources the update changed, to change back, in order. */
  restore: string[]
  /** Resources the update created, to delete in the cleanup. */
  created: string[]
  /** New physical resources made by replacements, to delete in the cleanup. */
  replaced: { logicalId: string; physicalId: string }[]
}

/** A stack as it was before an update. */
export interface Snapshot {
  deployment: Deployment
  resources: Map<string, ResourceState>
  outputs: OutputValue[]
  imports: string[]
}

export interface ChangeDetail {
  Target: { Attribute: string; Name?: string; RequiresRecreation: string }
  Evaluation: "Static" | "Dynamic"
  ChangeSource: string
  CausingEntity?: string
}

export interface ResourceChange {
  action: "Add" | "Modify" | "Remove"
  logicalId: string
  type: string
  physicalId?: string
  replacement?: "True" | "False" | "Conditional"
  policyAction?: "Delete" | "Retain"
  scope: string[]
  details: ChangeDetail[]
}

export interface ChangeSet {
  id: string
  name: string
  stackId: string
  stackName: string
  type: "CREATE" | "UPDATE"
  status: string
  statusReason?: string
  executionStatus: string
  creationTime: Date
  description?: string
  deployment: Deployment
  changes: ResourceChange[]
  /** Template, parameters and tags equal the stack's: the change set will fail with "no changes". */
  empty: boolean
  deploymentConfig?: DeploymentConfig
  /** DeploymentConfig.DisableRollback or OnStackFailure DO_NOTHING; ExecuteChangeSet may override it. */
  disableRollback: boolean
  deleted: boolean
}

export class Store {
  readonly stacks: Stack[] = []
  readonly changeSets: ChangeSet[] = []
  readonly clock = new Clock()
  private counter = 0

  /** A fresh id seed: deterministic within a run, unique across stacks that reuse a name. */
  nextSeed(name: string): string {
    return `${name}#${++this.counter}`
  }

  /** By name only stacks that are not deleted; by stack id any stack, as in CloudFormation. */
  findStack(nameOrId: string): Stack | undefined {
    if (isArn(nameOrId)) return this.stacks.find((s) => s.stackId === nameOrId)
    return this.stacks.find((s) => s.stackName === nameOrId && s.status !== "DELETE_COMPLETE")
  }

  liveStacks(): Stack[] {
    return this.stacks.filter((s) => s.status !== "DELETE_COMPLETE")
  }

  changeSetsOf(stack: Stack): ChangeSet[] {
    return this.changeSets.filter((cs) => cs.stackId === stack.stackId && !cs.deleted)
  }

  stackEvent(stack: Stack, status: string, reason?: string): void {
    const timestamp = this.clock.now()
    stack.status = status
    stack.statusReason = reason
    stack.events.push({
      eventId: uuidFrom(this.nextSeed(`event:${stack.stackId}`)),
      stackId: stack.stackId,
      stackName: stack.stackName,
      logicalId: stack.stackName,
      physicalId: stack.stackId,
      resourceType: "AWS::CloudFormation::Stack",
      timestamp,
      status,
      ...(reason !== undefined ? { reason } : {}),
    })
  }

  /** Records a resource event; `physicalId` overrides the resource's own (deleting a replaced one). */
  resourceEvent(stack: Stack, resource: ResourceState, status: string, reason?: string, physicalId?: string): void {
    const timestamp = this.clock.now()
    if (physicalId === undefined) {
      resource.status = status
      resource.statusReason = reason
      resource.timestamp = timestamp
    }
    const physical = physicalId ?? resource.physicalId
    stack.events.push({
      eventId: `${resource.logicalId}-${status}-${timestamp.toISOString()}`,
      stackId: stack.stackId,
      stackName: stack.stackName,
      logicalId: resource.logicalId,
      ...(physical !== undefined ? { physicalId: physical } : {}),
      resourceType: resource.type,
      timestamp,
      status,
      ...(reason !== undefined ? { reason } : {}),
    })
  }
}

const BUSY = /_IN_PROGRESS$/

export function isBusy(stack: Stack): boolean {
  return BUSY.test(stack.status) && stack.status !== "REVIEW_IN_PROGRESS"
}

// States from which an update may start; a stack that failed to create, or whose rollback
// failed, can only be deleted (or, for UPDATE_ROLLBACK_FAILED, rolled back further).
const UPDATABLE = new Set(["CREATE_COMPLETE", "UPDATE_COMPLETE", "UPDATE_ROLLBACK_COMPLETE", "CREATE_FAILED", "UPDATE_FAILED", "IMPORT_COMPLETE", "IMPORT_ROLLBACK_COMPLETE"])

export function isUpdatable(stack: Stack): boolean {
  return UPDATABLE.has(stack.status)
}

export function tagsFrom(given: Record<string, string>[]): Tag[] {
  return given.map((tag) => {
    if (tag["Key"] === undefined || tag["Value"] === undefined) throw validationError("Tags must have a Key and a Value")
    return { Key: tag["Key"], Value: tag["Value"] }
  })
}
