/**
 * CloudFormation's per-stack limits, checked at build time with a message that says what to do.
 * Source: "CloudFormation quotas" in the CloudFormation User Guide.
 * @module
 */
import type { Problem } from "./errors.ts"
import type { CoreStack } from "./stack.ts"

export const MAX_RESOURCES = 500
export const MAX_OUTPUTS = 200
export const MAX_PARAMETERS = 200
export const MAX_MAPPINGS = 200
/** TemplateBody in a request. Larger templates go through S3 (TemplateURL). */
export const MAX_TEMPLATE_BODY_BYTES = 51_200
/** Template in S3. */
export const MAX_TEMPLATE_BYTES = 1_048_576

interface TemplateCounts {
  Resources?: object
  Outputs?: object
  Parameters?: object
  Mappings?: object
}

export function checkLimits(stack: CoreStack, template: TemplateCounts, bytes: number): Problem[] {
  const problems: Problem[] = []
  const count = (section: object | undefined) => Object.keys(section ?? {}).length
  const over = (what: string, actual: number, max: number, fix: string) =>
    problems.push({
      code: "StackLimitExceeded",
      path: stack.displayPath,
      construct: "Stack",
      problem: `has ${actual} ${what}; CloudFormation allows ${max} per stack.`,
      allowed: `at most ${max} ${what} in stack "${stack.stackName}".`,
      fix,
    })
  const split = "move some constructs into another stack (app.stack(Other)) and use() them from here."
  if (count(template.Resources) > MAX_RESOURCES) over("resources", count(template.Resources), MAX_RESOURCES, split)
  if (count(template.Outputs) > MAX_OUTPUTS) over("outputs", count(template.Outputs), MAX_OUTPUTS, `remove outputs, or ${split}`)
  if (count(template.Parameters) > MAX_PARAMETERS) over("parameters", count(template.Parameters), MAX_PARAMETERS, `use fewer values from other stacks, or ${split}`)
  if (count(template.Mappings) > MAX_MAPPINGS) over("mappings", count(template.Mappings), MAX_MAPPINGS, "merge mappings.")
  if (bytes > MAX_TEMPLATE_BYTES) over("bytes of template", bytes, MAX_TEMPLATE_BYTES, split)
  return problems
}
