/**
 * Script: functions that run while a stack deploys (SST v1's `Script`): `onCreate` the first time,
 * `onUpdate` on later deployments, `onDelete` when the script leaves the app.
 *
 * A `Custom::SSTScript` resource, served by the stack's custom resource provider
 * (custom-resource/provider.ts), invokes them with `params` as the event.
 *
 * When `onUpdate` runs: SST v1 put the build time into the resource (`BuiltAt`), so every deployment
 * ran it; that makes every build differ from the last, which our templates never do. Here the
 * resource holds `CodeVersion`, a hash of the code assets of the script's functions (each named by
 * the hash of its zip), beside `UserParams`. `onUpdate` therefore runs when the script's code or
 * params change (or the functions are replaced), and an unchanged app deploys without running it:
 * the same input gives the same template, and a change set with no changes. To run it on every
 * deployment, pass something that changes as a param, e.g. `params: { deployedAt: process.env.DEPLOY_ID }`.
 * @module
 */
import { createHash } from "node:crypto"
import { z } from "zod"
import { Construct, Lazy, assertSameShape, parseProps, type CfnResource } from "../compiler/index.ts"
import type { SSTConstruct } from "./bindable.ts"
import { createCustomResource } from "./custom-resource/provider.ts"
import { Function } from "./Function.ts"
import { mergeFunctionProps } from "./function/merge-props.ts"
import type { Permissions } from "./function/permissions.ts"
import type { FunctionDefinition, FunctionProps } from "./function/props.ts"

/** Props of {@link Script}. */
export interface ScriptProps {
  /**
   * Runs when the script is first deployed.
   * @example onCreate: "functions/seed.main"
   */
  onCreate?: FunctionDefinition
  /**
   * Runs on later deployments in which the script's code or params changed.
   * @example onUpdate: "functions/migrate.main"
   */
  onUpdate?: FunctionDefinition
  /**
   * Runs when the script (or its stack) is removed.
   * @example onDelete: "functions/cleanup.main"
   */
  onDelete?: FunctionDefinition
  /**
   * The event each function receives; JSON values, which may hold references such as `table.tableName`.
   * @default {}
   * @example params: { tableName: table.tableName }
   */
  params?: Record<string, unknown>
  defaults?: {
    /**
     * Props every function of the script starts from (after the app's and stack's defaults).
     * @default { timeout: 900 }
     */
    function?: FunctionProps
  }
}

const isDefined = (value: unknown) => value !== undefined && value !== null
const ScriptPropsSchema = z.strictObject({
  onCreate: z.custom<FunctionDefinition>(isDefined, { message: "a function definition" }).optional(),
  onUpdate: z.custom<FunctionDefinition>(isDefined, { message: "a function definition" }).optional(),
  onDelete: z.custom<FunctionDefinition>(isDefined, { message: "a function definition" }).optional(),
  params: z.record(z.string(), z.unknown()).optional(),
  defaults: z.strictObject({ function: z.custom<FunctionProps>((value) => typeof value === "object" && value !== null, { message: "function props" }).optional() }).optional(),
})
assertSameShape<ScriptProps, z.input<typeof ScriptPropsSchema>>()

/** Lambda's longest timeout: a script may take as long as a deployment step can. */
const SCRIPT_TIMEOUT_SECONDS = 900
const HOOKS = ["onCreate", "onUpdate", "onDelete"] as const
type Hook = (typeof HOOKS)[number]

export class Script extends Construct {
  /** The function run on create, if any. */
  readonly createFunction: Function | undefined
  /** The function run on update, if any. */
  readonly updateFunction: Function | undefined
  /** The function run on delete, if any. */
  readonly deleteFunction: Function | undefined
  /** The `Custom::SSTScript` resource. */
  readonly resource: CfnResource
  private readonly props: ScriptProps

  constructor(scope: Construct, id: string, props: ScriptProps) {
    super(scope, id)
    if (props !== null && typeof props === "object" && "function" in props) this.refuseOldFunctionProp()
    this.props = parseProps(ScriptPropsSchema, props, this, "Script")
    if (!HOOKS.some((hook) => this.props[hook] !== undefined)) this.refuseNoFunction()
    this.createFunction = this.createHookFunction("onCreate")
    this.updateFunction = this.createHookFunction("onUpdate")
    this.deleteFunction = this.createHookFunction("onDelete")
    this.resource = this.createResource()
  }

