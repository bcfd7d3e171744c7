/**
 * Checking one entry of a map prop (`routes["GET /notes"]`, `authorizers.Jwt`) against the schema
 * of the form it takes.
 *
 * A route value may be a handler string, function props, or route props of several types; one zod
 * union over all of them would report a typo as "Invalid input". Choosing the form first (by its
 * `type`, or by `handler`) and checking the value with that form's strict schema gives the precise
 * problem instead: `routes["GET /"].authorizor is not a prop ... did you mean "authorizer"?`.
 * @module
 */
import { z } from "zod"
import { parseProps, ValidationError, type Construct } from "../../compiler/index.ts"
import { Function } from "../Function.ts"
import { FunctionPropsSchema, type FunctionDefinition } from "../function/props.ts"

/**
 * Checks `value` as `<prop>[<key>]` of `construct`'s props. Problems are recorded on the App and
 * undefined is returned, so the caller can go on and report the other entries too.
 */
export function parseEntry<S extends z.ZodType>(schema: S, prop: string, key: string, value: unknown, construct: Construct, constructName?: string): z.output<S> | undefined {
  const wrapper = z.strictObject({ [prop]: z.strictObject({ [key]: schema }) })
  try {
    const parsed = parseProps(wrapper, { [prop]: { [key]: value } }, construct, constructName) as Record<string, Record<string, z.output<S>>>
    return parsed[prop][key]
  } catch (error) {
    if (error instanceof ValidationError) return undefined
    throw error
  }
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return false
  const prototype = Object.getPrototypeOf(value)
  return prototype === Object.prototype || prototype === null
}

const HandlerOrFunctionSchema = z.custom<string | Function>((value) => (typeof value === "string" && value.length > 0) || value instanceof Function, {
  message: 'a handler string ("functions/list.main"), function props ({ handler }) or a Function',
})

/** The schema of a function definition, chosen by its form so a typo in props is named exactly. */
export function functionDefinitionSchema(value: unknown): z.ZodType<FunctionDefinition> {
  return (isPlainObject(value) ? FunctionPropsSchema : HandlerOrFunctionSchema) as z.ZodType<FunctionDefinition>
}
