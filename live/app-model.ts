/**
 * What `sst start` runs, read from the build's own output (`.sst/dist/`: manifest and
 * templates) rather than from construct internals: every Lambda function with its code asset,
 * handler, runtime, limits and environment, and every HTTP API with its routes. Reading the
 * templates means local runs use exactly what `sst deploy` would deploy.
 *
 * Without a deployed stage, values that only exist in AWS (a table's name, another stack's
 * output) cannot be known: they become readable placeholders (`offline:<Stack>.<LogicalId>.<Attr>`)
 * and are listed, so a handler that needs one fails with a name, not an empty string.
 * @module
 */
import { readFileSync } from "node:fs"
import { join } from "node:path"
import type { Manifest } from "../compiler/index.ts"

type Json = unknown
type Template = { Parameters?: Record<string, Json>; Resources: Record<string, { Type: string; Properties?: Record<string, Json> }>; Outputs?: Record<string, { Value: Json }> }

export interface AppFunction {
  /** Construct path of the function's resource, e.g. "Api/Api/Route/GETnotes". */
  id: string
  stack: string
  logicalId: string
  runtime: string
  handler: string
  timeoutSeconds: number
  memorySize: number
  functionName: string
  environment: Record<string, string>
  /** The asset zip, relative to the app root, or undefined for inline code. */
  assetFile: string | undefined
}

export interface AppRoute {
  routeKey: string
  /** Id of the function the route invokes, when it invokes one. */
  functionId: string | undefined
  payloadFormatVersion: string
}

export interface AppHttpApi {
  id: string
  stack: string
  logicalId: string
  routes: AppRoute[]
}

export interface AppModel {
  app: string
  stage: string
  region: string
  stacks: string[]
  functions: AppFunction[]
  httpApis: AppHttpApi[]
  /** Values that could not be known offline, by where they are used. */
  unresolved: string[]
}

export function readAppModel(root: string, distDir = join(root, ".sst", "dist")): AppModel {
  const manifest = JSON.parse(readFileSync(join(distDir, "manifest.json"), "utf8")) as Manifest
  const templates = new Map<string, Template>()
  for (const stack of manifest.stacks) templates.set(stack.name, JSON.parse(readFileSync(join(distDir, stack.templateFile), "utf8")) as Template)
  const assetsByKey = new Map(manifest.assets.map((asset) => [asset.s3Key, asset.file]))
  const model: AppModel = { app: manifest.app, stage: manifest.stage, region: manifest.region, stacks: manifest.stacks.map((s) => s.name), functions: [], httpApis: [], unresolved: [] }
  const evaluator = new OfflineEvaluator(manifest, templates, model.unresolved)

  for (const stack of manifest.stacks) {
    const template = templates.get(stack.name) as Template
    // A construct's main resource is its "Resource" child; the construct's path names it.
    const pathOf = (logicalId: string) => (stack.resourcePaths[logicalId] ?? `${stack.id}/${logicalId}`).replace(/\/(Resource|Default)$/, "")
    for (const [logicalId, resource] of Object.entries(template.Resources)) {
      if (resource.Type !== "AWS::Lambda::Function") continue
      const p = resource.Properties ?? {}
      const code = (p.Code ?? {}) as { S3Key?: Json }
      const key = typeof code.S3Key === "string" ? code.S3Key : undefined
      const variables = ((p.Environment as { Variables?: Record<string, Json> } | undefined)?.Variables ?? {}) as Record<string, Json>
      const environment: Record<string, string> = {}
      for (const [name, value] of Object.entries(variables)) environment[name] = String(evaluator.evaluate(stack.name, value, `${pathOf(logicalId)} environment ${name}`))
      model.functions.push({
        id: pathOf(logicalId),
        stack: stack.name,
        logicalId,
        runtime: String(p.Runtime ?? "nodejs22.x"),
        handler: String(p.Handler ?? "index.handler"),
        timeoutSeconds: Number(p.Timeout ?? 3),
        memorySize: Number(p.MemorySize ?? 128),
        functionName: typeof p.FunctionName === "string" ? p.FunctionName : `${stack.name}-${logicalId}`,
        environment,
        assetFile: key ? assetsByKey.get(key) : undefined,
      })
    }
  }
  for (const stack of manifest.stacks) model.httpApis.push(...readHttpApis(stack.name, stack.resourcePaths, templates.get(stack.name) as Template, evaluator, model))
  return model
}

