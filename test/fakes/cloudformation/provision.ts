// Provisioning hooks: what makes a resource the fake creates exist in another fake, as it would
// in a real account (a bucket a template creates can then be written to in the S3 fake, and
// deleting it fails while it holds objects). The fake itself only tracks resources; a test wires
// a hook per resource type (test/helpers/local-aws.ts does it for AWS::S3::Bucket).
//
// When the hooks run: `create` once a resource's creation settles, before CREATE_COMPLETE (or,
// for a replacement, before the new resource's UPDATE_COMPLETE); `delete` when a resource is
// deleted (a stack delete, an update's cleanup, the old half of a replacement, a rollback). A
// hook that throws fails that resource with the error's message as the event's reason, as the
// service's own error becomes CloudFormation's ResourceStatusReason. `delete` also runs for a
// resource whose creation failed or was cancelled, because CloudFormation deletes those on
// rollback too: it must treat a missing resource as deleted.

/** What happens in another service when the fake creates or deletes a resource of one type. */
export interface Provisioner {
  /** The resource was created with this physical id (a bucket's name, a queue's URL, ...). */
  create?(physicalId: string): void | Promise<void>
  /** The resource with this physical id is being deleted; a missing one counts as deleted. */
  delete?(physicalId: string): void | Promise<void>
}

/** Hooks by resource type, e.g. `{ "AWS::S3::Bucket": { create, delete } }`. */
export type Provisioners = Readonly<Record<string, Provisioner>>

const RESOURCE_TYPE = /^[A-Za-z0-9]+::[A-Za-z0-9]+::[A-Za-z0-9]+$/
const HOOK_NAMES = new Set(["create", "delete"])

/** Refuses what is not a map of resource types to `{ create?, delete? }` functions. */
export function checkProvisioners(value: unknown): void {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new TypeError(`"provision" must be an object of resource types to { create, delete } hooks, got ${String(value)}`)
  }
  for (const [type, provisioner] of Object.entries(value)) {
    if (!RESOURCE_TYPE.test(type)) throw new TypeError(`"provision" keys are resource types such as "AWS::S3::Bucket", got "${type}"`)
    if (typeof provisioner !== "object" || provisioner === null) throw new TypeError(`provision["${type}"] must be an object with create and/or delete functions`)
    for (const [name, hook] of Object.entries(provisioner)) {
      if (!HOOK_NAMES.has(name)) throw new TypeError(`Invalid hook in provision["${type}"]: "${name}" (allowed: create, delete)`)
      if (typeof hook !== "function") throw new TypeError(`provision["${type}"].${name} must be a function`)
    }
  }
}

/** Runs the type's hook, if any; returns the reason the resource fails, or undefined. */
export async function runHook(provisioners: Provisioners, hook: "create" | "delete", type: string, physicalId: string | undefined): Promise<string | undefined> {
  const run = Object.hasOwn(provisioners, type) ? provisioners[type]![hook] : undefined
  if (!run || physicalId === undefined) return undefined
  try {
    await run(physicalId)
    return undefined
  } catch (error) {
    return error instanceof Error ? error.message : String(error)
  }
}
