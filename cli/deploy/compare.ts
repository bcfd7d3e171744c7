/**
 * Is a stack already what we are about to deploy? Template, parameters and tags equal to the
 * deployed ones mean a change set could only say "no changes", so the stack is skipped without
 * one: creating and deleting an empty change set costs three calls and several seconds per stack.
 *
 * Templates are compared as parsed JSON with sorted keys, so formatting and key order do not
 * count; GetTemplate returns the template as it was submitted.
 * @module
 */

export interface DesiredStack {
  templateBody: string
  parameters: Record<string, string>
  tags: Record<string, string>
}

export interface DeployedStack {
  templateBody: string | undefined
  parameters: Record<string, string>
  tags: Record<string, string>
}

/** What differs, in a few words, or undefined when nothing does. */
export function findDifference(desired: DesiredStack, deployed: DeployedStack): string | undefined {
  if (deployed.templateBody === undefined) return "no deployed template"
  let deployedTemplate: unknown
  let desiredTemplate: unknown
  try {
    deployedTemplate = JSON.parse(deployed.templateBody)
  } catch {
    return "the deployed template is not JSON"
  }
  desiredTemplate = JSON.parse(desired.templateBody)
  if (normaliseJson(deployedTemplate) !== normaliseJson(desiredTemplate)) return "template"
  const parameter = differentParameter(desired.parameters, deployed.parameters, desiredTemplate)
  if (parameter !== undefined) return `parameter ${parameter}`
  if (normaliseJson(desired.tags) !== normaliseJson(deployed.tags)) return "tags"
  return undefined
}

/**
 * What differs in the stack's own state (DescribeStacks), without its template: tags, or a
 * parameter we pass. When something does, GetTemplate is not needed to know the stack changes.
 */
export function findStateDifference(desired: Omit<DesiredStack, "templateBody">, deployed: Omit<DeployedStack, "templateBody">): string | undefined {
  for (const [name, value] of Object.entries(desired.parameters)) if (deployed.parameters[name] !== value) return `parameter ${name}`
  if (normaliseJson(desired.tags) !== normaliseJson(deployed.tags)) return "tags"
  return undefined
}

/** JSON text with object keys sorted at every level: equal values give equal text. */
export function normaliseJson(value: unknown): string {
  return JSON.stringify(sortKeys(value))
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys)
  if (value !== null && typeof value === "object") {
    const sorted: Record<string, unknown> = {}
    for (const key of Object.keys(value).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) {
      sorted[key] = sortKeys((value as Record<string, unknown>)[key])
    }
    return sorted
  }
  return value
}

// Parameters we pass must match; a parameter we do not pass takes its template default.
function differentParameter(desired: Record<string, string>, deployed: Record<string, string>, template: unknown): string | undefined {
  const declared = ((template as { Parameters?: Record<string, { Default?: unknown }> }).Parameters ?? {})
  for (const name of Object.keys(declared)) {
    const expected = desired[name] ?? defaultValue(declared[name]?.Default)
    if (expected === undefined) continue
    if (deployed[name] !== expected) return name
  }
  return undefined
}

function defaultValue(value: unknown): string | undefined {
  if (value === undefined) return undefined
  if (Array.isArray(value)) return value.join(",")
  return String(value)
}
