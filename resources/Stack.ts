/**
 * Stack: what users put constructs in. `<stage>-<app>-<id>` is its CloudFormation name.
 * @module
 */
import { CoreStack, type Construct, type StackProps as CoreStackProps } from "../compiler/index.ts"
import type { App } from "./App.ts"
import { addFunctionDefaults, createFunctionDefaults, type FunctionDefaults, type FunctionDefaultProps } from "./function-defaults.ts"
import type { SSTConstruct } from "./bindable.ts"
import type { Permissions } from "./function/permissions.ts"
import type { FunctionLayer } from "./function/props.ts"
import { Function } from "./Function.ts"

export interface StackProps extends CoreStackProps {}

export class Stack extends CoreStack {
  /** @internal Function defaults set on this stack, applied after the app's. */
  readonly functionDefaults: FunctionDefaults = createFunctionDefaults()

  constructor(scope: Construct, id: string, props: StackProps = {}) {
    if (!scope.isRoot()) {
      throw new Error(`Stack "${id}" must be created in the App (new Stack(app, "${id}")), not inside "${scope.path}".`)
    }
    super(scope as unknown as App, id, props)
  }

  override get app(): App {
    return super.app as unknown as App
  }

  /** The stack a construct is in. */
  static of(construct: Construct): Stack {
    return construct.enclosingStack as Stack
  }

  /**
   * Props every function of this stack starts from, after the app's defaults. Call it before
   * creating functions in the stack.
   */
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

  /**
   * Every Function in this stack, in creation order: the ones users create and the ones
   * constructs create for them (routes, consumers, jobs).
   * @example stack.getAllFunctions().forEach((fn) => fn.addEnvironment("TRACE", "1"))
   */
  getAllFunctions(): Function[] {
    return [...this.descendants()].filter((node): node is Function => node instanceof Function)
  }
}
