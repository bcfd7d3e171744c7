/**
 * Parameter values of a stack, filled from its producers' outputs (see compiler/cross-stack.ts
 * for why cross-stack values are parameters and not exports).
 *
 * Checked before anything is deployed: a producer output that is missing, a packed
 * (CommaDelimitedList) value whose item count differs from what the consumer picks from it,
 * and CloudFormation's limit of 4,096 bytes per parameter value.
 * @module
 */
import type { ManifestStack } from "../../compiler/manifest.ts"
import { DeployError } from "./errors.ts"

/** CloudFormation quotas: a parameter value is at most 4,096 bytes. */
export const MAX_PARAMETER_VALUE_BYTES = 4_096

export type OutputsOf = (stackName: string) => Record<string, string> | undefined

export function resolveParameters(stack: ManifestStack, template: unknown, outputsOf: OutputsOf): Record<string, string> {
  const values: Record<string, string> = {}
  for (const [name, source] of Object.entries(stack.parameters)) {
    const outputs = outputsOf(source.stack)
    if (outputs === undefined) {
      throw new DeployError(
        "ProducerNotDeployed",
        `Stack ${stack.name} needs values from stack ${source.stack}, which is not deployed.`,
        `deploy the whole app (sst deploy), or deploy ${source.stack} first.`,
      )
    }
    const value = outputs[source.output]
    if (value === undefined) {
      throw new DeployError(
        "ProducerOutputMissing",
        `Stack ${stack.name} needs output ${source.output} of stack ${source.stack} for its parameter ${name}, and ${source.stack} has no such output.`,
        `deploy ${source.stack} with this build first (sst deploy, which deploys the stacks in order), then ${stack.name}.`,
      )
    }
    if (source.type === "CommaDelimitedList") checkPackedCount(stack, name, source.stack, value, template)
    const bytes = Buffer.byteLength(value)
    if (bytes > MAX_PARAMETER_VALUE_BYTES) {
      throw new DeployError(
        "ParameterTooLong",
        `Parameter ${name} of stack ${stack.name} would carry ${bytes} bytes from output ${source.output} of ${source.stack}; CloudFormation allows ${MAX_PARAMETER_VALUE_BYTES} bytes per parameter value.`,
        `use fewer values of ${source.stack} in ${stack.name} (move the constructs that read them into ${source.stack}, or into another stack), and report this to sst: packs of values are sized to fit.`,
      )
    }
    values[name] = value
  }
  return values
}

function checkPackedCount(stack: ManifestStack, name: string, producer: string, value: string, template: unknown): void {
  const expected = packedCount(template, name)
  const actual = value === "" ? 0 : value.split(",").length
  if (expected !== undefined && actual !== expected) {
    throw new DeployError(
      "PackedValueCountMismatch",
      `Parameter ${name} of stack ${stack.name} expects ${expected} values from stack ${producer}, joined with ",", and got ${actual}: ${JSON.stringify(value.length > 200 ? `${value.slice(0, 200)}…` : value)}. A value holding a comma, or an empty value, shifts the others.`,
      `deploy ${producer} with this build first; if it persists, report it to sst with the value above.`,
    )
  }
}

/** How many items the template picks from a packed parameter: the highest Fn::Select index + 1. */
export function packedCount(template: unknown, parameter: string): number | undefined {
  let highest = -1
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit)
    if (value === null || typeof value !== "object") return
    const select = (value as Record<string, unknown>)["Fn::Select"]
    if (Array.isArray(select) && typeof select[0] === "number") {
      const target = select[1] as { Ref?: unknown } | undefined
      if (target && target.Ref === parameter) highest = Math.max(highest, select[0])
    }
    Object.values(value).forEach(visit)
  }
  visit(template)
  return highest < 0 ? undefined : highest + 1
}
