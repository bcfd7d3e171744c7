/**
 * Resolution: turns values (plain JSON, intrinsics, strings holding token markers) into the
 * JSON CloudFormation reads, in the context of one stack. It runs once per value, at emit.
 * @module
 */
import type { CoreApp } from "./app.ts"
import { Construct } from "./construct.ts"
import type { CfnElement } from "./element.ts"
import type { Problem } from "./errors.ts"
import { Intrinsic, type GetAtt, type Ref, type ResolveContext } from "./intrinsics.ts"
import type { CoreStack } from "./stack.ts"
import { decodeDetached, splitTokens } from "./tokens.ts"

export interface ResolverOptions {
  app: CoreApp
  stack: CoreStack
  /** Logical IDs of every element of every stack. */
  logicalIds: ReadonlyMap<CfnElement, string>
  /** Called for a reference to another stack's element; returns what stands for it here. */
  crossStack(consumer: CoreStack, reference: Ref | GetAtt, at: string): unknown
  /** Problems found while resolving (for example a construct where a value goes). */
  problems: Problem[]
}

/** Resolves `value`, found at document path `at` (e.g. "Resources.Fn.Properties.Role"). */
export function resolveValue(value: unknown, at: string, options: ResolverOptions): unknown {
  return resolveIn(value, at, options)
}

/** What an intrinsic found at `at` resolves with; nested values keep paths below `at`. */
function contextAt(at: string, options: ResolverOptions): ResolveContext {
  return {
    at,
    resolve: (nested) => resolveIn(nested, at, options),
    logicalIdOf: (element) => {
      const id = options.logicalIds.get(element)
      if (id === undefined) throw new Error(`internal: no logical ID for "${element.path}"`)
      return id
    },
    isLocal: (element) => element.enclosingStack === options.stack,
    crossStack: (reference) => options.crossStack(options.stack, reference, at),
  }
}

function resolveIn(value: unknown, at: string, options: ResolverOptions): unknown {
  if (value === undefined || value === null || typeof value === "boolean") return value
  if (typeof value === "number") {
    if (!Number.isFinite(value)) reportBadValue(options, at, `the number ${value}`)
    return value
  }
  if (typeof value === "string") return resolveString(value, at, options)
  if (value instanceof Intrinsic) return value.resolve(contextAt(at, options))
  if (Array.isArray(value)) {
    return value.map((item, index) => resolveIn(item, `${at}[${index}]`, options)).filter((item) => item !== undefined)
  }
  if (typeof value === "object") {
    if (value instanceof Construct) {
      reportBadValue(options, at, `the construct "${value.path}" (a ${value.constructor.name})`)
      return undefined
    }
    if (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null) {
      reportBadValue(options, at, `an object of class ${value.constructor.name}`)
      return undefined
    }
    const out: Record<string, unknown> = {}
    for (const [key, item] of Object.entries(value)) {
      const resolved = resolveIn(item, `${at}.${key}`, options)
      if (resolved !== undefined) out[key] = resolved
    }
    return out
  }
  reportBadValue(options, at, `a ${typeof value}`)
  return undefined
}

function resolveString(text: string, at: string, options: ResolverOptions): unknown {
  const parts = splitTokens(text)
  if (parts.every((part) => "literal" in part)) return text // also "", which has no parts
  const resolved: unknown[] = []
  for (const part of parts) {
    if ("literal" in part) {
      resolved.push(part.literal)
      continue
    }
    resolved.push(resolveToken(part.key, at, options))
  }
  if (resolved.length === 1) return resolved[0]
  return { "Fn::Join": ["", mergeLiterals(resolved)] }
}

function resolveToken(key: string, at: string, options: ResolverOptions): unknown {
  const detached = decodeDetached(key)
  if (detached !== undefined) return detached
  const intrinsic = options.app.tokens.lookup(key)
  if (!intrinsic) {
    throw new Error(`internal: ${at} holds a reference made by another App (token ${key}); values cannot move between apps`)
  }
  return intrinsic.resolve(contextAt(at, options))
}

/** Joins neighbouring strings and flattens nested `Fn::Join ""`, so templates stay short. */
function mergeLiterals(parts: unknown[]): unknown[] {
  const flat: unknown[] = []
  for (const part of parts) {
    const join = asEmptyJoin(part)
    if (join) flat.push(...join)
    else flat.push(part)
  }
  const merged: unknown[] = []
  for (const part of flat) {
    const last = merged[merged.length - 1]
    if (typeof part === "string" && typeof last === "string") merged[merged.length - 1] = last + part
    else if (part !== "") merged.push(part)
  }
  return merged
}

function asEmptyJoin(value: unknown): unknown[] | undefined {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return undefined
  const join = (value as Record<string, unknown>)["Fn::Join"]
  if (!Array.isArray(join) || join[0] !== "" || !Array.isArray(join[1]) || Object.keys(value).length !== 1) return undefined
  return join[1] as unknown[]
}

function reportBadValue(options: ResolverOptions, at: string, what: string): void {
  options.problems.push({
    code: "UnresolvableValue",
    path: options.stack.displayPath,
    construct: "Stack",
    property: at,
    problem: `holds ${what}, which cannot be written into a template.`,
    allowed: "strings, numbers, booleans, lists, plain objects, and attributes of constructs such as table.tableArn.",
    fix: "pass an attribute of the construct (for example bucket.bucketName) instead of the object itself.",
  })
}
