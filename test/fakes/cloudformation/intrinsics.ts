// Evaluates intrinsic functions and conditions. The caller decides what a resource reference is
// worth: during a deployment, the physical id and attributes of the resource; while a change set
// is computed, a placeholder such as "{{Ref:Table}}" (with `lenient` on, so list functions over
// placeholders do not fail where the real values would not).

import { validationError } from "./errors.ts"
import { ACCOUNT_ID, PARTITION, REGION, URL_SUFFIX } from "./ids.ts"
import { isObject } from "./template.ts"
import type { Template } from "./template.ts"

/** `Ref: AWS::NoValue`: removes the property or list item that holds it. */
export const NO_VALUE: unique symbol = Symbol("AWS::NoValue")

export interface Scope {
  stackName: string
  stackId: string
  template: Template
  parameters: ReadonlyMap<string, string | string[]>
  ref(logicalId: string): string
  getAtt(logicalId: string, attribute: string): string | string[]
  importValue(exportName: string): string
  lenient?: boolean
}

type Fn = (argument: unknown, evaluator: Evaluator) => unknown

export class Evaluator {
  private readonly conditions = new Map<string, boolean>()

  constructor(readonly scope: Scope) {}

  evaluate(value: unknown): unknown {
    if (Array.isArray(value)) return value.map((item) => this.evaluate(item)).filter((item) => item !== NO_VALUE)
    if (!isObject(value)) return value
    const keys = Object.keys(value)
    const fn = keys.length === 1 ? FUNCTIONS[keys[0]!] : undefined
    if (fn) return fn(value[keys[0]!], this)
    if (keys.length === 1 && keys[0]!.startsWith("Fn::")) {
      throw validationError(`Template format error: Encountered unsupported function: ${keys[0]}`)
    }
    const result: Record<string, unknown> = {}
    for (const [key, item] of Object.entries(value)) {
      const evaluated = this.evaluate(item)
      if (evaluated !== NO_VALUE) result[key] = evaluated
    }
    return result
  }

  /** The value of a named condition of the template, evaluated once. */
  condition(name: string): boolean {
    let value = this.conditions.get(name)
    if (value === undefined) {
      const definition = this.scope.template.Conditions?.[name]
      if (definition === undefined) throw validationError(`Template format error: Unresolved condition dependencies [${name}]`)
      value = this.conditionValue(definition)
      this.conditions.set(name, value)
    }
    return value
  }

  /** A condition expression: `{ Condition: "Name" }` or a function that yields a boolean. */
  conditionValue(value: unknown): boolean {
    if (isObject(value) && typeof value["Condition"] === "string" && Object.keys(value).length === 1) {
      return this.condition(value["Condition"])
    }
    const result = this.evaluate(value)
    if (typeof result === "boolean") return result
    if (result === "true" || result === "false") return result === "true"
    throw validationError("Template error: every Fn::If, Fn::And, Fn::Or and Fn::Not must evaluate to a boolean")
  }

  string(value: unknown, where: string): string {
    const result = this.evaluate(value)
    if (typeof result === "string") return result
    if (typeof result === "number" || typeof result === "boolean") return String(result)
    throw validationError(`Template error: ${where} must resolve to a string`)
  }

  list(value: unknown, where: string): unknown[] {
    const result = this.evaluate(value)
    if (Array.isArray(result)) return result
    if (this.scope.lenient && typeof result === "string") return [result]
    throw validationError(`Template error: ${where} must resolve to a list`)
  }
}

function args(argument: unknown, count: number, fn: string): unknown[] {
  if (!Array.isArray(argument) || argument.length !== count) {
    throw validationError(`Template error: ${fn} requires a list of ${count} elements`)
  }
  return argument
}

const PSEUDO_PARAMETERS: Record<string, (scope: Scope) => unknown> = {
  "AWS::Region": () => REGION,
  "AWS::AccountId": () => ACCOUNT_ID,
  "AWS::Partition": () => PARTITION,
  "AWS::URLSuffix": () => URL_SUFFIX,
  "AWS::StackName": (scope) => scope.stackName,
  "AWS::StackId": (scope) => scope.stackId,
  "AWS::NotificationARNs": () => [],
  "AWS::NoValue": () => NO_VALUE,
}

export function isPseudoParameter(name: string): boolean {
  return name in PSEUDO_PARAMETERS
}

function ref(name: unknown, evaluator: Evaluator): unknown {
  const { scope } = evaluator
  if (typeof name !== "string") throw validationError("Template error: Ref must be a string")
  const pseudo = PSEUDO_PARAMETERS[name]
  if (pseudo) return pseudo(scope)
  const parameter = scope.parameters.get(name)
  if (parameter !== undefined) return parameter
  if (scope.template.Resources[name]) return scope.ref(name)
  throw validationError(`Template format error: Unresolved resource dependencies [${name}] in the Resources block of the template`)
}

