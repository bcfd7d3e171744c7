// Failures a test injects: a resource that fails to create, update or delete, or whose rollback
// fails. A fault lasts until the test's `once` says otherwise, as a real cause (a bucket that
// is not empty, a name already taken) lasts until someone fixes it.

export type FaultOperation = "create" | "update" | "delete"

export interface FaultOptions {
  /** The operation that fails; by default creating or updating the resource. */
  on?: FaultOperation
  /** Fail only the next time; by default every time. */
  once?: boolean
}

interface Fault {
  stackName: string
  logicalId: string
  reason: string
  on?: FaultOperation
  once: boolean
}

export class Faults {
  private readonly resourceFaults: Fault[] = []
  private readonly rollbackFaults: Fault[] = []

  failResource(stackName: string, logicalId: string, reason: string, options: FaultOptions = {}): void {
    this.resourceFaults.push({ stackName, logicalId, reason, ...(options.on ? { on: options.on } : {}), once: options.once ?? false })
  }

  failRollback(stackName: string, logicalId: string, reason: string, options: Pick<FaultOptions, "once"> = {}): void {
    this.rollbackFaults.push({ stackName, logicalId, reason, once: options.once ?? false })
  }

  /** The reason `operation` on the resource fails, if a fault was injected for it. */
  resourceFailure(stackName: string, logicalId: string, operation: FaultOperation): string | undefined {
    return take(this.resourceFaults, (f) =>
      f.stackName === stackName && f.logicalId === logicalId && (f.on === operation || (f.on === undefined && operation !== "delete")),
    )
  }

  rollbackFailure(stackName: string, logicalId: string): string | undefined {
    return take(this.rollbackFaults, (f) => f.stackName === stackName && f.logicalId === logicalId)
  }
}

function take(faults: Fault[], matches: (fault: Fault) => boolean): string | undefined {
  const index = faults.findIndex(matches)
  if (index === -1) return undefined
  const fault = faults[index]!
  if (fault.once) faults.splice(index, 1)
  return fault.reason
}