function readHttpApis(stackName: string, paths: Record<string, string>, template: Template, evaluator: OfflineEvaluator, model: AppModel): AppHttpApi[] {
  const apis: AppHttpApi[] = []
  for (const [logicalId, resource] of Object.entries(template.Resources)) {
    if (resource.Type !== "AWS::ApiGatewayV2::Api" || resource.Properties?.ProtocolType !== "HTTP") continue
    const api: AppHttpApi = { id: (paths[logicalId] ?? logicalId).replace(/\/(Resource|Default)$/, ""), stack: stackName, logicalId, routes: [] }
    for (const [, route] of Object.entries(template.Resources)) {
      if (route.Type !== "AWS::ApiGatewayV2::Route" || !refersTo(route.Properties?.ApiId, logicalId)) continue
      const integrationId = findReference(route.Properties?.Target, (id) => template.Resources[id]?.Type === "AWS::ApiGatewayV2::Integration")
      const integration = integrationId ? template.Resources[integrationId] : undefined
      const target = integration ? evaluator.functionBehind(stackName, integration.Properties?.IntegrationUri) : undefined
      const fn = target ? model.functions.find((f) => f.stack === target.stack && f.logicalId === target.logicalId) : undefined
      api.routes.push({
        routeKey: String(route.Properties?.RouteKey),
        functionId: fn?.id,
        payloadFormatVersion: String(integration?.Properties?.PayloadFormatVersion ?? "2.0"),
      })
    }
    apis.push(api)
  }
  return apis
}

function refersTo(value: Json, logicalId: string): boolean {
  return findReference(value, (id) => id === logicalId) !== undefined
}

/** The first logical ID referenced (Ref or GetAtt) inside `value` that `accept`s. */
function findReference(value: Json, accept: (id: string) => boolean): string | undefined {
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = findReference(item, accept)
      if (found) return found
    }
    return undefined
  }
  if (value === null || typeof value !== "object") return undefined
  const object = value as Record<string, Json>
  if (typeof object.Ref === "string" && accept(object.Ref)) return object.Ref
  const getAtt = object["Fn::GetAtt"]
  if (Array.isArray(getAtt) && typeof getAtt[0] === "string" && accept(getAtt[0])) return getAtt[0]
  for (const item of Object.values(object)) {
    const found = findReference(item, accept)
    if (found) return found
  }
  return undefined
}

/** Evaluates template values offline: literals and pseudo parameters are known; the rest become placeholders. */
class OfflineEvaluator {
  constructor(
    private readonly manifest: Manifest,
    private readonly templates: Map<string, Template>,
    private readonly unresolved: string[],
  ) {}

  evaluate(stackName: string, value: Json, where: string): Json {
    if (value === null || typeof value !== "object") return value
    if (Array.isArray(value)) return value.map((item) => this.evaluate(stackName, item, where))
    const object = value as Record<string, Json>
    const [fn] = Object.keys(object)
    const args = object[fn]
    switch (fn) {
      case "Ref":
        return this.ref(stackName, String(args), where)
      case "Fn::GetAtt": {
        const [id, attribute] = args as [string, string]
        return this.placeholder(`${stackName}.${id}.${attribute}`, where)
      }
      case "Fn::Join": {
        const [delimiter, list] = args as [string, Json[]]
        return (this.evaluate(stackName, list, where) as Json[]).map(String).join(delimiter)
      }
      case "Fn::Select": {
        const [index, list] = args as [number, Json]
        const items = this.evaluate(stackName, list, where)
        return Array.isArray(items) ? items[Number(index)] : this.placeholder(`${stackName}.select`, where)
      }
      case "Fn::Sub": {
        const [text, variables] = (Array.isArray(args) ? args : [args, {}]) as [string, Record<string, Json>]
        return text.replace(/\$\{([^}!]+)\}/g, (_, name: string) => {
          if (name in variables) return String(this.evaluate(stackName, variables[name], where))
          if (name.includes(".")) return String(this.placeholder(`${stackName}.${name}`, where))
          return String(this.ref(stackName, name, where))
        })
      }
      default:
        return this.placeholder(`${stackName}.${fn}`, where)
    }
  }

  /** The stack and logical ID of the Lambda function an integration URI points at, following cross-stack parameters. */
  functionBehind(stackName: string, uri: Json): { stack: string; logicalId: string } | undefined {
    const template = this.templates.get(stackName)
    if (!template) return undefined
    const local = findReference(uri, (id) => template.Resources[id]?.Type === "AWS::Lambda::Function")
    if (local) return { stack: stackName, logicalId: local }
    const parameter = findReference(uri, (id) => id in (template.Parameters ?? {}))
    const source = parameter ? this.manifest.stacks.find((s) => s.name === stackName)?.parameters[parameter] : undefined
    if (!source) return undefined
    const output = this.templates.get(source.stack)?.Outputs?.[source.output]
    return output ? this.functionBehind(source.stack, output.Value) : undefined
  }

  private ref(stackName: string, name: string, where: string): Json {
    if (name === "AWS::Region") return this.manifest.region
    if (name === "AWS::AccountId") return "000000000000"
    if (name === "AWS::Partition") return "aws"
    if (name === "AWS::URLSuffix") return "amazonaws.com"
    if (name === "AWS::StackName") return stackName
    const stack = this.manifest.stacks.find((s) => s.name === stackName)
    const source = stack?.parameters[name]
    if (source) {
      const output = this.templates.get(source.stack)?.Outputs?.[source.output]
      if (output) return this.evaluate(source.stack, output.Value, where)
    }
    return this.placeholder(`${stackName}.${name}`, where)
  }

  private placeholder(name: string, where: string): string {
    const note = `${where}: offline:${name}`
    if (!this.unresolved.includes(note)) this.unresolved.push(note)
    return `offline:${name}`
  }
}
