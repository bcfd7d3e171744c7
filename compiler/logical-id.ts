/**
 * Logical IDs from construct paths.
 *
 * People read logical IDs in change sets, so they are the path below the stack with every
 * character that is not a letter or digit removed ("Api/Route/GET_notes" → "ApiRouteGETnotes").
 * A path component named "Resource" or "Default" is left out, so a construct's main resource
 * carries the construct's own name ("Notes/Table/Resource" → "NotesTable"). There is no hash
 * suffix: two paths that map to one ID are an error naming both, never silently renamed.
 * @module
 */
import type { Construct } from "./construct.ts"
import type { CfnElement } from "./element.ts"
import type { Problem } from "./errors.ts"
import type { CoreStack } from "./stack.ts"

export const LOGICAL_ID_PATTERN = /^[A-Za-z0-9]{1,255}$/
const HIDDEN_COMPONENTS = new Set(["Resource", "Default"])

/** The logical ID for a list of path components below the stack. */
export function logicalIdFromComponents(components: readonly string[]): string {
  return components
    .filter((component) => !HIDDEN_COMPONENTS.has(component))
    .map((component) => component.replace(/[^A-Za-z0-9]/g, ""))
    .join("")
}

/** Path components of `node` below `stack`. */
export function componentsBelow(stack: CoreStack, node: Construct): string[] {
  const components: string[] = []
  for (let current: Construct | undefined = node; current && current !== stack; current = current.scope) {
    components.unshift(current.id)
  }
  return components
}

/**
 * Assigns a logical ID to every element of a stack, per template section. Collisions and
 * invalid IDs are returned as problems.
 */
export function assignLogicalIds(stack: CoreStack, elements: readonly CfnElement[]): { ids: Map<CfnElement, string>; problems: Problem[] } {
  const ids = new Map<CfnElement, string>()
  const problems: Problem[] = []
  const owners = new Map<string, CfnElement>() // "Section/Id" → element
  for (const element of elements) {
    const id = element.logicalIdOverride ?? logicalIdFromComponents(componentsBelow(stack, element))
    ids.set(element, id)
    if (!LOGICAL_ID_PATTERN.test(id)) {
      problems.push({
        code: "InvalidLogicalId",
        path: element.displayPath,
        construct: element.constructor.name,
        problem: `gets the logical ID ${JSON.stringify(id)}, which CloudFormation refuses.`,
        allowed: "1 to 255 letters and digits.",
        fix:
          id.length > 255
            ? "shorten the ids along this path."
            : 'rename it: ids "Resource" and "Default" are left out of logical IDs, so they need a scope with another id (or use overrideLogicalId with letters and digits).',
      })
      continue
    }
    // Resources, parameters, conditions and mappings share one namespace for Ref and GetAtt.
    const twin = owners.get(id)
    if (twin) {
      problems.push({
        code: "LogicalIdCollision",
        path: element.displayPath,
        construct: element.constructor.name,
        problem: `and "${twin.displayPath}" are now both named ${JSON.stringify(id)} in stack "${stack.stackName}".`,
        allowed: "paths that stay distinct once characters other than letters and digits are removed.",
        fix: "rename one of the two constructs (for example add a word to its id).",
      })
      continue
    }
    owners.set(id, element)
  }
  return { ids, problems }
}
