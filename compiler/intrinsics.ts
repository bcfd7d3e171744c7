/**
 * CloudFormation intrinsic functions as typed values.
 *
 * User code never writes `{"Fn::GetAtt": [...]}` by hand: constructs expose attributes such as
 * `table.tableArn`, which are {@link Intrinsic}s turned into strings. Every intrinsic can stand in
 * a string (`${api.url}/notes`) through a token marker registered in the App being built (see
 * tokens.ts); emit resolves markers and objects alike, once, in the stack where they land. A
 * reference to an element of another stack is resolved by the cross-stack wiring (cross-stack.ts).
 * @module
 */
import type { CoreApp } from "./app.ts"
import type { CfnElement } from "./element.ts"
import { decodeDetached, encodeDetached, encodeToken, findAppInString, hasToken, PSEUDO_TOKEN_PREFIX, splitTokens } from "./tokens.ts"

/** Anything that may appear in a template value before resolution. */
export type Value = string | number | boolean | null | undefined | Intrinsic | readonly Value[] | { readonly [key: string]: Value }

/** What an intrinsic needs from the emitter while it resolves. */
export interface ResolveContext {
  /** Resolves a nested value in the same context. */
  resolve(value: unknown): unknown
  /** The logical ID of an element of the stack being emitted. */
  logicalIdOf(element: CfnElement): string
  /** JSON standing for a Ref/GetAtt whose element lives in another stack. */
  crossStack(reference: Ref | GetAtt): unknown
  /** Whether the element belongs to the stack being emitted. */
  isLocal(element: CfnElement): boolean
  /** Where in the document we are, for error messages ("Resources.X.Properties.Y"). */
  readonly at: string
}

export abstract class Intrinsic {
  abstract resolve(context: ResolveContext): unknown
  /** The app this value belongs to, found through the elements it refers to. */
  abstract findApp(): CoreApp | undefined

  /** Lets an intrinsic stand inside a string; emit turns the marker back into this value. */
  toString(): string {
    // A value of literals and pseudo parameters only resolves the same anywhere: resolve it now.
    return encodeToken(this) ?? encodeDetached(resolveDetached(this))
  }

  /** Guards against JSON.stringify of an unresolved value: it would silently write "{}". */
  toJSON(): never {
    throw new Error("internal: an unresolved intrinsic reached JSON.stringify; resolve the template first")
  }
}

/** `Ref` to a resource, parameter or condition-less element. */
export class Ref extends Intrinsic {
  constructor(readonly target: CfnElement) {
    super()
  }
  resolve(context: ResolveContext): unknown {
    if (!context.isLocal(this.target)) return context.crossStack(this)
    return { Ref: context.logicalIdOf(this.target) }
  }
  findApp(): CoreApp {
    return this.target.app
  }
}

/** `Fn::GetAtt` of a resource attribute. */
export class GetAtt extends Intrinsic {
  constructor(
    readonly target: CfnElement,
    readonly attribute: string,
  ) {
    super()
  }
  resolve(context: ResolveContext): unknown {
    if (!context.isLocal(this.target)) return context.crossStack(this)
    return { "Fn::GetAtt": [context.logicalIdOf(this.target), this.attribute] }
  }
  findApp(): CoreApp {
    return this.target.app
  }
}

export const PSEUDO_PARAMETERS = [
  "AWS::AccountId",
  "AWS::NotificationARNs",
  "AWS::NoValue",
  "AWS::Partition",
  "AWS::Region",
  "AWS::StackId",
  "AWS::StackName",
  "AWS::URLSuffix",
] as const
export type PseudoParameterName = (typeof PSEUDO_PARAMETERS)[number]

/** A pseudo parameter; it belongs to no app, so its string marker carries its own name. */
export class PseudoParameter extends Intrinsic {
  constructor(readonly name: PseudoParameterName) {
    super()
  }
  resolve(): unknown {
    return { Ref: this.name }
  }
  findApp(): undefined {
    return undefined
  }
  override toString(): string {
    return `\${Token[${PSEUDO_TOKEN_PREFIX}${this.name}]}`
  }
}

/** A CloudFormation function over other values (`Fn::Join`, `Fn::Select`, ...). */
export class FnCall extends Intrinsic {
  constructor(
    readonly fn: string,
    readonly args: unknown,
  ) {
    super()
  }
  resolve(context: ResolveContext): unknown {
    return { [this.fn]: context.resolve(this.args) }
  }
  findApp(): CoreApp | undefined {
    return findAppIn(this.args)
  }
}

/** `Fn::Sub`; markers inside the template become named variables so the template stays readable. */
export class Sub extends Intrinsic {
  constructor(
    readonly template: string,
    readonly variables: Readonly<Record<string, Value>> = {},
  ) {
    super()
  }
  resolve(context: ResolveContext): unknown {
    const variables: Record<string, unknown> = {}
    for (const [name, value] of Object.entries(this.variables)) variables[name] = context.resolve(value)
    let counter = 0
    const template = this.template.replace(/\$\{Token\[[^\]]+\]\}/g, (marker) => {
      counter += 1
      const name = `Token${counter}`
      variables[name] = context.resolve(marker)
      return `\${${name}}`
    })
    return Object.keys(variables).length === 0 ? { "Fn::Sub": template } : { "Fn::Sub": [template, variables] }
  }
  findApp(): CoreApp | undefined {
    return findAppIn(this.variables) ?? findAppIn(this.template)
  }
}

