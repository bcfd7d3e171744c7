/**
 * Statements of resource policies (queue and topic policies) that let an AWS service deliver to
 * the resource on behalf of one source only.
 * @module
 */
import type { Value } from "../../compiler/index.ts"

/** A statement of a resource policy: an IAM statement with a principal. */
export interface ResourcePolicyStatement {
  Sid?: string
  Effect: "Allow" | "Deny"
  Principal: "*" | { Service: string } | { AWS: string | string[] }
  Action: string | string[]
  Resource: string | string[]
  Condition?: Record<string, Record<string, Value>>
}

/**
 * Allows `service` (e.g. "sns.amazonaws.com") to `action` on `resource` only for `sourceArn`, and,
 * when given, only from `sourceAccount` (for S3, whose bucket ARNs hold no account).
 */
export function serviceStatement(service: string, action: string, resource: string, sourceArn: string, sourceAccount?: string): ResourcePolicyStatement {
  const condition: Record<string, Record<string, Value>> = { ArnEquals: { "aws:SourceArn": sourceArn } }
  if (sourceAccount) condition.StringEquals = { "aws:SourceAccount": sourceAccount }
  return { Effect: "Allow", Principal: { Service: service }, Action: action, Resource: resource, Condition: condition }
}
