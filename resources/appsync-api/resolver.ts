/**
 * Resolver keys (`"Query listNotes"`, any whitespace between type and field) and mapping
 * templates (VTL from a file or inline), read at build time into the template as CloudFormation
 * takes them.
 * @module
 */
import { readFileSync } from "node:fs"
import { isAbsolute, join } from "node:path"
import type { MappingTemplate } from "./props.ts"

/** GraphQL names: a letter or "_", then letters, digits and "_" (the GraphQL spec's Name). */
export const GRAPHQL_NAME = /^[_A-Za-z][_0-9A-Za-z]*$/
const RESOLVER_KEY = /^\s*([_A-Za-z][_0-9A-Za-z]*)\s+([_A-Za-z][_0-9A-Za-z]*)\s*$/

export interface ResolverKey {
  typeName: string
  fieldName: string
  /** "Query listNotes": one space, the form getResolver and getFunction compare. */
  normalized: string
}

/** The type and field of a resolver key, or undefined when it is not "<Type> <field>". */
export function parseResolverKey(key: string): ResolverKey | undefined {
  const match = RESOLVER_KEY.exec(key)
  if (!match) return undefined
  return { typeName: match[1], fieldName: match[2], normalized: `${match[1]} ${match[2]}` }
}

/** A suggestion for a key that did not parse: "Query.listNotes" → "Query listNotes". */
export function suggestResolverKey(key: string): string {
  const parts = key.trim().split(/[\s.:/_-]+/).filter((part) => part !== "")
  return parts.length >= 2 ? `${parts[0]} ${parts.slice(1).join("")}` : "Query listNotes"
}

/** The text of a mapping template; `{ file }` is read relative to `root`. Throws ENOENT when missing. */
export function readMappingTemplate(template: MappingTemplate, root: string): string {
  if ("inline" in template) return template.inline
  return readFileSync(isAbsolute(template.file) ? template.file : join(root, template.file), "utf8")
}
