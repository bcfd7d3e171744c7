/**
 * Emit: the construct tree in, one CloudFormation template per stack and a manifest out.
 *
 * Steps: run the constructs' finalizers; assign logical IDs in every stack; resolve every value
 * once (references to other stacks become placeholders and stack dependencies); plan the
 * cross-stack parameters and outputs; assemble the templates; check limits. Every problem found
 * on the way is thrown together as one ValidationError. Nothing here reads the clock, the
 * environment or the network, so the same tree always gives the same bytes.
 * @module
 */
import type { CoreApp } from "./app.ts"
import { CfnCondition, CfnMapping, CfnParameter } from "./cfn-elements.ts"
import { CrossStackWiring, findStackCycle, replacePlaceholders, type CrossStackPlan } from "./cross-stack.ts"
import { CfnElement } from "./element.ts"
import { ValidationError, type Problem } from "./errors.ts"
import { checkLimits, MAX_TEMPLATE_BODY_BYTES } from "./limits.ts"
import { assignLogicalIds } from "./logical-id.ts"
import { MANIFEST_VERSION, type Manifest, type ManifestStack } from "./manifest.ts"
import { resolveValue, type ResolverOptions } from "./resolve.ts"
import { CfnResource } from "./resource.ts"
import type { CoreStack } from "./stack.ts"

export type Template = {
  AWSTemplateFormatVersion: "2010-09-09"
  Description?: string
  Parameters?: Record<string, unknown>
  Mappings?: Record<string, unknown>
  Conditions?: Record<string, unknown>
  Resources: Record<string, unknown>
  Outputs?: Record<string, unknown>
}

export interface EmittedStack {
  stack: CoreStack
  template: Template
  /** The template file's exact bytes: 2-space JSON and a trailing newline. */
  body: string
  manifest: ManifestStack
}

export interface EmitResult {
  /** In deployment order. */
  stacks: EmittedStack[]
  manifest: Manifest
  warnings: string[]
}

interface StackBody {
  stack: CoreStack
  elements: CfnElement[]
  parameters: Record<string, unknown>
  mappings: Record<string, unknown>
  conditions: Record<string, unknown>
  resources: Record<string, unknown>
  outputs: Record<string, unknown>
}

export function emitApp(app: CoreApp): EmitResult {
  app.finalize()
  throwIfAny(app.problems)
  const stacks = app.stacks
  const problems: Problem[] = []

  const logicalIds = new Map<CfnElement, string>()
  const elementsOf = new Map<CoreStack, CfnElement[]>()
  for (const stack of stacks) {
    const elements = [...stack.descendants()].filter((node): node is CfnElement => node instanceof CfnElement)
    elementsOf.set(stack, elements)
    const assigned = assignLogicalIds(stack, elements)
    for (const [element, id] of assigned.ids) logicalIds.set(element, id)
    problems.push(...assigned.problems)
  }
  throwIfAny(problems)

  const wiring = new CrossStackWiring(logicalIds)
  const bodies = stacks.map((stack) =>
    resolveStack(stack, elementsOf.get(stack) ?? [], {
      app,
      stack,
      logicalIds,
      problems,
      crossStack: (consumer, reference) => wiring.record(consumer, reference),
    }),
  )
  const cycle = findStackCycle(stacks)
  if (cycle) problems.push(cycleProblem(cycle))
  throwIfAny(problems)

  const plan = wiring.plan()
  problems.push(...plan.problems)
  const ordered = deploymentOrder(stacks)
  const emitted = ordered.map((stack) => {
    const body = bodies[stacks.indexOf(stack)]
    return assemble(app, body, plan, logicalIds, problems)
  })
  throwIfAny(problems)

  const manifest: Manifest = {
    version: MANIFEST_VERSION,
    app: app.name,
    stage: app.stage,
    region: app.region,
    stacks: emitted.map((entry) => entry.manifest),
    assets: app.assets
      .filter((asset) => asset.s3Key !== undefined && asset.file !== undefined)
      .map((asset) => ({ id: asset.id, kind: asset.kind, s3Key: asset.s3Key as string, file: asset.file as string })),
    ...(app.sites.length > 0 ? { sites: [...app.sites] } : {}),
  }
  return { stacks: emitted, manifest, warnings: [...app.warnings] }
}

