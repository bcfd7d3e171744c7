// Resolves the Parameters of a change set against the template: given values, previous values
// (UsePreviousValue) and defaults, with CloudFormation's checks and messages. Values of
// `AWS::SSM::Parameter::Value<…>` types are kept as given: the fake has no parameter store.

import { validationError } from "./errors.ts"
import type { Template } from "./template.ts"

export interface ResolvedParameter {
  key: string
  value: string
  type: string
  noEcho: boolean
}

export interface GivenParameter {
  ParameterKey?: string
  ParameterValue?: string
  UsePreviousValue?: string
}

export function resolveParameters(
  template: Template,
  given: GivenParameter[],
  previous: ResolvedParameter[] | undefined,
): ResolvedParameter[] {
  const definitions = template.Parameters ?? {}
  const unknown = given.map((p) => p.ParameterKey ?? "").filter((key) => !(key in definitions))
  if (unknown.length > 0) throw validationError(`Parameters: [${unknown.join(", ")}] do not exist in the template`)

  const resolved: ResolvedParameter[] = []
  const missing: string[] = []
  for (const [key, definition] of Object.entries(definitions)) {
    const input = given.find((p) => p.ParameterKey === key)
    const value = valueOf(key, input, definition.Default, previous)
    if (value === undefined) {
      missing.push(key)
      continue
    }
    const noEcho = definition.NoEcho === true || definition.NoEcho === "true"
    resolved.push({ key, value, type: definition.Type, noEcho })
  }
  if (missing.length > 0) throw validationError(`Parameters: [${missing.join(", ")}] must have values`)
  for (const parameter of resolved) checkValue(parameter, template)
  return resolved
}

function valueOf(
  key: string,
  input: GivenParameter | undefined,
  defaultValue: unknown,
  previous: ResolvedParameter[] | undefined,
): string | undefined {
  if (input?.UsePreviousValue === "true") {
    if (input.ParameterValue !== undefined && input.ParameterValue !== "") {
      throw validationError(
        `Invalid input for parameter key ${key}. Cannot specify usePreviousValue as true and non empty value for a parameter`,
      )
    }
    const before = previous?.find((p) => p.key === key)
    // Unverified wording: the service refuses a previous value that does not exist.
    if (!before) throw validationError(`Invalid input for parameter key ${key}. Cannot specify usePreviousValue as true for a parameter key not in the previous template`)
    return before.value
  }
  if (input?.ParameterValue !== undefined) return input.ParameterValue
  if (defaultValue === undefined) return undefined
  return Array.isArray(defaultValue) ? defaultValue.join(",") : String(defaultValue)
}

function checkValue(parameter: ResolvedParameter, template: Template): void {
  const definition = template.Parameters![parameter.key]!
  const { key, value, type } = parameter
  if (type === "Number" && (value.trim() === "" || Number.isNaN(Number(value)))) {
    throw validationError(`Parameter '${key}' must be a number.`)
  }
  if (definition.AllowedValues && !definition.AllowedValues.map(String).includes(value)) {
    throw validationError(`Parameter '${key}' must be one of AllowedValues`)
  }
  if (definition.AllowedPattern !== undefined && !new RegExp(`^(?:${definition.AllowedPattern})$`).test(value)) {
    throw validationError(`Parameter '${key}' must match pattern ${definition.AllowedPattern}`)
  }
}

/** Values as intrinsics see them: list types become arrays. */
export function parameterValues(parameters: ResolvedParameter[]): Map<string, string | string[]> {
  return new Map(parameters.map((p) => [p.key, isListType(p.type) ? p.value.split(",") : p.value]))
}

function isListType(type: string): boolean {
  return type === "CommaDelimitedList" || type.startsWith("List<")
}
