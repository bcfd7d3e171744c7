// Finds what a template refers to, refuses references to nothing (as CreateChangeSet does, at
// once, with a ValidationError), and orders resources: a resource starts after everything it
// refers to (Ref, Fn::GetAtt, Fn::Sub) or names in DependsOn. Resources with no order between
// them start together, in "waves", as CloudFormation creates them in parallel.

import { validationError } from "./errors.ts"
import { isPseudoParameter } from "./intrinsics.ts"
import type { ResourceSpec } from "./resource-spec.ts"
import { isObject } from "./template.ts"
import type { Template } from "./template.ts"

export interface References {
  refs: string[]
  getAtts: [logicalId: string, attribute: string | undefined][]
  conditions: string[]
  imports: number
  getAZs: number
}

export function collectReferences(value: unknown, found: References = emptyReferences()): References {
  if (Array.isArray(value)) {
    for (const item of value) collectReferences(item, found)
    return found
  }
  if (!isObject(value)) return found
  const keys = Object.keys(value)
  const argument = value[keys[0]!]
  if (keys.length === 1) {
    switch (keys[0]) {
      case "Ref":
        if (typeof argument === "string") found.refs.push(argument)
        return found
      case "Fn::GetAtt":
        collectGetAtt(argument, found)
        return found
      case "Fn::Sub":
        collectSub(argument, found)
        return found
      case "Fn::If":
        if (Array.isArray(argument) && typeof argument[0] === "string") found.conditions.push(argument[0])
        collectReferences(Array.isArray(argument) ? argument.slice(1) : argument, found)
        return found
      case "Fn::ImportValue":
        found.imports++
        break
      case "Fn::GetAZs":
        found.getAZs++
        break
    }
  }
  for (const item of Object.values(value)) collectReferences(item, found)
  return found
}

function emptyReferences(): References {
  return { refs: [], getAtts: [], conditions: [], imports: 0, getAZs: 0 }
}

function collectGetAtt(argument: unknown, found: References): void {
  if (typeof argument === "string") {
    const dot = argument.indexOf(".")
    found.getAtts.push([argument.slice(0, dot), argument.slice(dot + 1)])
  } else if (Array.isArray(argument) && typeof argument[0] === "string") {
    found.getAtts.push([argument[0], typeof argument[1] === "string" ? argument[1] : undefined])
    collectReferences(argument[1], found)
  }
}

function collectSub(argument: unknown, found: References): void {
  const [text, variables] = Array.isArray(argument) ? argument : [argument, {}]
  if (typeof text !== "string") return
  const local = isObject(variables) ? variables : {}
  for (const [, expression] of text.matchAll(/\$\{([^}]*)\}/g)) {
    const name = expression!.trim()
    if (name.startsWith("!") || name in local) continue
    const dot = name.indexOf(".")
    if (dot !== -1 && !isPseudoParameter(name)) found.getAtts.push([name.slice(0, dot), name.slice(dot + 1)])
    else found.refs.push(name)
  }
  collectReferences(local, found)
}

/** The resources a value depends on. */
export function resourceReferences(value: unknown, template: Template): Set<string> {
  const found = collectReferences(value)
  const ids = [...found.refs, ...found.getAtts.map(([logicalId]) => logicalId)]
  return new Set(ids.filter((id) => template.Resources[id] !== undefined))
}

export function dependenciesOf(logicalId: string, template: Template): Set<string> {
  const resource = template.Resources[logicalId]!
  const dependencies = resourceReferences(resource.Properties ?? {}, template)
  const dependsOn = resource.DependsOn === undefined ? [] : [resource.DependsOn].flat()
  for (const id of dependsOn) dependencies.add(id)
  dependencies.delete(logicalId)
  return dependencies
}

/** Resources in creation order, grouped in waves that start together; template order within a wave. */
export function creationWaves(template: Template, logicalIds: string[]): string[][] {
  const included = new Set(logicalIds)
  const pending = new Map(logicalIds.map((id) => [id, [...dependenciesOf(id, template)].filter((d) => included.has(d))]))
  const done = new Set<string>()
  const waves: string[][] = []
  while (pending.size > 0) {
    const wave = [...pending].filter(([, deps]) => deps.every((d) => done.has(d))).map(([id]) => id)
    if (wave.length === 0) {
      throw validationError(`Circular dependency between resources: [${[...pending.keys()].join(", ")}]`)
    }
    for (const id of wave) {
      pending.delete(id)
      done.add(id)
    }
    waves.push(wave)
  }
  return waves
}

