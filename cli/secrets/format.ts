/**
 * How `sst secrets list` prints: a table for people, `NAME=value` lines for shells and .env files,
 * or JSON. A value that comes from the fallback is marked in the table only.
 * @module
 */

export interface ListedSecret {
  name: string
  value: string
  /** The stage has no value of its own; this is the fallback's. */
  fallback: boolean
}

export const LIST_FORMATS = ["table", "env", "json"] as const
export type ListFormat = (typeof LIST_FORMATS)[number]

export function formatSecrets(secrets: readonly ListedSecret[], format: ListFormat, where: string): string {
  if (format === "json") return `${JSON.stringify(Object.fromEntries(secrets.map((s) => [s.name, s.value])), null, 2)}\n`
  if (format === "env") return secrets.map((s) => `${s.name}=${quoteForEnv(s.value)}\n`).join("")
  if (secrets.length === 0) return `No secrets are set for ${where}. Set one with: sst secrets set <name> <value>\n`
  const width = Math.max(4, ...secrets.map((s) => s.name.length))
  const lines = secrets.map((s) => `${s.name.padEnd(width)}  ${s.value}${s.fallback ? "  (fallback)" : ""}`)
  return `${"Name".padEnd(width)}  Value\n${lines.join("\n")}\n`
}

/** Plain values as they are; others in double quotes with `\`, `"`, `$` and newlines escaped. */
function quoteForEnv(value: string): string {
  if (/^[A-Za-z0-9_./:@%+,=-]*$/.test(value)) return value
  return `"${value.replace(/[\\"$]/g, (c) => `\\${c}`).replace(/\n/g, "\\n")}"`
}
