/**
 * What the data and messaging constructs (Table, Queue, Topic, EventBus, KinesisStream, Bucket,
 * Cron) share about the functions they drive: the schema of a function definition, and the
 * `AWS::Lambda::Permission` that lets an AWS service invoke one.
 * @module
 */
import { z } from "zod"
import { CfnResource, type Construct } from "../../compiler/index.ts"
import { Function } from "../Function.ts"
import type { FunctionDefinition, FunctionProps } from "../function/props.ts"

/** Keys that mark an object as a consumer, subscriber or target rather than function props. */
const TARGET_KEYS = ["function", "type", "queue", "topic"]

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype
}

/**
 * A handler string, a Function, or function props. Props are checked by the Function itself
 * (after the construct's `defaults.function` are merged), so its problems name the function.
 * Objects with `function`, `type`, `queue` or `topic` are left to the target schemas beside it.
 */
export const FunctionDefinitionSchema = z.custom<FunctionDefinition>(
  (value) =>
    (typeof value === "string" && value.length > 0) ||
    value instanceof Function ||
    (isPlainObject(value) && !TARGET_KEYS.some((key) => key in value)),
  { message: 'a handler string ("functions/list.main"), function props ({ handler: ... }) or a Function' },
)

/** `defaults: { function }` as the constructs take it. */
export const FunctionDefaultsSchema = z.strictObject({
  function: z.custom<FunctionProps>(isPlainObject, { message: "function props, e.g. { timeout: 20, bind: [table] }" }).optional(),
})

/**
 * Lets `principal` (an AWS service) invoke `fn`, only on behalf of `sourceArn`. `sourceAccount`
 * is for services whose ARNs hold no account (S3): without it, a bucket of the same name in
 * another account could invoke the function.
 */
export function allowInvoke(scope: Construct, id: string, fn: Function, principal: string, sourceArn: string, sourceAccount?: string): CfnResource {
  return new CfnResource(scope, id, {
    type: "AWS::Lambda::Permission",
    properties: {
      Action: "lambda:InvokeFunction",
      FunctionName: fn.functionArn,
      Principal: principal,
      SourceArn: sourceArn,
      SourceAccount: sourceAccount,
    },
  })
}

/** The id of what a construct makes for one of its entries in `scope` ("Consumer_indexer"). */
export function childId(owner: Construct, scope: Construct, kind: string, name: string): string {
  // In the construct itself the owner is already in the path; elsewhere it says whose entry it is.
  return scope === owner ? `${kind}_${name}` : `${owner.id}_${kind}_${name}`
}

/**
 * Throws MissingProp when a required prop whose schema is a union or a custom check is absent:
 * zod reports those as "invalid input", which would not say that the prop is simply missing.
 */
export function requireProps(construct: Construct, constructName: string, raw: unknown, required: Record<string, { allowed: string; fix: string }>): void {
  const props = raw !== null && typeof raw === "object" ? (raw as Record<string, unknown>) : {}
  const missing = Object.entries(required).filter(([key]) => props[key] === undefined)
  if (missing.length === 0) return
  const problems = missing.map(([key, { allowed, fix }]) => ({ code: "MissingProp", path: construct.displayPath, construct: constructName, property: key, problem: "is required but missing.", allowed, fix }))
  for (const problem of problems.slice(0, -1)) construct.app.report(problem)
  throw construct.app.fail(problems[problems.length - 1])
}
