/**
 * Props validation: zod schemas checked at run time, their issues reported as Problems with the
 * construct's path, the property, what is allowed and how to fix.
 * @module
 */
import type { z } from "zod"
import type { Construct } from "./construct.ts"
import type { Problem } from "./errors.ts"

/**
 * Checks `raw` against `schema`. On failure every issue is recorded on the App and the
 * ValidationError with all problems so far is thrown: building a construct from props we could
 * not read would only add confusing errors after the real ones.
 */
export function parseProps<S extends z.ZodType>(schema: S, raw: unknown, construct: Construct, constructName = construct.constructor.name): z.output<S> {
  const result = schema.safeParse(raw ?? {})
  if (result.success) return result.data
  const app = construct.app
  for (const issue of result.error.issues) app.report(issueToProblem(issue, raw, schema, construct, constructName))
  throw app.fail(app.problems.pop() as Problem)
}

/** Compile-time check that a props interface and its schema's input type agree. */
export function assertSameShape<A, B>(..._proof: [A] extends [B] ? ([B] extends [A] ? [] : ["schema accepts more than the interface"]) : ["interface accepts more than the schema"]): void {}

type Issue = z.core.$ZodIssue

function issueToProblem(issue: Issue, raw: unknown, schema: z.ZodType, construct: Construct, constructName: string): Problem {
  const base = { path: construct.displayPath, construct: constructName }
  const property = formatPath(issue.path)
  const received = describeValue(valueAt(raw, issue.path))
  switch (issue.code) {
    case "unrecognized_keys": {
      const known = knownKeys(schema, issue.path, raw)
      const key = issue.keys[0]
      const where = property ? `${property}.${key}` : key
      const suggestion = closest(key, known)
      return {
        ...base,
        code: "UnknownProp",
        property: issue.keys.length === 1 ? where : issue.keys.map((k) => (property ? `${property}.${k}` : k)).join(", "),
        problem: issue.keys.length === 1 ? "is not a prop of this construct." : "are not props of this construct.",
        allowed: known.length > 0 ? known.join(", ") : "no other props here.",
        fix: suggestion ? `did you mean "${suggestion}"?` : `remove ${issue.keys.map((k) => `"${k}"`).join(", ")}.`,
      }
    }
    case "invalid_type":
      return {
        ...base,
        code: received === "undefined" ? "MissingProp" : "InvalidPropType",
        property: property || "props",
        problem: received === "undefined" ? "is required but missing." : `is ${received}.`,
        allowed: `${issue.expected}.`,
        fix: received === "undefined" ? `set ${property || "the props"}.` : `pass ${article(issue.expected)} ${issue.expected}.`,
      }
    case "invalid_value":
      return {
        ...base,
        code: "InvalidPropValue",
        property: property || "props",
        problem: `is ${received}.`,
        allowed: `one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}.`,
        fix: `use one of the allowed values.`,
      }
    default:
      return {
        ...base,
        code: "InvalidPropValue",
        property: property || "props",
        problem: `is ${received}: ${issue.message}.`,
        allowed: allowedFor(issue),
        fix: "change the value to one that is allowed.",
      }
  }
}

function allowedFor(issue: Issue): string {
  if (issue.code === "too_small") return `at least ${String(issue.minimum)}.`
  if (issue.code === "too_big") return `at most ${String(issue.maximum)}.`
  if (issue.code === "invalid_format") return `a value in the format ${issue.format}.`
  if (issue.code === "invalid_union") return "one of the documented forms of this prop."
  return issue.message
}

/** `routes["GET /x"].function`-style path: identifiers with dots, other keys in brackets. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = ""
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`
    else if (typeof key === "string" && /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key)) out += out === "" ? key : `.${key}`
    else out += `[${JSON.stringify(String(key))}]`
  }
  return out
}

function valueAt(raw: unknown, path: readonly PropertyKey[]): unknown {
  let node = raw
  for (const key of path) {
    if (node === null || typeof node !== "object") return undefined
    node = (node as Record<PropertyKey, unknown>)[key]
  }
  return node
}

function describeValue(value: unknown): string {
  if (value === undefined) return "undefined"
  if (typeof value === "string") return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value)
  if (typeof value === "number" || typeof value === "boolean" || value === null) return String(value)
  if (Array.isArray(value)) return "a list"
  if (typeof value === "function") return "a function"
  return value.constructor && value.constructor !== Object ? `a ${value.constructor.name}` : "an object"
}

/** The keys an object schema accepts at `path`, found by walking the schema like the value. */
function knownKeys(schema: z.ZodType, path: readonly PropertyKey[], raw: unknown): string[] {
  let node: unknown = schema
  let value = raw
  for (const key of path) {
    node = childSchema(unwrap(node, value), key, value)
    value = value !== null && typeof value === "object" ? (value as Record<PropertyKey, unknown>)[key] : undefined
  }
  const shape = (unwrap(node, value) as { shape?: Record<string, unknown> } | undefined)?.shape
  return shape ? Object.keys(shape) : []
}

type SchemaDef = { type?: string; innerType?: unknown; options?: unknown[]; valueType?: unknown; element?: unknown; getter?: () => unknown }

function defOf(schema: unknown): SchemaDef {
  return ((schema as { _zod?: { def?: SchemaDef } } | undefined)?._zod?.def ?? {}) as SchemaDef
}

/** Strips optional/nullable/default/lazy wrappers; in a union, picks the object option that fits. */
function unwrap(schema: unknown, value: unknown): unknown {
  for (let i = 0; i < 10; i++) {
    const def = defOf(schema)
    if (def.innerType) schema = def.innerType
    else if (def.getter) schema = def.getter()
    else if (def.options) {
      const objects = def.options.filter((option) => (unwrap(option, value) as { shape?: object })?.shape)
      const fits = objects.find((option) => {
        const shape = (unwrap(option, value) as { shape: object }).shape
        return value !== null && typeof value === "object" && Object.keys(value).some((key) => key in shape)
      })
      schema = fits ?? objects[0] ?? def.options[0]
    } else return schema
  }
  return schema
}

function childSchema(schema: unknown, key: PropertyKey, value: unknown): unknown {
  const shape = (schema as { shape?: Record<PropertyKey, unknown> } | undefined)?.shape
  if (shape) return shape[key]
  const def = defOf(schema)
  const child = def.valueType ?? def.element
  return child ? unwrap(child, value) : undefined
}

function article(noun: string): string {
  return /^[aeiou]/i.test(noun) ? "an" : "a"
}

/** The candidate within edit distance 3 of `word`, if any. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined
  let bestDistance = 4
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase())
    if (distance < bestDistance) {
      best = candidate
      bestDistance = distance
    }
  }
  return best
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i)
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]
    row[0] = i
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1))
      previous = current
    }
  }
  return row[b.length]
}