  /** Adds permissions to every function of the script. */
  attachPermissions(permissions: Permissions): void {
    for (const fn of this.functions()) fn.attachPermissions(permissions)
  }

  /** Binds constructs to every function of the script. */
  bind(constructs: SSTConstruct[]): void {
    for (const fn of this.functions()) fn.bind(constructs)
  }

  getConstructMetadata(): unknown {
    return {
      type: "Script",
      data: {
        createfn: this.createFunction?.functionArn,
        updatefn: this.updateFunction?.functionArn,
        deletefn: this.deleteFunction?.functionArn,
      },
    }
  }

  private functions(): Function[] {
    // One Function may serve several hooks; it is granted and hashed once.
    return [...new Set([this.createFunction, this.updateFunction, this.deleteFunction])].filter((fn): fn is Function => fn !== undefined)
  }

  private createHookFunction(hook: Hook): Function | undefined {
    const definition = this.props[hook]
    if (definition === undefined) return undefined
    const id = `${hook}Function`
    if (definition instanceof Function) {
      this.checkLiveFunction(definition, hook)
      return Function.fromDefinition(this, id, definition, this.props.defaults?.function, `is passed as a Function to the Script "${this.displayPath}", whose defaults.function cannot apply to it.`)
    }
    const inherited = mergeFunctionProps({ timeout: SCRIPT_TIMEOUT_SECONDS }, this.props.defaults?.function ?? {})
    // A script's function runs during deployment: it cannot be one that runs on the developer's machine.
    const own: FunctionProps = typeof definition === "string" ? { handler: definition } : definition
    return Function.fromDefinition(this, id, { ...own, enableLiveDev: false }, inherited)
  }

  private createResource(): CfnResource {
    const fns = this.functions()
    return createCustomResource(this, "ScriptResource", {
      kind: "script",
      properties: {
        UserCreateFunction: this.createFunction?.functionName,
        UserUpdateFunction: this.updateFunction?.functionName,
        UserDeleteFunction: this.deleteFunction?.functionName,
        UserParams: JSON.stringify(this.props.params ?? {}),
        CodeVersion: new Lazy(() => codeVersion(fns), this.app),
      },
      permissions: [{ Effect: "Allow", Action: "lambda:InvokeFunction", Resource: fns.length === 1 ? fns[0].functionArn : fns.map((fn) => fn.functionArn) }],
    })
  }

  private checkLiveFunction(fn: Function, hook: Hook): void {
    if (!(this.app as { local?: boolean }).local || fn.props.enableLiveDev === false) return
    this.app.report({
      code: "ScriptFunctionLiveDev",
      path: this.displayPath,
      construct: "Script",
      property: hook,
      problem: `is the Function "${fn.displayPath}", which runs on this machine under sst start; a script runs during deployment.`,
      allowed: "a handler string, function props, or a Function with enableLiveDev: false.",
      fix: `set enableLiveDev: false on "${fn.id}", or pass its props instead of the Function.`,
    })
  }

  private refuseNoFunction(): void {
    this.app.report({
      code: "ScriptNeedsFunction",
      path: this.displayPath,
      construct: "Script",
      problem: "has none of onCreate, onUpdate and onDelete.",
      allowed: "at least one of onCreate, onUpdate, onDelete.",
      fix: 'add one, e.g. onCreate: "functions/seed.main".',
    })
  }

  private refuseOldFunctionProp(): never {
    throw this.app.fail({
      code: "ScriptFunctionRenamed",
      path: this.displayPath,
      construct: "Script",
      property: "function",
      problem: "is the prop of SST before 0.46, which ran on create and update.",
      allowed: "onCreate, onUpdate, onDelete.",
      fix: "rename function to onCreate and add the same value as onUpdate.",
    })
  }
}

/** A short hash of the code zips of `fns` (each key is itself a content hash). */
function codeVersion(fns: readonly Function[]): string {
  const keys = fns.map((fn) => fn.asset.s3Key ?? `assets/unpackaged/${fn.asset.id}.zip`)
  return createHash("sha256").update(keys.join("\n")).digest("hex").slice(0, 16)
}
