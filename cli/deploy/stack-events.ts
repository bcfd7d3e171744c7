/**
 * Following a stack operation through DescribeStackEvents until the stack reaches a final
 * status, and finding the root cause of a failure: the oldest failed resource event of the
 * operation that is not a cancellation ("Resource creation cancelled" is a consequence), never
 * the final ROLLBACK_COMPLETE.
 *
 * Events come newest first and paginated. Each poll reads pages until it meets an event it has
 * already seen or one from before the operation (the boundary), so a long operation costs one
 * call per poll. The stack-level event that ends the operation ends the wait; a DescribeStacks
 * every few polls guards against an event that never shows.
 * @module
 */
import { DescribeStackEventsCommand, type CloudFormationClient, type StackEvent } from "@aws-sdk/client-cloudformation"
import { callAws } from "./errors.ts"
import { sleep } from "./poll.ts"
import { describeStack, isTerminal } from "./stack-state.ts"

export interface OperationEvent {
  eventId: string
  logicalId: string
  physicalId?: string
  resourceType: string
  status: string
  reason?: string
  timestamp: Date
  /** The event is about the stack itself, not one of its resources. */
  isStack: boolean
}

/** Where the operation starts: after this event id, or at or after this time (server clock). */
export interface EventBoundary {
  afterEventId?: string
  since?: Date
}

export interface FollowOptions {
  stackId: string
  stackName: string
  boundary: EventBoundary
  pollMs: number
  signal?: AbortSignal
  onEvent?(event: OperationEvent): void
}

export interface FollowResult {
  status: string
  statusReason?: string
  /** The operation's events, oldest first. */
  events: OperationEvent[]
}

const STATUS_CHECK_EVERY = 5

export async function followStackOperation(cloudFormation: CloudFormationClient, options: FollowOptions): Promise<FollowResult> {
  const seen = new Set<string>()
  const events: OperationEvent[] = []
  for (let poll = 1; ; poll++) {
    const fresh = await readNewEvents(cloudFormation, options, seen)
    for (const event of fresh) {
      events.push(event)
      options.onEvent?.(event)
    }
    const end = fresh.findLast((event) => event.isStack && isTerminal(event.status))
    if (end) return { status: end.status, ...(end.reason ? { statusReason: end.reason } : {}), events }
    if (poll % STATUS_CHECK_EVERY === 0) {
      const state = await describeStack(cloudFormation, options.stackId)
      const status = state?.status ?? "DELETE_COMPLETE"
      if (isTerminal(status)) {
        // The events may have lagged; read them once more so the root cause is in hand.
        for (const event of await readNewEvents(cloudFormation, options, seen)) {
          events.push(event)
          options.onEvent?.(event)
        }
        return { status, ...(state?.statusReason ? { statusReason: state.statusReason } : {}), events }
      }
    }
    await sleep(poll < 4 ? Math.min(options.pollMs, 250 * poll) : options.pollMs, options.signal)
  }
}

/** The newest event id of a stack: the boundary for an operation about to start. */
export async function newestEventId(cloudFormation: CloudFormationClient, stackId: string): Promise<string | undefined> {
  const answer = await callAws(`reading the events of ${stackId}`, () => cloudFormation.send(new DescribeStackEventsCommand({ StackName: stackId })))
  return answer.StackEvents?.[0]?.EventId
}

async function readNewEvents(cloudFormation: CloudFormationClient, options: FollowOptions, seen: Set<string>): Promise<OperationEvent[]> {
  const fresh: OperationEvent[] = []
  let token: string | undefined
  pages: do {
    const answer = await callAws(`reading the events of ${options.stackName}`, () =>
      cloudFormation.send(new DescribeStackEventsCommand({ StackName: options.stackId, ...(token ? { NextToken: token } : {}) })),
    )
    for (const raw of answer.StackEvents ?? []) {
      const event = toEvent(raw, options.stackName)
      if (seen.has(event.eventId) || isBeforeBoundary(event, options.boundary)) break pages
      seen.add(event.eventId)
      fresh.push(event)
    }
    token = answer.NextToken
  } while (token)
  return fresh.reverse()
}

function isBeforeBoundary(event: OperationEvent, boundary: EventBoundary): boolean {
  if (boundary.afterEventId !== undefined && event.eventId === boundary.afterEventId) return true
  return boundary.since !== undefined && event.timestamp.getTime() < boundary.since.getTime()
}

function toEvent(raw: StackEvent, stackName: string): OperationEvent {
  const logicalId = raw.LogicalResourceId ?? ""
  const resourceType = raw.ResourceType ?? ""
  return {
    eventId: raw.EventId ?? `${logicalId}-${raw.ResourceStatus}-${raw.Timestamp?.toISOString()}`,
    logicalId,
    ...(raw.PhysicalResourceId ? { physicalId: raw.PhysicalResourceId } : {}),
    resourceType,
    status: raw.ResourceStatus ?? "",
    ...(raw.ResourceStatusReason ? { reason: raw.ResourceStatusReason } : {}),
    timestamp: raw.Timestamp ?? new Date(0),
    isStack: resourceType === "AWS::CloudFormation::Stack" && logicalId === stackName,
  }
}

const CANCELLED = /cancelled|canceled/i

/**
 * The event that explains a failed operation: the oldest failed resource event that is not a
 * cancellation; else the oldest failed one; else the stack's own failure or rollback reason.
 */
export function rootCause(events: readonly OperationEvent[]): OperationEvent | undefined {
  const failed = events.filter((event) => event.status.endsWith("_FAILED"))
  const resources = failed.filter((event) => !event.isStack)
  return (
    resources.find((event) => !CANCELLED.test(event.reason ?? "")) ??
    resources[0] ??
    failed[0] ??
    events.find((event) => event.isStack && /ROLLBACK_IN_PROGRESS$/.test(event.status) && event.reason)
  )
}
