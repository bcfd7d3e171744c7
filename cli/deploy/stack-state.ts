/**
 * A stack as CloudFormation has it now, read with one DescribeStacks call, and what each
 * status allows the deployer to do next.
 * @module
 */
import { DescribeStacksCommand, GetTemplateCommand, type CloudFormationClient, type Stack } from "@aws-sdk/client-cloudformation"
import { isStackMissing } from "../aws/errors.ts"
import { callAws, explainAwsError } from "./errors.ts"

export interface StackState {
  stackId: string
  stackName: string
  status: string
  statusReason?: string
  lastUpdated?: Date
  parameters: Record<string, string>
  outputs: Record<string, string>
  tags: Record<string, string>
}

/** The stack's state, or undefined when there is no such stack (deleted ones included). */
export async function describeStack(cloudFormation: CloudFormationClient, nameOrId: string): Promise<StackState | undefined> {
  try {
    const answer = await cloudFormation.send(new DescribeStacksCommand({ StackName: nameOrId }))
    const stack = answer.Stacks?.[0]
    if (!stack || stack.StackStatus === "DELETE_COMPLETE") return undefined
    return toState(stack)
  } catch (error) {
    if (isStackMissing(error)) return undefined
    throw explainAwsError(error, `reading the state of stack ${nameOrId}`)
  }
}

/** The template CloudFormation holds for the stack, as it was submitted. */
export async function getDeployedTemplate(cloudFormation: CloudFormationClient, stackName: string): Promise<string | undefined> {
  const answer = await callAws(`reading the deployed template of ${stackName}`, () =>
    cloudFormation.send(new GetTemplateCommand({ StackName: stackName, TemplateStage: "Original" })),
  )
  return answer.TemplateBody
}

function toState(stack: Stack): StackState {
  const entries = <T>(list: T[] | undefined, key: (item: T) => string | undefined, value: (item: T) => string | undefined) =>
    Object.fromEntries((list ?? []).flatMap((item) => {
      const k = key(item)
      return k === undefined ? [] : [[k, value(item) ?? ""]]
    }))
  return {
    stackId: stack.StackId ?? stack.StackName ?? "",
    stackName: stack.StackName ?? "",
    status: stack.StackStatus ?? "UNKNOWN",
    statusReason: stack.StackStatusReason,
    lastUpdated: stack.LastUpdatedTime ?? stack.CreationTime,
    parameters: entries(stack.Parameters, (p) => p.ParameterKey, (p) => p.ParameterValue),
    outputs: entries(stack.Outputs, (o) => o.OutputKey, (o) => o.OutputValue),
    tags: entries(stack.Tags, (t) => t.Key, (t) => t.Value),
  }
}

/** Another operation is running on the stack; it can be neither updated nor deleted now. */
export function isBusy(status: string): boolean {
  return status.endsWith("_IN_PROGRESS") && status !== "REVIEW_IN_PROGRESS"
}

/** States from which a change set of type UPDATE may be created and executed. */
const UPDATABLE = new Set([
  "CREATE_COMPLETE",
  "UPDATE_COMPLETE",
  "UPDATE_ROLLBACK_COMPLETE",
  "IMPORT_COMPLETE",
  "IMPORT_ROLLBACK_COMPLETE",
  // Left by an update that failed with rollback disabled (--no-rollback or express mode): a new
  // update may start from it.
  "UPDATE_FAILED",
])

export function isUpdatable(status: string): boolean {
  return UPDATABLE.has(status)
}

/**
 * States of a stack whose first create never completed: it holds nothing worth keeping and can
 * only be deleted. `REVIEW_IN_PROGRESS` is the empty shell a CREATE change set leaves when it
 * fails or is deleted; `CREATE_FAILED` is a failed create with rollback disabled.
 */
const FAILED_CREATE = new Set(["ROLLBACK_COMPLETE", "ROLLBACK_FAILED", "CREATE_FAILED", "REVIEW_IN_PROGRESS"])

export function isFailedCreate(status: string): boolean {
  return FAILED_CREATE.has(status)
}

/** A stack-level status that ends an operation. */
export function isTerminal(status: string): boolean {
  return (status.endsWith("_COMPLETE") || status.endsWith("_FAILED")) && !status.endsWith("_IN_PROGRESS")
}

/** A terminal status that means the requested deploy took effect. */
export function isDeploySuccess(status: string): boolean {
  return status === "CREATE_COMPLETE" || status === "UPDATE_COMPLETE" || status === "IMPORT_COMPLETE"
}
