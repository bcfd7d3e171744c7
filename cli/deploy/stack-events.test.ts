import assert from "node:assert/strict"
import { test } from "node:test"
import { rootCause, type OperationEvent } from "./stack-events.ts"

let n = 0
const event = (logicalId: string, status: string, reason?: string, isStack = false): OperationEvent => ({
  eventId: String(++n),
  logicalId,
  resourceType: isStack ? "AWS::CloudFormation::Stack" : "AWS::SQS::Queue",
  status,
  ...(reason ? { reason } : {}),
  timestamp: new Date(n * 1000),
  isStack,
})

test("the root cause is the oldest failure that is not a cancellation, not the final rollback", () => {
  const events = [
    event("app", "CREATE_IN_PROGRESS", "User Initiated", true),
    event("Table", "CREATE_FAILED", "Resource creation cancelled"),
    event("Queue", "CREATE_FAILED", "Invalid value for MessageRetentionPeriod"),
    event("app", "ROLLBACK_IN_PROGRESS", "The following resource(s) failed to create: [Queue, Table].", true),
    event("Queue", "DELETE_FAILED", "Queue is busy"),
    event("app", "ROLLBACK_FAILED", undefined, true),
  ]
  assert.equal(rootCause(events)?.reason, "Invalid value for MessageRetentionPeriod")
})

test("without a resource failure, the stack's own failure explains it", () => {
  const events = [event("app", "UPDATE_IN_PROGRESS", "User Initiated", true), event("app", "UPDATE_ROLLBACK_IN_PROGRESS", "Parameter validation failed", true), event("app", "UPDATE_ROLLBACK_COMPLETE", undefined, true)]
  assert.equal(rootCause(events)?.reason, "Parameter validation failed")
})
