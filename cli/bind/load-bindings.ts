/**
 * The environment `sst bind` gives its command: every binding value the stage has in SSM, under the
 * names SST v1's runtime client reads (resources/bindable.ts). A parameter
 * `<ssmPrefix>/sst/<app>/<stage>/<Class>/<id>/<prop>` becomes `SST_<Class>_<prop>_<id>`, "-" in
 * the id read as "_"; a secret `.../Secret/STRIPE_KEY/value` becomes `SST_Secret_value_STRIPE_KEY`.
 * A secret the stage has no value of its own for takes its `.fallback` value, as functions do.
 * @module
 */
import { GetParametersByPathCommand, type SSMClient } from "@aws-sdk/client-ssm"
import { FALLBACK_STAGE, secretsPath, type SecretScope } from "../secrets/names.ts"

export interface LoadedBindings {
  /** By environment name, sorted. */
  environment: Map<string, string>
  /** Parameters the stage itself holds (fallback secrets not counted): 0 means it is not deployed. */
  stageParameters: number
}

/** The folder of a stage's parameters, ending in "/". */
export function stagePath(scope: SecretScope): string {
  const prefix = (scope.ssmPrefix ?? "").replace(/\/+$/, "")
  return `${prefix}/sst/${scope.app}/${scope.stage}/`
}

/**
 * `SST_<Class>_<prop>_<id>` for a parameter of `folder` named `<Class>/<id>/<prop>`; undefined for
 * any other parameter under the folder (not one a binding writes, so not one the client reads).
 */
export function environmentKeyOf(folder: string, parameterName: string): string | undefined {
  if (!parameterName.startsWith(folder)) return undefined
  const parts = parameterName.slice(folder.length).split("/")
  if (parts.length !== 3 || parts.some((part) => part === "")) return undefined
  const [className, id, prop] = parts as [string, string, string]
  return `SST_${className}_${prop}_${id.replace(/-/g, "_")}`
}

export async function loadBindings(ssm: SSMClient, scope: SecretScope): Promise<LoadedBindings> {
  const fallbackScope = { ...scope, stage: FALLBACK_STAGE }
  const [own, fallbacks] = await Promise.all([readPath(ssm, stagePath(scope)), readPath(ssm, secretsPath(fallbackScope))])
  const found = new Map<string, string>()
  // Fallbacks first, so the stage's own value of a secret replaces its fallback.
  for (const [folder, parameters] of [[stagePath(fallbackScope), fallbacks], [stagePath(scope), own]] as const) {
    for (const [name, value] of parameters) {
      const key = environmentKeyOf(folder, name)
      if (key !== undefined) found.set(key, value)
    }
  }
  const sorted = [...found].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  return { environment: new Map(sorted), stageParameters: own.length }
}

/** Every parameter below `path`, decrypted, all pages: [name, value] pairs. */
async function readPath(ssm: SSMClient, path: string): Promise<[string, string][]> {
  const parameters: [string, string][] = []
  let token: string | undefined
  do {
    const page = await ssm.send(new GetParametersByPathCommand({ Path: path, Recursive: true, WithDecryption: true, NextToken: token }))
    for (const { Name, Value } of page.Parameters ?? []) if (Name !== undefined && Value !== undefined) parameters.push([Name, Value])
    token = page.NextToken
  } while (token)
  return parameters
}
