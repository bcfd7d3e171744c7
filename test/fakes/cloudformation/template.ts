// Parses a submitted template and checks its shape: what CloudFormation refuses with a
// "Template format error" before it looks at parameters or references. JSON only: the framework
// under test emits JSON, and a YAML parser is not among our dependencies.

import { validationError } from "./errors.ts"

export interface ParameterDefinition {
  Type: string
  Default?: unknown
  AllowedValues?: unknown[]
  AllowedPattern?: string
  NoEcho?: boolean | string
  Description?: string
}

export interface ResourceDefinition {
  Type: string
  Properties?: Record<string, unknown>
  DependsOn?: string | string[]
  Condition?: string
  DeletionPolicy?: string
  UpdateReplacePolicy?: string
  Metadata?: unknown
}

export interface OutputDefinition {
  Value: unknown
  Description?: string
  Condition?: string
  Export?: { Name: unknown }
}

export interface Template {
  AWSTemplateFormatVersion?: string
  Description?: string
  Parameters?: Record<string, ParameterDefinition>
  Mappings?: Record<string, Record<string, Record<string, unknown>>>
  Conditions?: Record<string, unknown>
  Resources: Record<string, ResourceDefinition>
  Outputs?: Record<string, OutputDefinition>
}

// Quotas from the CloudFormation user guide ("CloudFormation quotas").
export const MAX_TEMPLATE_BODY_BYTES = 51_200
export const MAX_TEMPLATE_URL_BYTES = 1_000_000
export const MAX_RESOURCES = 500
export const MAX_PARAMETERS = 200
export const MAX_OUTPUTS = 200
export const MAX_MAPPINGS = 200

const SECTIONS = new Set([
  "AWSTemplateFormatVersion",
  "Description",
  "Metadata",
  "Parameters",
  "Rules",
  "Mappings",
  "Conditions",
  "Transform",
  "Resources",
  "Outputs",
])

export function parseTemplate(body: string): Template {
  let parsed: unknown
  try {
    parsed = JSON.parse(body)
  } catch {
    throw validationError("Template format error: JSON not well-formed.")
  }
  if (!isObject(parsed)) throw validationError("Template format error: JSON not well-formed.")
  checkSections(parsed)
  checkResources(parsed["Resources"])
  checkCounts(parsed)
  return parsed as unknown as Template
}

function checkSections(template: Record<string, unknown>): void {
  const unknown = Object.keys(template).filter((key) => !SECTIONS.has(key))
  if (unknown.length > 0) {
    throw validationError(`Template format error: Invalid template property or properties [${unknown.join(", ")}]`)
  }
  if (template["Transform"] !== undefined) {
    // Macros run inside AWS; the fake cannot expand them, so it says so instead of guessing.
    throw validationError("Template format error: the CloudFormation fake does not expand Transform macros")
  }
}

function checkResources(resources: unknown): void {
  if (!isObject(resources) || Object.keys(resources).length === 0) {
    throw validationError("Template format error: At least one Resources member must be defined.")
  }
  for (const [logicalId, resource] of Object.entries(resources)) {
    if (!/^[A-Za-z0-9]+$/.test(logicalId)) {
      throw validationError(`Template format error: Resource name ${logicalId} is non alphanumeric.`)
    }
    if (!isObject(resource) || typeof resource["Type"] !== "string") {
      throw validationError(`Template format error: [/Resources/${logicalId}] Every Resources object must contain a Type member.`)
    }
  }
}

// Unverified wording: the quota errors are rare enough that no recorded response was found.
function checkCounts(template: Record<string, unknown>): void {
  const counts: [string, unknown, number][] = [
    ["resources", template["Resources"], MAX_RESOURCES],
    ["parameters", template["Parameters"], MAX_PARAMETERS],
    ["outputs", template["Outputs"], MAX_OUTPUTS],
    ["mappings", template["Mappings"], MAX_MAPPINGS],
  ]
  for (const [what, section, max] of counts) {
    const count = isObject(section) ? Object.keys(section).length : 0
    if (count > max) {
      throw validationError(`Template format error: Number of ${what}, ${count}, is greater than maximum allowed, ${max}`)
    }
  }
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value)
}

/** Deep equality of JSON values, key order ignored: two templates that parse alike are alike. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => jsonEqual(item, b[i]))
  }
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a)
    return keys.length === Object.keys(b).length && keys.every((key) => key in b && jsonEqual(a[key], b[key]))
  }
  return false
}
