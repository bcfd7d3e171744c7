// Reads an awsQuery request body: `Action=X&Version=2010-05-15&StackName=s&Parameters.member.1.ParameterKey=A`.
// Lists are `<Name>.member.<n>` (1-based), structures `<Name>.<Field>`; the SDK sends an empty
// list as `Capabilities=` with no members.

import { missingParameter } from "./errors.ts"

export class QueryParams {
  private readonly values: Map<string, string>

  constructor(body: string) {
    this.values = new Map(new URLSearchParams(body))
  }

  get action(): string | undefined {
    return this.values.get("Action")
  }

  string(name: string): string | undefined {
    return this.values.get(name)
  }

  /** A member the service requires; absent means the ValidationError the service's model gives. */
  required(name: string): string {
    const value = this.values.get(name)
    if (value === undefined || value === "") throw missingParameter(name)
    return value
  }

  boolean(name: string): boolean | undefined {
    const value = this.values.get(name)
    return value === undefined ? undefined : value === "true"
  }

  /** `Name.member.1=a&Name.member.2=b` → `["a", "b"]`, in member order. */
  list(name: string): string[] {
    return this.members(`${name}.member.`).map(([, rest]) => rest.get("") ?? "")
  }

  /** `Name.member.1.Key=k&Name.member.1.Value=v` → `[{ Key: "k", Value: "v" }]`. */
  structList(name: string): Record<string, string>[] {
    return this.members(`${name}.member.`).map(([, rest]) => Object.fromEntries(rest))
  }

  /** `Name.Mode=EXPRESS&Name.DisableRollback=true` → `{ Mode: "EXPRESS", DisableRollback: "true" }`. */
  struct(name: string): Record<string, string> | undefined {
    const prefix = `${name}.`
    const fields = [...this.values].filter(([key]) => key.startsWith(prefix))
    if (fields.length === 0) return undefined
    return Object.fromEntries(fields.map(([key, value]) => [key.slice(prefix.length), value]))
  }

  private members(prefix: string): [number, Map<string, string>][] {
    const byIndex = new Map<number, Map<string, string>>()
    for (const [key, value] of this.values) {
      if (!key.startsWith(prefix)) continue
      const rest = key.slice(prefix.length)
      const dot = rest.indexOf(".")
      const index = Number(dot === -1 ? rest : rest.slice(0, dot))
      const field = dot === -1 ? "" : rest.slice(dot + 1)
      if (!byIndex.has(index)) byIndex.set(index, new Map())
      byIndex.get(index)!.set(field, value)
    }
    return [...byIndex].sort(([a], [b]) => a - b)
  }
}