function resolveStack(stack: CoreStack, elements: CfnElement[], options: ResolverOptions): StackBody {
  const body: StackBody = { stack, elements, parameters: {}, mappings: {}, conditions: {}, resources: {}, outputs: {} }
  const idOf = (element: CfnElement) => options.logicalIds.get(element) as string
  for (const element of elements) {
    const id = idOf(element)
    const at = `${element.section}.${id}`
    if (element instanceof CfnResource) body.resources[id] = resolveResource(element, at, options)
    else if (element instanceof CfnParameter) body.parameters[id] = resolveParameter(element)
    else if (element instanceof CfnCondition) body.conditions[id] = resolveValue(element.props.expression, at, options)
    else if (element instanceof CfnMapping) body.mappings[id] = resolveValue(element.props.mapping, at, options)
  }
  for (const [key, output] of stack.outputs) {
    const at = `Outputs.${key}`
    body.outputs[key] = compact({
      Description: output.description,
      Value: resolveValue(output.value, `${at}.Value`, options),
      Export: output.exportName === undefined ? undefined : { Name: resolveValue(output.exportName, `${at}.Export.Name`, options) },
      Condition: output.condition ? idOf(output.condition) : undefined,
    })
  }
  return body
}

function resolveResource(resource: CfnResource, at: string, options: ResolverOptions): unknown {
  const localDependsOn: string[] = []
  for (const dependency of resource.dependsOn) {
    // A dependency on another stack's resource is a dependency between the stacks.
    if (dependency.enclosingStack !== options.stack) options.stack.addDependency(dependency.enclosingStack)
    else localDependsOn.push(options.logicalIds.get(dependency) as string)
  }
  const policies = resource.effectivePolicies(options.app.defaultRemovalPolicy)
  const properties = resolveValue(resource.properties, `${at}.Properties`, options) as Record<string, unknown>
  return compact({
    Type: resource.type,
    Properties: Object.keys(properties).length === 0 ? undefined : properties,
    DependsOn: localDependsOn.length === 0 ? undefined : localDependsOn,
    Condition: resource.condition ? options.logicalIds.get(resource.condition) : undefined,
    DeletionPolicy: policies.deletion,
    UpdateReplacePolicy: policies.updateReplace,
    Metadata: resource.metadata ? resolveValue(resource.metadata, `${at}.Metadata`, options) : undefined,
  })
}

function resolveParameter(parameter: CfnParameter): unknown {
  const p = parameter.props
  return compact({
    Type: p.type ?? "String",
    Default: p.default,
    Description: p.description,
    AllowedValues: p.allowedValues,
    AllowedPattern: p.allowedPattern,
    NoEcho: p.noEcho,
    MinLength: p.minLength,
    MaxLength: p.maxLength,
  })
}