/** A value computed at emit time, for properties that grow after a construct is made (policies). */
export class Lazy extends Intrinsic {
  constructor(
    readonly produce: () => unknown,
    readonly app?: CoreApp,
  ) {
    super()
  }
  resolve(context: ResolveContext): unknown {
    return context.resolve(this.produce())
  }
  findApp(): CoreApp | undefined {
    return this.app
  }
  override toString(): string {
    // Resolving now, as for other values that refer to no app, would defeat the laziness.
    if (!this.app) throw new Error("internal: a Lazy without an app cannot stand in a string; pass the app to Fn.lazy")
    return super.toString()
  }
}

/** Resolves a value that refers to no element: literals, pseudo parameters and functions of them. */
function resolveDetached(value: unknown): unknown {
  if (value instanceof Intrinsic) return value.resolve(DETACHED_CONTEXT)
  if (typeof value === "string") {
    if (!hasToken(value)) return value
    const parts = splitTokens(value).map((part) => ("literal" in part ? part.literal : decodeDetached(part.key)))
    if (parts.some((part) => part === undefined)) throw new Error("internal: a value without an app holds a reference of an app")
    return parts.length === 1 ? parts[0] : { "Fn::Join": ["", parts] }
  }
  if (Array.isArray(value)) return value.map(resolveDetached)
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, resolveDetached(item)]))
  }
  return value
}

const DETACHED_CONTEXT: ResolveContext = {
  at: "(a value without references)",
  resolve: resolveDetached,
  logicalIdOf: () => {
    throw new Error("internal: a value without an app refers to an element")
  },
  crossStack: () => {
    throw new Error("internal: a value without an app refers to an element")
  },
  isLocal: () => true,
}

function findAppIn(value: unknown): CoreApp | undefined {
  if (typeof value === "string") return findAppInString(value)
  if (value instanceof Intrinsic) return value.findApp()
  if (Array.isArray(value)) {
    for (const item of value) {
      const app = findAppIn(item)
      if (app) return app
    }
  } else if (value !== null && typeof value === "object") {
    for (const item of Object.values(value)) {
      const app = findAppIn(item)
      if (app) return app
    }
  }
  return undefined
}

/** Intrinsic functions, named as CloudFormation names them. */
export const Fn = {
  ref: (target: CfnElement): string => new Ref(target).toString(),
  getAtt: (target: CfnElement, attribute: string): string => new GetAtt(target, attribute).toString(),
  sub: (template: string, variables?: Record<string, Value>): string => new Sub(template, variables).toString(),
  join: (delimiter: string, values: readonly Value[]): string => new FnCall("Fn::Join", [delimiter, values]).toString(),
  select: (index: number, list: Value): string => new FnCall("Fn::Select", [index, list]).toString(),
  /** Returns a list value; use it where a list goes, or pick an item with {@link Fn.select}. */
  split: (delimiter: string, source: Value): Intrinsic => new FnCall("Fn::Split", [delimiter, source]),
  conditionIf: (condition: CfnElement, whenTrue: Value, whenFalse: Value): Intrinsic =>
    new FnCall("Fn::If", [new ConditionName(condition), whenTrue, whenFalse]),
  base64: (value: Value): string => new FnCall("Fn::Base64", value).toString(),
  getAZs: (region: Value = ""): Intrinsic => new FnCall("Fn::GetAZs", region),
  findInMap: (mapping: CfnElement, topKey: Value, secondKey: Value): string =>
    new FnCall("Fn::FindInMap", [new ConditionName(mapping), topKey, secondKey]).toString(),
  equals: (a: Value, b: Value): Intrinsic => new FnCall("Fn::Equals", [a, b]),
  and: (...conditions: Value[]): Intrinsic => new FnCall("Fn::And", conditions),
  or: (...conditions: Value[]): Intrinsic => new FnCall("Fn::Or", conditions),
  not: (condition: Value): Intrinsic => new FnCall("Fn::Not", [condition]),
  condition: (condition: CfnElement): Intrinsic => new ConditionRef(condition),
  lazy: (produce: () => unknown, app?: CoreApp): Lazy => new Lazy(produce, app),
}

/** The bare logical ID of a condition or mapping, as `Fn::If` and `Fn::FindInMap` take it. */
class ConditionName extends Intrinsic {
  constructor(readonly target: CfnElement) {
    super()
  }
  resolve(context: ResolveContext): unknown {
    assertLocal(this.target, context)
    return context.logicalIdOf(this.target)
  }
  findApp(): CoreApp {
    return this.target.app
  }
}

/** `{"Condition": name}` inside a condition expression. */
class ConditionRef extends ConditionName {
  override resolve(context: ResolveContext): unknown {
    return { Condition: super.resolve(context) }
  }
}

function assertLocal(target: CfnElement, context: ResolveContext): void {
  if (context.isLocal(target)) return
  throw target.app.fail({
    code: "CrossStackCondition",
    path: target.displayPath,
    construct: target.constructor.name,
    problem: `is used at ${context.at} in another stack; conditions and mappings belong to one stack.`,
    allowed: "conditions and mappings used only inside the stack that declares them.",
    fix: "declare the condition or mapping in the stack that uses it.",
  })
}

/** Pseudo parameters as string tokens, e.g. `${Aws.ACCOUNT_ID}` inside an ARN. */
export const Aws = {
  ACCOUNT_ID: new PseudoParameter("AWS::AccountId").toString(),
  REGION: new PseudoParameter("AWS::Region").toString(),
  PARTITION: new PseudoParameter("AWS::Partition").toString(),
  STACK_NAME: new PseudoParameter("AWS::StackName").toString(),
  STACK_ID: new PseudoParameter("AWS::StackId").toString(),
  URL_SUFFIX: new PseudoParameter("AWS::URLSuffix").toString(),
  NO_VALUE: new PseudoParameter("AWS::NoValue").toString(),
  NOTIFICATION_ARNS: new PseudoParameter("AWS::NotificationARNs").toString(),
}
