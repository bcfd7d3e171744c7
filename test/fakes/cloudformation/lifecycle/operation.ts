// One running stack operation (create, update, rollback, delete): its pace and its events.
// In EXPRESS mode a resource is done once its configuration is applied, so the operation does
// not wait for resources to stabilize (`settle`), only for each stack-level transition (`tick`).

import type { FakeContext } from "../context.ts"
import type { Evaluator } from "../intrinsics.ts"
import { liveEvaluator } from "../scopes.ts"
import type { Deployment, ResourceState, Stack } from "../state.ts"

export class Operation {
  constructor(
    readonly ctx: FakeContext,
    readonly stack: Stack,
    readonly express: boolean,
  ) {}

  /** A stack-level state transition. */
  tick(): Promise<void> {
    return this.ctx.scheduler.sleep()
  }

  /** Resources reaching a steady state; skipped in EXPRESS mode. */
  settle(): Promise<void> {
    return this.express ? Promise.resolve() : this.ctx.scheduler.sleep()
  }

  stackEvent(status: string, reason?: string): void {
    this.ctx.store.stackEvent(this.stack, status, reason)
  }

  resourceEvent(resource: ResourceState, status: string, reason?: string, physicalId?: string): void {
    this.ctx.store.resourceEvent(this.stack, resource, status, reason, physicalId)
  }

  evaluator(deployment: Deployment): Evaluator {
    return liveEvaluator(this.ctx.store, this.ctx.spec, this.stack, deployment)
  }

  failure(logicalId: string, operation: "create" | "update" | "delete"): string | undefined {
    return this.ctx.faults.resourceFailure(this.stack.stackName, logicalId, operation)
  }
}

/** "The following resource(s) failed to create: [A, B]." as in a stack's status reason. */
export function failedResources(verb: "create" | "update" | "delete", logicalIds: string[]): string {
  return `The following resource(s) failed to ${verb}: [${logicalIds.join(", ")}].`
}
