/**
 * SQS's limits on queue settings, and the dead-letter queue a queue may name.
 * @module
 */
import { CfnResource } from "../../compiler/index.ts"

/** Seconds allowed per setting, and the name length (SQS's CreateQueue limits). */
export const QUEUE_LIMITS = {
  nameLength: 80,
  visibilityTimeout: [0, 43200],
  retentionPeriod: [60, 1209600],
  deliveryDelay: [0, 900],
  receiveMessageWaitTime: [0, 20],
} as const

export interface QueueDeadLetterQueueProps {
  /** The dead-letter queue: a Queue (or its `cdk.queue`), or any object with `queueArn`. */
  queue: { queueArn: string } | CfnResource
  /** Receives before a message moves to the dead-letter queue (1 to 1000). */
  maxReceiveCount: number
}

export function isDeadLetterTarget(value: unknown): boolean {
  if (value instanceof CfnResource) return value.type === "AWS::SQS::Queue"
  return typeof (value as { queueArn?: unknown } | null)?.queueArn === "string"
}

export function deadLetterQueueArn(queue: QueueDeadLetterQueueProps["queue"]): string {
  return queue instanceof CfnResource ? queue.getAtt("Arn") : queue.queueArn
}