function assemble(app: CoreApp, body: StackBody, plan: CrossStackPlan, logicalIds: ReadonlyMap<CfnElement, string>, problems: Problem[]): EmittedStack {
  const { stack } = body
  const replacements = plan.replacements.get(stack)
  const parameters: Record<string, unknown> = { ...body.parameters }
  const manifestParameters: ManifestStack["parameters"] = {}
  for (const planned of plan.parameters.get(stack) ?? []) {
    parameters[planned.name] = { Type: planned.type, Description: planned.description }
    manifestParameters[planned.name] = { stack: planned.producer.stackName, output: planned.output, type: planned.type }
  }
  const outputs: Record<string, unknown> = { ...body.outputs }
  for (const planned of plan.outputs.get(stack) ?? []) {
    if (planned.name in outputs) problems.push(outputCollision(stack, planned.name))
    const values = planned.values.map(({ element, attribute }) => {
      const id = logicalIds.get(element) as string
      return attribute === undefined ? { Ref: id } : { "Fn::GetAtt": [id, attribute] }
    })
    outputs[planned.name] = { Description: planned.description, Value: values.length === 1 ? values[0] : { "Fn::Join": [",", values] } }
  }
  let resources = body.resources
  if (Object.keys(resources).length === 0) {
    // CloudFormation refuses a template without resources; a stack of outputs only is still valid here.
    resources = { EmptyStackPlaceholder: { Type: "AWS::CloudFormation::WaitConditionHandle" } }
  }
  const template = compact({
    AWSTemplateFormatVersion: "2010-09-09",
    Description: stack.description,
    Parameters: nonEmpty(parameters),
    Mappings: nonEmpty(body.mappings),
    Conditions: nonEmpty(body.conditions),
    Resources: replacePlaceholders(resources, replacements),
    Outputs: nonEmpty(replacePlaceholders(outputs, replacements) as Record<string, unknown>),
  }) as Template
  const text = `${JSON.stringify(template, null, 2)}\n`
  const bytes = Buffer.byteLength(text)
  problems.push(...checkLimits(stack, template, bytes))
  const resourcePaths: Record<string, string> = {}
  for (const element of body.elements) {
    if (element instanceof CfnResource) resourcePaths[logicalIds.get(element) as string] = element.path
  }
  return {
    stack,
    template,
    body: text,
    manifest: {
      id: stack.id,
      name: stack.stackName,
      templateFile: `${stack.stackName}.template.json`,
      templateBytes: bytes,
      uploadTemplate: bytes > MAX_TEMPLATE_BODY_BYTES,
      resourceCount: Object.keys(template.Resources).length,
      dependencies: [...stack.dependencies].filter((d) => d !== stack).map((d) => d.stackName),
      parameters: manifestParameters,
      outputs: [...stack.outputs].filter(([, output]) => !output.internal).map(([key]) => key),
      tags: { "sst:app": app.name, "sst:stage": app.stage, ...stack.tags },
      assets: app.assets.filter((asset) => asset.stack === stack).map((asset) => asset.id),
      resourcePaths,
      ...emptyOnRemove(body.elements, logicalIds, app),
    },
  }
}

/** Buckets marked `emptyOnRemove` that CloudFormation deletes (a retained bucket keeps its objects). */
function emptyOnRemove(elements: readonly CfnElement[], logicalIds: ReadonlyMap<CfnElement, string>, app: CoreApp): { emptyOnRemove?: string[] } {
  const ids = elements
    .filter((element): element is CfnResource => element instanceof CfnResource && element.emptyOnRemove)
    .filter((resource) => [undefined, "Delete"].includes(resource.effectivePolicies(app.defaultRemovalPolicy).deletion))
    .map((resource) => logicalIds.get(resource) as string)
  return ids.length > 0 ? { emptyOnRemove: ids } : {}
}

/** Stacks in creation order, each moved after the stacks it depends on. */
function deploymentOrder(stacks: readonly CoreStack[]): CoreStack[] {
  const ordered: CoreStack[] = []
  const placed = new Set<CoreStack>()
  const place = (stack: CoreStack) => {
    if (placed.has(stack)) return
    placed.add(stack)
    for (const dependency of stacks) if (stack.dependencies.has(dependency)) place(dependency)
    ordered.push(stack)
  }
  stacks.forEach(place)
  return ordered
}

function cycleProblem(cycle: CoreStack[]): Problem {
  const names = cycle.map((stack) => stack.id).join(" → ")
  return {
    code: "StackCycle",
    path: cycle[0].displayPath,
    construct: "Stack",
    problem: `is part of a cycle of stacks that use each other's values: ${names}.`,
    allowed: "dependencies between stacks that go one way.",
    fix: "move the constructs that refer to each other into one stack, or pass one of the values another way (for example through bind, which reads site URLs at run time).",
  }
}

function outputCollision(stack: CoreStack, name: string): Problem {
  return {
    code: "OutputNameTaken",
    path: stack.displayPath,
    construct: "Stack",
    property: `addOutputs({ ${name} })`,
    problem: "uses a name that this stack needs for a value another stack reads.",
    allowed: 'output names that do not start with "Xref".',
    fix: `rename the output "${name}".`,
  }
}

function throwIfAny(problems: readonly Problem[]): void {
  if (problems.length > 0) throw new ValidationError(problems)
}

function nonEmpty(section: Record<string, unknown>): Record<string, unknown> | undefined {
  return Object.keys(section).length === 0 ? undefined : section
}

function compact<T extends Record<string, unknown>>(object: T): T {
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(object)) if (value !== undefined) out[key] = value
  return out as T
}
