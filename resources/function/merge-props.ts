/**
 * How function props from several places combine: app defaults, then stack defaults, then a
 * construct's `defaults.function`, then the function's own props (SST v1's order).
 * Scalars override; `environment` and `bundle` merge key by key; `permissions`, `bind` (with
 * its old name `config`) and `layers` concatenate, and `permissions: "*"` anywhere wins.
 * @module
 */
import type { Construct } from "../../compiler/index.ts"
import type { FunctionDefaults } from "../function-defaults.ts"
import type { Stack } from "../Stack.ts"
import type { Permissions } from "./permissions.ts"
import type { FunctionBundleNodejsProps, FunctionProps } from "./props.ts"

/** `next` over `base`, by the rules above. Neither argument is changed. */
export function mergeFunctionProps(base: FunctionProps, next: FunctionProps): FunctionProps {
  const merged: Record<string, unknown> = { ...base }
  for (const [key, value] of Object.entries(next)) {
    if (value === undefined) continue
    merged[key] = value
  }
  if (base.environment || next.environment) merged.environment = { ...base.environment, ...next.environment }
  const bundle = mergeBundle(base.bundle, next.bundle)
  if (bundle !== undefined) merged.bundle = bundle
  const permissions = mergePermissions(base.permissions, next.permissions)
  if (permissions !== undefined) merged.permissions = permissions
  // `config` (bind's name before SST v1.16) joins `bind` here, so every later step sees one list.
  delete merged.config
  if (base.bind || next.bind || base.config || next.config) {
    merged.bind = [...(base.bind ?? []), ...(base.config ?? []), ...(next.bind ?? []), ...(next.config ?? [])]
  }
  if (base.layers || next.layers) merged.layers = [...(base.layers ?? []), ...(next.layers ?? [])]
  return merged as FunctionProps
}

/** The props every function of `stack` starts from: the app's defaults, then the stack's. */
export function collectDefaults(scope: Construct, layers: FunctionDefaults[]): FunctionProps {
  let props: FunctionProps = {}
  for (const defaults of layers) {
    for (const entry of defaults.props) {
      const value = typeof entry === "function" ? entry(scope.enclosingStack as Stack) : entry
      props = mergeFunctionProps(props, value as FunctionProps)
    }
    for (const environment of defaults.environment) props = mergeFunctionProps(props, { environment })
    for (const permissions of defaults.permissions) props = mergeFunctionProps(props, { permissions: permissions as Permissions })
    if (defaults.bind.length > 0) props = mergeFunctionProps(props, { bind: defaults.bind as FunctionProps["bind"] })
    if (defaults.layers.length > 0) props = mergeFunctionProps(props, { layers: defaults.layers as FunctionProps["layers"] })
  }
  return props
}

function mergeBundle(base: FunctionProps["bundle"], next: FunctionProps["bundle"]): FunctionProps["bundle"] {
  if (next === undefined) return base
  if (typeof next === "boolean" || typeof base !== "object") return next
  const a = base as FunctionBundleNodejsProps
  const b = next as FunctionBundleNodejsProps
  const merged: FunctionBundleNodejsProps = { ...a, ...b }
  if (a.esbuildConfig && b.esbuildConfig) merged.esbuildConfig = { ...a.esbuildConfig, ...b.esbuildConfig }
  return merged
}

function mergePermissions(base: Permissions | undefined, next: Permissions | undefined): Permissions | undefined {
  if (base === undefined) return next
  if (next === undefined) return base
  if (base === "*" || next === "*") return "*"
  return [...base, ...next]
}
