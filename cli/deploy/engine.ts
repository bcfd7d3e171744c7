/**
 * What every stack operation of the deployer shares: the context it runs in (clients, reporter,
 * polling, the user's choices), the outcome of one stack, following an operation's events, and
 * deleting a stack.
 * @module
 */
import { DeleteStackCommand, type CloudFormationClient } from "@aws-sdk/client-cloudformation"
import { callAws, DeployError } from "./errors.ts"
import type { Reporter } from "./events.ts"
import { DEFAULT_POLL_MS } from "./poll.ts"
import { failureFromError, type StackFailure } from "./failure.ts"
import { followStackOperation, newestEventId, type EventBoundary, type FollowResult } from "./stack-events.ts"
import type { StackState } from "./stack-state.ts"
import type { TemplateBucket } from "./template-source.ts"

export interface StackSpec {
  name: string
  templateBody: string
  parameters: Record<string, string>
  tags: Record<string, string>
  /** Construct path by logical ID, to name resources in failures. */
  resourcePaths: Record<string, string>
  /** What this machine last deployed of the stack (deployed-record.ts), if anything. */
  lastDeployed?: { templateHash: string; lastUpdated: string }
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
  /** CloudFormation's express mode (DeploymentConfig Mode EXPRESS). */
  express: boolean
  /** False: a failed operation leaves resources as they are (DisableRollback). */
  rollback: boolean
  roleArn?: string
  /** Awaited before the first change set: the assets the templates refer to are uploaded. */
  beforeChange?(): Promise<void>
}

/** An engine context from a command's options; express and rollback are the command's to decide. */
export function createEngineContext(
  cloudFormation: CloudFormationClient,
  options: { report: Reporter; pollMs?: number; signal?: AbortSignal; wait?: boolean; roleArn?: string },
  mode: { express: boolean; rollback: boolean },
): EngineContext {
  return {
    cloudFormation,
    report: options.report,
    pollMs: options.pollMs ?? DEFAULT_POLL_MS,
    ...(options.signal ? { signal: options.signal } : {}),
    wait: options.wait ?? false,
    express: mode.express,
    rollback: mode.rollback,
    ...(options.roleArn ? { roleArn: options.roleArn } : {}),
  }
}

export type StackOutcome =
  | { status: "deployed" | "unchanged"; stackId: string; outputs: Record<string, string>; lastUpdated?: Date }
  | { status: "failed"; failure: StackFailure }

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

/** The boundary for an operation about to start: the stack's newest event now. */
export async function boundaryBefore(ctx: EngineContext, stackId: string): Promise<EventBoundary> {
  const id = await newestEventId(ctx.cloudFormation, stackId)
  return id ? { afterEventId: id } : {}
}

/** Follows an operation to its end, reporting each resource event. */
export function follow(ctx: EngineContext, state: Pick<StackState, "stackId" | "stackName">, boundary: EventBoundary): Promise<FollowResult> {
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

/** Carries a structured failure through a throw, back to the stack's outcome. */
export class StackFailureError extends DeployError {
  constructor(readonly failure: StackFailure) {
    super(failure.code, failure.summary, failure.fix)
  }
}

export function failureOf(error: unknown, stack: string): StackFailure {
  return error instanceof StackFailureError ? error.failure : failureFromError(stack, error)
}
