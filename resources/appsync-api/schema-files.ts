/**
 * Reads the `schema` prop's files from the app: one file is the definition as it is, several are
 * merged (schema.ts). Problems are reported with the property they come from.
 * @module
 */
import { readFileSync } from "node:fs"
import { isAbsolute, join } from "node:path"
import type { Problem } from "../../compiler/index.ts"
import { mergeSchemas, type SchemaSource } from "./schema.ts"

/** The schema definition, or undefined when a file is missing (reported). */
export function readSchemaFiles(schema: string | string[], root: string, report: (problem: Omit<Problem, "path" | "construct">) => void): string | undefined {
  const files = [schema].flat()
  const sources: SchemaSource[] = []
  files.forEach((file, index) => {
    try {
      sources.push({ file, text: readFileSync(isAbsolute(file) ? file : join(root, file), "utf8") })
    } catch {
      report({
        code: "SchemaNotFound",
        property: typeof schema === "string" ? "schema" : `schema[${index}]`,
        problem: `is ${JSON.stringify(file)}, which does not exist.`,
        allowed: "a GraphQL schema file, relative to the app root (the folder of sst.json).",
        fix: "correct the path, or create the file.",
      })
    }
  })
  if (sources.length !== files.length) return undefined
  if (sources.length === 1) return sources[0].text
  const merged = mergeSchemas(sources)
  for (const problem of merged.problems) {
    report({
      code: "SchemaMergeConflict",
      property: "schema",
      problem: `cannot be merged: ${problem.file}:${problem.line}: ${problem.message}`,
      allowed: "files whose types are disjoint, or repeat a field exactly; `extend type` adds fields to a type.",
      fix: "keep one definition of each field, or make both the same.",
    })
  }
  return merged.definition
}
