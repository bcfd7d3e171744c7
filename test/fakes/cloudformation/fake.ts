// Starts a CloudFormation fake on 127.0.0.1 and gives tests the handles they need: the endpoint
// for the real SDK client, the calls it received, the stacks it holds, and ways to make things
// go wrong (a failing resource, a failing rollback, throttling).
//
// Design: the fake follows the service's documented and observed behaviour rather than a
// simplification of it: change sets and stack operations answer at once and progress in the
// background, one transition per `delayMs`; resources are created in dependency waves with
// CloudFormation's events; references are evaluated, so outputs carry real-looking values. The
// resource specification (@aws-cdk/aws-service-spec) supplies names, ARNs, attributes and which
// changes replace a resource. One region (us-east-1) of one account (123456789012).

import { Faults } from "./faults.ts"
import type { FaultOptions } from "./faults.ts"
import { checkProvisioners } from "./provision.ts"
import type { Provisioners } from "./provision.ts"
import { ResourceSpec } from "./resource-spec.ts"
import { Scheduler } from "./scheduler.ts"
import { listen } from "./server.ts"
import type { Call } from "./server.ts"
import { Store } from "./state.ts"
import type { Stack } from "./state.ts"

export interface CloudFormationFakeOptions {
  /** Time each state transition takes, in milliseconds. @default 10 */
  delayMs?: number
  /** Reads a TemplateURL. @default global fetch, failing on a status other than 2xx */
  fetchTemplateUrl?: (url: string) => Promise<string>
  /**
   * Hooks by resource type that make what a template creates exist elsewhere, as in a real
   * account: `create(physicalId)` before a resource is CREATE_COMPLETE, `delete(physicalId)` when
   * it is deleted; a hook that throws fails the resource with the error's message (provision.ts).
   * @example provision: { "AWS::S3::Bucket": { create: (name) => s3.createBucket(name), delete: (name) => s3.deleteBucket(name) } }
   * @default {} (resources exist only in the fake)
   */
  provision?: Provisioners
}

export interface StackView {
  stackName: string
  stackId: string
  status: string
  statusReason?: string
  parameters: Record<string, string>
  outputs: Record<string, string>
  tags: Record<string, string>
  /** The template in force, parsed; undefined for a stack still in REVIEW_IN_PROGRESS. */
  template?: unknown
  resources: { logicalId: string; type: string; physicalId?: string; status: string }[]
}

export interface CloudFormationFake {
  /** "http://127.0.0.1:PORT", for `new CloudFormationClient({ endpoint })`. */
  endpoint: string
  close(): Promise<void>
  /** Every request received, in order (throttled ones included). */
  calls: Call[]
  /** The stacks that are not deleted. */
  stacks(): StackView[]
  /**
   * Makes the resource fail with `reason` when an operation creates, updates or deletes it (by
   * default create and update, every time). An update that leaves the resource alone does not fail.
   */
  failResource(stackName: string, logicalId: string, reason: string, options?: FaultOptions): void
  /** Makes the rollback of the resource fail, leaving the stack in UPDATE_ROLLBACK_FAILED. */
  failRollback(stackName: string, logicalId: string, reason: string, options?: Pick<FaultOptions, "once">): void
  /** The next `count` requests answer HTTP 400 Throttling "Rate exceeded". */
  throttle(count: number): void
}

const OPTION_NAMES = new Set(["delayMs", "fetchTemplateUrl", "provision"])

export async function startCloudFormationFake(options: CloudFormationFakeOptions = {}): Promise<CloudFormationFake> {
  checkOptions(options)
  const store = new Store()
  const scheduler = new Scheduler(options.delayMs ?? 10)
  const faults = new Faults()
  const spec = await ResourceSpec.load()
  const ctx = { store, spec, scheduler, faults, provision: options.provision ?? {}, fetchTemplateUrl: options.fetchTemplateUrl ?? fetchText }
  const calls: Call[] = []
  let throttled = 0
  const { server, endpoint } = await listen(ctx, {
    calls,
    takeThrottle: () => (throttled > 0 ? (throttled--, true) : false),
  })
  return {
    endpoint,
    calls,
    close: async () => {
      scheduler.close()
      server.closeAllConnections()
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())))
    },
    stacks: () => store.liveStacks().map(viewOf),
    failResource: (stackName, logicalId, reason, faultOptions) => faults.failResource(stackName, logicalId, reason, faultOptions),
    failRollback: (stackName, logicalId, reason, faultOptions) => faults.failRollback(stackName, logicalId, reason, faultOptions),
    throttle: (count) => {
      if (!Number.isInteger(count) || count < 0) throw new TypeError(`throttle(count): "count" must be a whole number >= 0, got ${count}`)
      throttled = count
    },
  }
}

function checkOptions(options: CloudFormationFakeOptions): void {
  for (const key of Object.keys(options)) {
    if (!OPTION_NAMES.has(key)) throw new TypeError(`Invalid option in startCloudFormationFake(): "${key}"`)
  }
  const { delayMs } = options
  if (delayMs !== undefined && (typeof delayMs !== "number" || !(delayMs >= 0))) {
    throw new TypeError(`"delayMs" must be a number >= 0, got ${String(delayMs)}`)
  }
  if (options.provision !== undefined) checkProvisioners(options.provision)
}

async function fetchText(url: string): Promise<string> {
  const response = await fetch(url)
  if (!response.ok) throw new Error(`GET ${url}: HTTP ${response.status}`)
  return response.text()
}

function viewOf(stack: Stack): StackView {
  const deployment = stack.deployment
  return {
    stackName: stack.stackName,
    stackId: stack.stackId,
    status: stack.status,
    ...(stack.statusReason !== undefined ? { statusReason: stack.statusReason } : {}),
    parameters: Object.fromEntries((deployment?.parameters ?? []).map((p) => [p.key, p.value])),
    outputs: Object.fromEntries(stack.outputs.map((o) => [o.key, o.value])),
    tags: Object.fromEntries((deployment?.tags ?? []).map((t) => [t.Key, t.Value])),
    ...(deployment ? { template: deployment.template } : {}),
    resources: [...stack.resources.values()].map((r) => ({
      logicalId: r.logicalId,
      type: r.type,
      ...(r.physicalId !== undefined ? { physicalId: r.physicalId } : {}),
      status: r.status,
    })),
  }
}
