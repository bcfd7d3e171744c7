/**
 * One Function per distinct route handler.
 *
 * SST v1 made a function for every route, so `"GET /notes/{id}"` and `"DELETE /notes/{id}"` with
 * one handler string were two functions, two roles and two policies: about six resources a route,
 * and CloudFormation's 500-resource limit near 80 routes. Routes of one API whose definitions are
 * the same (the same handler string, or props that are equal value by value, with constructs and
 * callbacks compared by identity) and that are added in the same scope share one Function here,
 * and so one integration and one invoke permission. A Function passed in is used as it is.
 *
 * Sharing is visible: `getFunction` returns the same Function for those routes, and permissions
 * attached to one route's function apply to every route that shares it.
 * @module
 */
import type { Construct } from "../../compiler/index.ts"
import { Function } from "../Function.ts"
import type { FunctionDefinition, FunctionProps } from "../function/props.ts"
import { isPlainObject } from "./parse-entry.ts"

export class SharedFunctions {
  private readonly byKey = new Map<string, Function>()
  private readonly passedIn = new WeakSet<Function>()
  private readonly identities = new WeakMap<object, number>()
  private nextIdentity = 1

  /**
   * @param defaults the construct's `defaults.function`
   * @param inheritErrorMessage why defaults cannot apply to a Function passed in
   */
  constructor(
    private readonly defaults: () => FunctionProps | undefined,
    private readonly inheritErrorMessage: string,
  ) {}

  /** The Function for `definition` in `scope`: an earlier one with the same definition, or a new one named `id`. */
  functionFor(scope: Construct, id: string, definition: FunctionDefinition): Function {
    // A Function passed in: fromDefinition returns it, reporting defaults that cannot apply.
    if (definition instanceof Function) {
      if (this.passedIn.has(definition)) return definition
      this.passedIn.add(definition)
      return Function.fromDefinition(scope, id, definition, this.defaults(), this.inheritErrorMessage)
    }
    const props = typeof definition === "string" ? { handler: definition } : definition
    const key = `${this.identity(scope)}|${this.fingerprint(props)}`
    const existing = this.byKey.get(key)
    if (existing) return existing
    const fn = Function.fromDefinition(scope, id, definition, this.defaults(), this.inheritErrorMessage)
    this.byKey.set(key, fn)
    return fn
  }

  private identity(value: object): number {
    let id = this.identities.get(value)
    if (id === undefined) this.identities.set(value, (id = this.nextIdentity++))
    return id
  }

  /** A string equal for equal definitions: plain data by value (keys sorted), anything else by identity. */
  private fingerprint(value: unknown): string {
    if (value === undefined) return "u"
    if (value === null || typeof value === "string" || typeof value === "number" || typeof value === "boolean") return JSON.stringify(value)
    if (typeof value === "function") return `#${this.identity(value)}`
    if (Array.isArray(value)) return `[${value.map((item) => this.fingerprint(item)).join(",")}]`
    if (isPlainObject(value)) {
      const keys = Object.keys(value)
        .filter((key) => value[key] !== undefined)
        .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
      return `{${keys.map((key) => `${JSON.stringify(key)}:${this.fingerprint(value[key])}`).join(",")}}`
    }
    return `#${this.identity(value as object)}`
  }
}
