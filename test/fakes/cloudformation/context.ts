// What every action and background operation of one fake shares.

import type { Faults } from "./faults.ts"
import type { Provisioners } from "./provision.ts"
import type { ResourceSpec } from "./resource-spec.ts"
import type { Scheduler } from "./scheduler.ts"
import type { Store } from "./state.ts"

export interface FakeContext {
  store: Store
  spec: ResourceSpec
  scheduler: Scheduler
  faults: Faults
  /** Hooks that make created resources exist in other fakes (provision.ts). */
  provision: Provisioners
  fetchTemplateUrl(url: string): Promise<string>
}
