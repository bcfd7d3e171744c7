/**
 * App: the root users receive in `main(app)`; it builds stacks and holds app-wide defaults.
 * @module
 */
import { Aws, CoreApp, type CoreAppProps } from "../compiler/index.ts"
import { addFunctionDefaults, createFunctionDefaults, type FunctionDefaults, type FunctionDefaultProps } from "./function-defaults.ts"
import type { SSTConstruct } from "./bindable.ts"
import type { Permissions } from "./function/permissions.ts"
import type { FunctionLayer } from "./function/props.ts"
import { initializeFunctionalStack, type FunctionalStack, type FunctionalStackProps } from "./FunctionalStack.ts"

export interface AppProps extends CoreAppProps {
  /** True under `sst start`. */
  local?: boolean
  /** What the CLI is doing: "deploy" (also build and diff), "dev" (sst start) or "remove". */
  mode?: "deploy" | "dev" | "remove"
}

export class App extends CoreApp {
  readonly local: boolean
  readonly mode: "deploy" | "dev" | "remove"
  /** @internal Function defaults set on the app, applied first. */
  readonly functionDefaults: FunctionDefaults = createFunctionDefaults()
  /** @internal Promises of async functional stacks still running. */
  readonly pendingStacks: Promise<unknown>[] = []

  constructor(props: AppProps) {
    super(props)
    this.local = props.local ?? false
    this.mode = props.mode ?? "deploy"
    setCurrentApp(this)
  }

  /** The account, known only at deploy time. */
  get account(): string {
    return Aws.ACCOUNT_ID
  }

  /** The App a construct belongs to. */
  static of(scope: { app: CoreApp }): App {
    return scope.app as unknown as App
  }

  /**
   * Adds a functional stack; the stack's id is the function's name.
   * @example app.stack(Database).stack(Api)
   */
  stack<T>(fn: FunctionalStack<Promise<T>>, props?: FunctionalStackProps): Promise<App>
  stack<T>(fn: FunctionalStack<T>, props?: FunctionalStackProps): App
  stack(fn: FunctionalStack<unknown>, props?: FunctionalStackProps): App | Promise<App> {
    const pending = initializeFunctionalStack(this, fn, props)
    if (!pending) return this
    this.pendingStacks.push(pending)
    return pending.then(() => this)
  }

  /** Props every function starts from. Call it before any stack with functions is created. */
  setDefaultFunctionProps(props: FunctionDefaultProps): void {
    addFunctionDefaults(this.functionDefaults, props, this)
  }

  addDefaultFunctionEnv(environment: Record<string, string | undefined>): void {
    this.functionDefaults.environment.push(environment)
  }

  addDefaultFunctionPermissions(permissions: Permissions): void {
    this.functionDefaults.permissions.push(permissions)
  }

  addDefaultFunctionBinding(bind: SSTConstruct[]): void {
    this.functionDefaults.bind.push(...bind)
  }

  addDefaultFunctionLayers(layers: FunctionLayer[]): void {
    this.functionDefaults.layers.push(...layers)
  }
}

/** The App being built; `use()` and `dependsOn()` work on it, as in SST v1. */
let currentApp: App | undefined

function setCurrentApp(app: App): void {
  currentApp = app
}

export function getCurrentApp(): App {
  if (!currentApp) throw new Error("No App is being built: use() and dependsOn() work inside stack functions run by app.stack().")
  return currentApp
}