/** The checks CreateChangeSet makes on references before it accepts a template. */
export function checkReferences(template: Template, spec: ResourceSpec): void {
  const parameters = new Set(Object.keys(template.Parameters ?? {}))
  const resources = template.Resources
  const conditionNames = new Set(Object.keys(template.Conditions ?? {}))
  const known = (name: string) => parameters.has(name) || isPseudoParameter(name) || resources[name] !== undefined

  const inResources = emptyReferences()
  const dependsOn: string[] = []
  for (const resource of Object.values(resources)) {
    collectReferences(resource.Properties ?? {}, inResources)
    dependsOn.push(...(resource.DependsOn === undefined ? [] : [resource.DependsOn].flat()))
    if (resource.Condition !== undefined) inResources.conditions.push(resource.Condition)
  }
  const unresolved = unique([...inResources.refs.filter((name) => !known(name)), ...dependsOn.filter((id) => !resources[id])])
  if (unresolved.length > 0) {
    throw validationError(`Template format error: Unresolved resource dependencies [${unresolved.join(", ")}] in the Resources block of the template`)
  }

  const inOutputs = emptyReferences()
  for (const output of Object.values(template.Outputs ?? {})) {
    collectReferences(output.Value, inOutputs)
    if (output.Condition !== undefined) inOutputs.conditions.push(output.Condition)
  }
  const unresolvedOutputs = unique(inOutputs.refs.filter((name) => !known(name)))
  if (unresolvedOutputs.length > 0) {
    throw validationError(`Template format error: Unresolved resource dependencies [${unresolvedOutputs.join(", ")}] in the Outputs block of the template`)
  }

  checkGetAtts([...inResources.getAtts, ...inOutputs.getAtts], template, spec)
  checkConditions(template, parameters)
  // Unverified wording for an unknown condition name; CloudFormation refuses it, the text may differ.
  const missingConditions = unique([...inResources.conditions, ...inOutputs.conditions].filter((name) => !conditionNames.has(name)))
  if (missingConditions.length > 0) {
    throw validationError(`Template format error: Unresolved condition dependencies [${missingConditions.join(", ")}] in the Resources block of the template`)
  }
  checkExportNames(template)
  creationWaves(template, Object.keys(resources))
}

function checkGetAtts(getAtts: References["getAtts"], template: Template, spec: ResourceSpec): void {
  for (const [logicalId, attribute] of getAtts) {
    const resource = template.Resources[logicalId]
    if (!resource) throw validationError(`Template error: instance of Fn::GetAtt references undefined resource ${logicalId}`)
    const attributes = spec.info(resource.Type).attributes
    if (attribute !== undefined && attributes && !attributes.has(attribute)) {
      throw validationError(`Template error: resource ${logicalId} does not support attribute type ${attribute} in Fn::GetAtt`)
    }
  }
}

function checkConditions(template: Template, parameters: Set<string>): void {
  const found = collectReferences(template.Conditions ?? {})
  const bad = unique(found.refs.filter((name) => !parameters.has(name) && !isPseudoParameter(name)))
  if (bad.length > 0 || found.getAtts.length > 0) {
    const names = bad.length > 0 ? bad : found.getAtts.map(([id]) => id)
    throw validationError(`Template format error: Unresolved dependencies [${names.join(", ")}]. Cannot reference resources in the Conditions block of the template`)
  }
}

function checkExportNames(template: Template): void {
  for (const [key, output] of Object.entries(template.Outputs ?? {})) {
    if (output.Export === undefined) continue
    const found = collectReferences(output.Export.Name)
    const dependsOnResource = found.refs.some((name) => template.Resources[name]) || found.getAtts.length > 0
    if (dependsOnResource || found.imports > 0 || found.getAZs > 0) {
      throw validationError(
        `Template format error: Output ${key} is malformed. The Name field of Export must not depend on any resources, imported values, or Fn::GetAZs.`,
      )
    }
  }
}

function unique(names: string[]): string[] {
  return [...new Set(names)]
}
