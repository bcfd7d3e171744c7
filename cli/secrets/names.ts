/**
 * Where secrets live in SSM, exactly as SST v1's runtime client and `Config.Secret` bindings read
 * them: `<ssmPrefix>/sst/<app>/<stage>/Secret/<name>/value`, with the stage `.fallback` for the value
 * every stage without its own gets.
 * @module
 */

export const FALLBACK_STAGE = ".fallback"

/** Names `Config.Secret` accepts as ids (SST v1's construct id rule). */
export const SECRET_NAME = /^[a-zA-Z][a-zA-Z0-9-_]*$/

export interface SecretScope {
  app: string
  /** A stage name, or {@link FALLBACK_STAGE}. */
  stage: string
  /** sst.json's `ssmPrefix`, if any. */
  ssmPrefix?: string
}

/** The folder of a stage's secrets, ending in "/". */
export function secretsPath(scope: SecretScope): string {
  const prefix = (scope.ssmPrefix ?? "").replace(/\/+$/, "")
  return `${prefix}/sst/${scope.app}/${scope.stage}/Secret/`
}

export function secretParameterName(scope: SecretScope, name: string): string {
  // "-" becomes "_" as in the binding's parameter: SST v1's client looks the value up by the id
  // it reads from SST_Secret_value_<id>, where the id has no "-".
  return `${secretsPath(scope)}${name.replace(/-/g, "_")}/value`
}

/** The secret's name in a parameter name of {@link secretsPath}, or undefined for other parameters. */
export function secretNameOf(scope: SecretScope, parameterName: string): string | undefined {
  const folder = secretsPath(scope)
  if (!parameterName.startsWith(folder) || !parameterName.endsWith("/value")) return undefined
  const name = parameterName.slice(folder.length, -"/value".length)
  return name.includes("/") ? undefined : name
}
