/**
 * A failed stack, described by its root cause: the stack, the resource's logical ID, its type,
 * the construct path it came from, the reason CloudFormation gave for the first failure, and
 * what to do next. Data only; `cli/ui/deploy-summary.ts` renders it.
 * @module
 */
import { DeployError } from "./errors.ts"
import { rootCause, type OperationEvent } from "./stack-events.ts"

export interface StackFailure {
  stack: string
  code: string
  /** One sentence: what happened to the stack. */
  summary: string
  logicalId?: string
  resourceType?: string
  /** The construct path of the resource (from the manifest's resourcePaths). */
  path?: string
  /** CloudFormation's reason for the first failure. */
  reason?: string
  /** The stack's status at the end. */
  status?: string
  fix?: string
}

export function failureFromError(stack: string, error: unknown): StackFailure {
  if (error instanceof DeployError) {
    return { stack, code: error.code, summary: error.problem, ...(error.fix ? { fix: error.fix } : {}) }
  }
  const message = error instanceof Error ? error.message : String(error)
  return { stack, code: message.startsWith("internal:") ? "InternalError" : "Error", summary: message }
}

/** The failure of an operation that ended in `status`, explained by its first failed event. */
export function failureFromEvents(stack: string, operation: "deploy" | "delete" | "rollback", status: string, events: readonly OperationEvent[], paths: Readonly<Record<string, string>>): StackFailure {
  const cause = rootCause(events)
  const resource = cause && !cause.isStack ? cause : undefined
  const failure: StackFailure = {
    stack,
    code: operation === "delete" ? "StackDeleteFailed" : operation === "rollback" ? "RollbackFailed" : "StackDeployFailed",
    summary: summaryOf(operation, status),
    status,
    ...(resource ? { logicalId: resource.logicalId, resourceType: resource.resourceType } : {}),
    ...(resource && paths[resource.logicalId] ? { path: paths[resource.logicalId] } : {}),
    ...(cause?.reason ? { reason: cause.reason } : {}),
  }
  const fix = fixFor(stack, operation, status, cause?.reason, resource)
  return fix ? { ...failure, fix } : failure
}

function summaryOf(operation: "deploy" | "delete" | "rollback", status: string): string {
  if (operation === "delete") return `could not be deleted (${status})`
  if (operation === "rollback") return `could not finish rolling back (${status})`
  switch (status) {
    case "ROLLBACK_COMPLETE":
      return "failed to create and was rolled back (ROLLBACK_COMPLETE)"
    case "UPDATE_ROLLBACK_COMPLETE":
      return "failed to update and was rolled back to its previous state (UPDATE_ROLLBACK_COMPLETE)"
    case "CREATE_FAILED":
    case "UPDATE_FAILED":
      return `failed and was left as it is, without rollback (${status})`
    default:
      return `failed (${status})`
  }
}

function fixFor(stack: string, operation: "deploy" | "delete" | "rollback", status: string, reason: string | undefined, resource: OperationEvent | undefined): string | undefined {
  if (reason && /already exists/i.test(reason)) {
    return "a resource with this name exists outside this stack (kept by an earlier removal, or made by another stage or by hand): delete it, or change the name it is given."
  }
  if (reason && /not empty/i.test(reason)) {
    return "empty the bucket (aws s3 rm s3://<bucket> --recursive), then run the command again."
  }
  switch (status) {
    case "ROLLBACK_COMPLETE":
    case "ROLLBACK_FAILED":
    case "CREATE_FAILED":
      return "fix the cause above and deploy again; the next deploy deletes the failed stack and creates it anew."
    case "UPDATE_ROLLBACK_FAILED":
      return `${operation === "deploy" ? "the next sst deploy continues the rollback first. If CloudFormation still cannot restore" : "CloudFormation cannot restore"} ${resource ? resource.logicalId : "a resource"}: fix it by hand so it matches the previous deploy, or skip it with: aws cloudformation continue-update-rollback --stack-name ${stack}${resource ? ` --resources-to-skip ${resource.logicalId}` : ""}; then deploy again.`
    case "DELETE_FAILED":
      return "fix the cause above, then run sst remove again."
    default:
      return undefined
  }
}