function getAtt(argument: unknown, evaluator: Evaluator): unknown {
  const [logicalId, attribute] =
    typeof argument === "string"
      ? [argument.slice(0, argument.indexOf(".")), argument.slice(argument.indexOf(".") + 1)]
      : args(argument, 2, "Fn::GetAtt")
  if (typeof logicalId !== "string") throw validationError("Template error: Fn::GetAtt requires a resource name")
  return evaluator.scope.getAtt(logicalId, evaluator.string(attribute, "the attribute of Fn::GetAtt"))
}

function sub(argument: unknown, evaluator: Evaluator): unknown {
  const [text, variables] = typeof argument === "string" ? [argument, {}] : args(argument, 2, "Fn::Sub")
  if (typeof text !== "string" || !isObject(variables)) throw validationError("Template error: Fn::Sub requires a string")
  return text.replace(/\$\{([^}]*)\}/g, (_, expression: string) => {
    if (expression.startsWith("!")) return "${" + expression.slice(1) + "}"
    const name = expression.trim()
    const where = `variable ${name} in Fn::Sub expression`
    if (name in variables) return evaluator.string(variables[name], where)
    const dot = name.indexOf(".")
    if (dot !== -1 && !isPseudoParameter(name)) {
      return evaluator.string({ "Fn::GetAtt": [name.slice(0, dot), name.slice(dot + 1)] }, where)
    }
    return evaluator.string({ Ref: name }, where)
  })
}

function join(argument: unknown, evaluator: Evaluator): unknown {
  const [delimiter, items] = args(argument, 2, "Fn::Join")
  const list = evaluator.list(items, "the list of Fn::Join")
  return list.map((item) => evaluator.string(item, "every element of Fn::Join")).join(String(delimiter))
}

function select(argument: unknown, evaluator: Evaluator): unknown {
  const [index, items] = args(argument, 2, "Fn::Select")
  const position = Number(evaluator.evaluate(index))
  const list = evaluator.list(items, "the list of Fn::Select")
  if (!Number.isInteger(position) || position < 0 || position >= list.length) {
    if (evaluator.scope.lenient) return `{{Select:${position}}}`
    throw validationError(`Template error: Fn::Select cannot select nonexistent value at index ${position}`)
  }
  return list[position]
}

function split(argument: unknown, evaluator: Evaluator): unknown {
  const [delimiter, source] = args(argument, 2, "Fn::Split")
  return evaluator.string(source, "the source of Fn::Split").split(String(delimiter))
}

function fnIf(argument: unknown, evaluator: Evaluator): unknown {
  const [condition, whenTrue, whenFalse] = args(argument, 3, "Fn::If")
  if (typeof condition !== "string") throw validationError("Template error: Fn::If requires a condition name")
  return evaluator.evaluate(evaluator.condition(condition) ? whenTrue : whenFalse)
}

function equals(argument: unknown, evaluator: Evaluator): unknown {
  const [a, b] = args(argument, 2, "Fn::Equals")
  return JSON.stringify(evaluator.evaluate(a)) === JSON.stringify(evaluator.evaluate(b))
}

function conditions(argument: unknown, fn: string): unknown[] {
  if (!Array.isArray(argument) || argument.length < 1) throw validationError(`Template error: ${fn} requires a list of conditions`)
  return argument
}

function findInMap(argument: unknown, evaluator: Evaluator): unknown {
  const [map, top, second] = args(argument, 3, "Fn::FindInMap").map((key) => evaluator.string(key, "a key of Fn::FindInMap"))
  const value = evaluator.scope.template.Mappings?.[map!]?.[top!]?.[second!]
  if (value === undefined) throw validationError(`Template error: Unable to get mapping for ${map}::${top}::${second}`)
  return value
}

function getAZs(argument: unknown, evaluator: Evaluator): unknown {
  const region = evaluator.string(argument, "the region of Fn::GetAZs") || REGION
  return ["a", "b", "c", "d", "e", "f"].map((zone) => `${region}${zone}`)
}

const FUNCTIONS: Record<string, Fn> = {
  Ref: ref,
  "Fn::GetAtt": getAtt,
  "Fn::Sub": sub,
  "Fn::Join": join,
  "Fn::Select": select,
  "Fn::Split": split,
  "Fn::If": fnIf,
  "Fn::Equals": equals,
  "Fn::And": (argument, e) => conditions(argument, "Fn::And").every((item) => e.conditionValue(item)),
  "Fn::Or": (argument, e) => conditions(argument, "Fn::Or").some((item) => e.conditionValue(item)),
  "Fn::Not": (argument, e) => !e.conditionValue(args(argument, 1, "Fn::Not")[0]),
  "Fn::Base64": (argument, e) => Buffer.from(e.string(argument, "the value of Fn::Base64")).toString("base64"),
  "Fn::ImportValue": (argument, e) => e.scope.importValue(e.string(argument, "the name of Fn::ImportValue")),
  "Fn::FindInMap": findInMap,
  "Fn::GetAZs": getAZs,
}
