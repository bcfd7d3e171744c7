// The errors the fake answers with, worded as CloudFormation words them. Each message below was
// checked against the API reference, recorded responses (LocalStack's snapshots are recorded
// against real AWS) or error reports from users; the few that could not be are marked "unverified".

import type { Stack } from "./state.ts"

/** An error response: HTTP status, `<Type>`, `<Code>` and `<Message>` of the awsQuery error body. */
export class CfnError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
    readonly type: "Sender" | "Receiver" = "Sender",
  ) {
    super(message)
  }
}

export function validationError(message: string): CfnError {
  return new CfnError("ValidationError", message)
}

/** DescribeStacks, DescribeStackResources and GetTemplate word a missing stack this way. */
export function stackWithIdNotFound(stackName: string): CfnError {
  return validationError(`Stack with id ${stackName} does not exist`)
}

/** The change set and event actions word a missing stack this way. */
export function stackNotFound(stackName: string): CfnError {
  return validationError(`Stack [${stackName}] does not exist`)
}

export function changeSetNotFound(changeSetName: string): CfnError {
  return new CfnError("ChangeSetNotFound", `ChangeSet [${changeSetName}] does not exist`, 404)
}

/** Any update-like call on a stack that is busy or in a state that only allows deletion. */
export function cannotBeUpdated(stack: Stack): CfnError {
  return validationError(`Stack:${stack.stackId} is in ${stack.status} state and can not be updated.`)
}

/** Missing required input: the SDK lets it through, the service's model validation refuses it. */
export function missingParameter(memberName: string): CfnError {
  const camel = memberName.charAt(0).toLowerCase() + memberName.slice(1)
  return validationError(
    `1 validation error detected: Value null at '${camel}' failed to satisfy constraint: Member must not be null`,
  )
}

export function throttling(): CfnError {
  return new CfnError("Throttling", "Rate exceeded")
}
