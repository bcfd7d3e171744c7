/**
 * The functions a construct drives by name (a table's consumers, a topic's subscribers, a bucket's
 * notifications), with SST v1's methods over them: permissions and bindings given to all of them
 * reach the ones added later too.
 * @module
 */
import type { Problem } from "../../compiler/index.ts"
import { closest } from "../../compiler/props.ts"
import type { SSTConstruct } from "../bindable.ts"
import type { Function } from "../Function.ts"
import type { Permissions } from "../function/permissions.ts"

export class FunctionSet {
  private readonly byName: Record<string, Function> = {}
  private readonly permissions: Permissions[] = []
  private readonly bindings: SSTConstruct[] = []

  /** @param noun what the functions are to their construct, for messages ("consumer"). */
  constructor(
    private readonly noun: string,
    private readonly report: (problem: Omit<Problem, "path" | "construct">) => void,
  ) {}

  /** Adds `fn` under `name` and gives it what was given to all so far. */
  add(name: string, fn: Function): void {
    this.byName[name] = fn
    for (const permissions of this.permissions) fn.attachPermissions(permissions)
    if (this.bindings.length > 0) fn.bind(this.bindings)
  }

  get(name: string): Function | undefined {
    return this.byName[name]
  }

  has(name: string): boolean {
    return name in this.byName
  }

  get all(): Function[] {
    return Object.values(this.byName)
  }

  get entries(): [string, Function][] {
    return Object.entries(this.byName)
  }

  attachPermissions(permissions: Permissions): void {
    for (const fn of this.all) fn.attachPermissions(permissions)
    this.permissions.push(permissions)
  }

  bind(constructs: SSTConstruct[]): void {
    for (const fn of this.all) fn.bind(constructs)
    this.bindings.push(...constructs)
  }

  /** The function named `name`, or a reported UnknownX problem (X from the noun) naming `method`. */
  named(name: string, method: string): Function | undefined {
    const fn = this.byName[name]
    if (fn) return fn
    const known = Object.keys(this.byName)
    const suggestion = closest(name, known)
    this.report({
      code: `Unknown${this.noun[0].toUpperCase()}${this.noun.slice(1)}`,
      property: `${method}(${JSON.stringify(name)})`,
      problem: `names no ${this.noun} function.`,
      allowed: known.length > 0 ? `one of ${known.map((k) => JSON.stringify(k)).join(", ")}.` : `no ${this.noun} functions yet.`,
      fix: suggestion ? `did you mean "${suggestion}"?` : `add the ${this.noun} first.`,
    })
    return undefined
  }
}
