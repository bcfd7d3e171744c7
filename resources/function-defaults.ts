/**
 * Function defaults collected on the App and on each Stack (`setDefaultFunctionProps`,
 * `addDefaultFunctionEnv`, ...). `Function` merges them in this order: app, stack, construct
 * `defaults.function`, the function's own props.
 * @module
 */
import type { Construct } from "../compiler/index.ts"
import type { SSTConstruct } from "./bindable.ts"
import type { Permissions } from "./function/permissions.ts"
import type { FunctionLayer, FunctionProps } from "./function/props.ts"
import type { Stack } from "./Stack.ts"

/** Props (or a function of the stack returning props) given to setDefaultFunctionProps. */
export type FunctionDefaultProps = FunctionProps | ((stack: Stack) => FunctionProps)

export interface FunctionDefaults {
  props: FunctionDefaultProps[]
  environment: Record<string, string | undefined>[]
  permissions: Permissions[]
  bind: SSTConstruct[]
  layers: FunctionLayer[]
}

export function createFunctionDefaults(): FunctionDefaults {
  return { props: [], environment: [], permissions: [], bind: [], layers: [] }
}

/** Adds default props, refusing once a function already exists in `scope` (SST v1's rule). */
export function addFunctionDefaults(defaults: FunctionDefaults, props: FunctionDefaultProps, scope: Construct): void {
  const existing = [...scope.descendants()].find((node) => (node as { isSstFunction?: boolean }).isSstFunction)
  if (existing) {
    throw scope.app.fail({
      code: "DefaultFunctionPropsTooLate",
      path: scope.displayPath || scope.app.name,
      construct: scope.isRoot() ? "App" : "Stack",
      property: "setDefaultFunctionProps",
      problem: `is called after the function "${existing.path}" was created.`,
      allowed: "setDefaultFunctionProps before any function of its scope exists.",
      fix: "call setDefaultFunctionProps first (for the app: before app.stack(...)).",
    })
  }
  defaults.props.push(props)
}
