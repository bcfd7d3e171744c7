/**
 * The binding contract: what a construct (Table, Queue, Bucket, a site, ...) tells the functions
 * bound to it, so that handler code written for SST v1's runtime client reads the same names.
 *
 * For each variable of a binding, `fn.bind([c])` sets the environment variable
 * `SST_<Class>_<prop>_<id>` (Class = the construct's own class name, id with "-" → "_") and writes
 * the SSM parameter `/sst/<app>/<stage>/<Class>/<id>/<prop>`; the binding's permissions go into the
 * function's policy. A construct passed to `permissions` grants {@link SSTConstruct.getPermissions}
 * (by default the binding's permissions).
 * @module
 */

/** What the function sees for one bound property. */
export interface FunctionBindingVariable {
  /**
   * - "plain": the value goes into the environment and the SSM parameter.
   * - "secret": the environment holds `__FETCH_FROM_SSM__`; the value is a SecureString that
   *   `sst secrets set` writes, so no parameter is created here.
   * - "site_url": the environment holds `__FETCH_FROM_SSM__` and the URL goes into the SSM
   *   parameter (a site is deployed after the functions that use it, so its URL cannot be in their
   *   environment).
   */
  type: "plain" | "secret" | "site_url"
  /** The value: a string, possibly holding references such as `table.tableName`. */
  value: string
}

export interface FunctionBinding {
  /** The runtime client package that reads it (`@serverless-stack/node/<clientPackage>`), e.g. "table". */
  clientPackage: string
  /** By property name, e.g. { tableName: { type: "plain", value: table.tableName } }. */
  variables: Record<string, FunctionBindingVariable>
  /** IAM actions and the resources they apply to, e.g. { "dynamodb:*": [arn, `${arn}/*`] }. */
  permissions: Record<string, string[]>
}

/** A construct that functions can bind to and be granted access to. */
export interface SSTConstruct {
  readonly id: string
  getConstructMetadata?(): unknown
  /** The binding, or undefined when the construct offers none. */
  getFunctionBinding(): FunctionBinding | undefined
  /**
   * What `permissions: [construct]` grants, when it differs from the binding's permissions (an
   * Api grants `execute-api:Invoke` though binding it grants nothing).
   * @default the binding's permissions
   */
  getPermissions?(): Record<string, string[]>
}

/** The environment value of secrets and site URLs, which the runtime client reads from SSM. */
export const ENVIRONMENT_PLACEHOLDER = "__FETCH_FROM_SSM__"

export function isSSTConstruct(value: unknown): value is SSTConstruct {
  return (
    value !== null &&
    typeof value === "object" &&
    typeof (value as { id?: unknown }).id === "string" &&
    typeof (value as { getFunctionBinding?: unknown }).getFunctionBinding === "function"
  )
}

/** The class name that names a binding: the construct's own class, so a ViteStaticSite stays "ViteStaticSite". */
export function bindingClassName(construct: SSTConstruct): string {
  return construct.constructor.name
}

/** `SST_<Class>_<prop>_<id>`, as SST v1's runtime client reads it. */
export function bindingEnvironmentKey(construct: SSTConstruct, prop: string): string {
  return `SST_${bindingClassName(construct)}_${prop}_${construct.id.replace(/-/g, "_")}`
}

/**
 * `<ssmPrefix>/sst/<app>/<stage>/<Class>/<id>/<prop>`: where SST v1 wrote the value, so `sst bind`
 * and the runtime client find it. The id has "-" turned into "_", as in the environment name:
 * SST v1's client rebuilds the path from that name (`SST_<Class>_<prop>_<id>`) to fetch values
 * held in SSM (secrets, site URLs). `ssmPrefix` is the App's, without a trailing "/".
 */
export function bindingParameterName(app: { name: string; stage: string; ssmPrefix?: string }, construct: SSTConstruct, prop: string): string {
  const prefix = (app.ssmPrefix ?? "").replace(/\/+$/, "")
  return `${prefix}/sst/${app.name}/${app.stage}/${bindingClassName(construct)}/${construct.id.replace(/-/g, "_")}/${prop}`
}

/** Where a secret's fallback value lives (`sst secrets set --fallback`). */
export function bindingFallbackParameterName(app: { name: string; ssmPrefix?: string }, construct: SSTConstruct, prop: string): string {
  const prefix = (app.ssmPrefix ?? "").replace(/\/+$/, "")
  return `${prefix}/sst/${app.name}/.fallback/${bindingClassName(construct)}/${construct.id.replace(/-/g, "_")}/${prop}`
}
