/**
 * Checks one value nested in a construct's props against the schema of the form it is in, so a
 * problem names its full property path (`dataSources.notes.tabel`) and the keys of that form.
 * Used where a prop takes several forms that a zod union would only report as "none matched".
 * @module
 */
import { z } from "zod"
import { parseProps, type Construct } from "../../compiler/index.ts"

/** `value` parsed by `schema`, reported at `path` below the props; throws like parseProps on failure. */
export function parseAt<S extends z.ZodType>(schema: S, value: unknown, construct: Construct, path: readonly string[], constructName?: string): z.output<S> {
  let wrapped: z.ZodType = schema
  let raw: unknown = value
  for (const key of [...path].reverse()) {
    wrapped = z.object({ [key]: wrapped })
    raw = { [key]: raw }
  }
  let parsed = parseProps(wrapped, raw, construct, constructName) as unknown
  for (const key of path) parsed = (parsed as Record<string, unknown>)[key]
  return parsed as z.output<S>
}
