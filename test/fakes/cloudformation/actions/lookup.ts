// Finding the stack or change set a request names, with the errors each action gives when it
// names nothing.

import { changeSetNotFound, stackNotFound, validationError } from "../errors.ts"
import { isArn } from "../ids.ts"
import type { ChangeSet, Stack, Store } from "../state.ts"

export function findChangeSet(store: Store, changeSetName: string, stackName: string | undefined): ChangeSet {
  if (isArn(changeSetName)) {
    const changeSet = store.changeSets.find((cs) => cs.id === changeSetName && !cs.deleted)
    if (!changeSet) throw changeSetNotFound(changeSetName)
    return changeSet
  }
  if (stackName === undefined) throw validationError("StackName must be specified if ChangeSetName is not specified as an ARN.")
  const stack = store.findStack(stackName)
  if (!stack) throw stackNotFound(stackName)
  const changeSet = store.changeSetsOf(stack).find((cs) => cs.name === changeSetName)
  if (!changeSet) throw changeSetNotFound(changeSetName)
  return changeSet
}

export function stackOf(store: Store, changeSet: ChangeSet): Stack {
  const stack = store.findStack(changeSet.stackId)
  if (!stack) throw new Error(`internal: change set ${changeSet.id} has no stack`)
  return stack
}
