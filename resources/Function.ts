/**
 * Function: a Lambda function built from a handler in the app (SST v1's `Function`).
 *
 * The constructor reads like a table of contents: merge the defaults, check the props, pick the
 * runtime, then create the role, the function, its log group and URL, and declare the asset the
 * packager builds. The function's `Code` and `Handler` are read at emit from that asset, so a
 * template always names the zip the packager made.
 * @module
 */
import { assetsBucket, CfnResource, Construct, Lazy, parseProps, type Asset, type Problem } from "../compiler/index.ts"
import type { FunctionAssetSource, RuntimeFamily } from "../compiler/packager/function-source.ts"
import type { App } from "./App.ts"
import type { FunctionBinding, SSTConstruct } from "./bindable.ts"
import { applyBinding } from "./function/binding.ts"
import { toMegabytes, toSeconds } from "./function/duration.ts"
import { deployedHandler, HANDLER_FORMS, isValidHandler } from "./function/handler.ts"
import { LOG_RETENTION_DAYS } from "./function/log-retention.ts"
import { collectDefaults, mergeFunctionProps } from "./function/merge-props.ts"
import { permissionsToStatements, type Permissions, type PolicyStatementJson } from "./function/permissions.ts"
import { FunctionPropsSchema, type FunctionDefinition, type FunctionLayer, type FunctionProps } from "./function/props.ts"
import { createPolicy, createRole } from "./function/role.ts"
import { DEFAULT_RUNTIME, resolveRuntime, retiredRuntimeWarning, type ResolvedRuntime } from "./function/runtime.ts"
import { toFunctionAssetSource } from "./function/asset-source.ts"
import { createFunctionUrl } from "./function/url.ts"
import type { Stack } from "./Stack.ts"

export type { FunctionBundleJavaProps, FunctionBundleNodejsProps, FunctionBundleProp, FunctionBundlePythonProps, FunctionDefinition, FunctionProps } from "./function/props.ts"

/** Lambda function names: at most 64 letters, digits, '-' and '_' (Lambda's CreateFunction). */
export const MAX_FUNCTION_NAME_LENGTH = 64
const DEFAULT_MEMORY_MB = 1024
const DEFAULT_TIMEOUT_SECONDS = 10
const MAX_LAYERS = 5

export class Function extends Construct implements SSTConstruct {
  /** Marks SST functions for `setDefaultFunctionProps`'s "too late" check. */
  readonly isSstFunction = true
  /** The `AWS::Lambda::Function` resource. */
  readonly resource: CfnResource
  /** The role created for this function, or the one the user shared (undefined for an ARN). */
  readonly role: CfnResource | undefined
  readonly runtime: string
  readonly family: RuntimeFamily
  /** @internal The asset the packager builds for this function. */
  readonly asset: Asset
  /** @internal Props after merging defaults. */
  readonly props: FunctionProps
  private readonly environment: Record<string, string> = {}
  private readonly statements: PolicyStatementJson[] = []
  private readonly roleArnValue: string
  private policy: CfnResource | undefined
  /** Whether the role was made for this function (then it holds the statements inline). */
  private readonly ownsRole: boolean
  private urlResource: CfnResource | undefined
  private explicitName: string | undefined

  constructor(scope: Construct, id: string, props: FunctionProps = {}) {
    super(scope, id)
    const app = this.app as unknown as App
    const stack = this.enclosingStack as Stack
    const merged = mergeFunctionProps(collectDefaults(this, [app.functionDefaults, stack.functionDefaults].filter(Boolean)), props)
    this.props = parseProps(FunctionPropsSchema, merged, this, "Function")
    const handler = this.requireHandler()
    const runtime = this.pickRuntime()
    this.runtime = runtime.runtime
    this.family = runtime.family
    this.checkHandler(handler, runtime)
    this.checkBundle(runtime)

    this.role =
      this.props.role === undefined
        ? createRole(this, this.props.tracing !== "disabled", () => (this.policy ? [] : this.statements))
        : typeof this.props.role === "string"
          ? undefined
          : this.props.role
    this.ownsRole = this.props.role === undefined
    this.roleArnValue = typeof this.props.role === "string" ? this.props.role : (this.role as CfnResource).getAtt("Arn")
    this.asset = this.declareAsset(handler, runtime)
    this.resource = this.createFunction(handler, runtime)
    this.addDefaultEnvironment(runtime)
    if (this.props.environment) for (const [key, value] of Object.entries(this.props.environment)) if (value !== undefined) this.addEnvironment(key, value)
    if (this.props.logRetention) this.createLogGroup()
    if (this.props.url) this.urlResource = createFunctionUrl(this, this.resource, this.props.url)
    if (this.props.permissions) this.attachPermissions(this.props.permissions, "permissions")
    if (this.props.bind) this.bind(this.props.bind)
  }

  /**
   * A Function from whatever a construct accepts as one: a Function (returned as is), a handler
   * string, or props. `inheritedDefaults` (a construct's `defaults.function`) come before the
   * definition's own props; they cannot apply to a Function that already exists.
   * @example Function.fromDefinition(this, "Consumer", props.consumer, props.defaults?.function)
   */
  static fromDefinition(scope: Construct, id: string, definition: FunctionDefinition, inheritedDefaults?: FunctionProps, inheritErrorMessage?: string): Function {
    if (definition instanceof Function) {
      if (inheritedDefaults && Object.keys(inheritedDefaults).length > 0) {
        scope.app.report({
          code: "CannotInheritDefaults",
          path: definition.displayPath,
          construct: "Function",
          problem: inheritErrorMessage ?? `is passed as a Function to "${scope.displayPath}", whose default function props cannot apply to a function that already exists.`,
          allowed: "a handler string or function props where defaults apply; a Function only where there are no defaults.",
          fix: "pass the props instead of a Function (e.g. { handler: \"functions/x.main\" }), or set those props on the Function itself.",
        })
      }
      return definition
    }
    if (typeof definition === "string") return new Function(scope, id, mergeFunctionProps(inheritedDefaults ?? {}, { handler: definition }))
    if (definition !== null && typeof definition === "object" && !Array.isArray(definition)) {
      return new Function(scope, id, mergeFunctionProps(inheritedDefaults ?? {}, definition))
    }
    throw scope.app.fail({
      code: "InvalidFunctionDefinition",
      path: scope.displayPath ? `${scope.displayPath}/${id}` : id,
      construct: "Function",
      problem: `is defined by ${definition === null ? "null" : typeof definition}.`,
      allowed: 'a handler string ("functions/list.main"), function props ({ handler, ... }) or a Function.',
      fix: 'write the handler, e.g. "functions/list.main".',
    })
  }

  /** The function's ARN. */
  get functionArn(): string {
    return this.resource.getAtt("Arn")
  }

  /** The function's name (given, or generated by CloudFormation). */
  get functionName(): string {
    return this.resource.ref
  }

  /** The execution role's ARN. */
  get roleArn(): string {
    return this.roleArnValue
  }

  /** The function URL, when `url` is set. */
  get url(): string | undefined {
    return this.urlResource?.getAtt("FunctionUrl")
  }

  /** Adds IAM permissions to the function's role (SST v1's grammar, see function/permissions.ts). */
  attachPermissions(permissions: Permissions, property = "attachPermissions"): void {
    const statements = permissionsToStatements(permissions, (problem) => this.report(problem), property)
    this.addStatements(statements)
  }

  /** Gives the function the values and permissions of `constructs` (env `SST_<Class>_<prop>_<id>`). */
  bind(constructs: SSTConstruct[]): void {
    constructs.forEach((construct, index) => {
      const applied = applyBinding(this.app, construct)
      if (!applied) {
        this.report({
          code: "NotBindable",
          property: `bind[${index}]`,
          problem: `is the ${construct.constructor.name} "${construct.id}", which offers no binding.`,
          allowed: "constructs with values to bind: Table, Queue, Topic, Bucket, Api, sites, Config parameters and secrets, ...",
          fix: "remove it from bind; use permissions for access without values.",
        })
        return
      }
      for (const [key, value] of Object.entries(applied.environment)) this.addEnvironment(key, value)
      this.addStatements(applied.statements)
    })
  }

  /** Sets an environment variable of the function. */
  addEnvironment(key: string, value: string): this {
    this.environment[key] = value
    return this
  }

  getConstructMetadata(): unknown {
    return { type: "Function", data: { arn: this.functionArn, runtime: this.runtime, handler: this.props.handler, srcPath: this.props.srcPath ?? "." } }
  }

  /** Binding a function lets code invoke it by name (SST v1's `Function` binding). */
  getFunctionBinding(): FunctionBinding {
    return {
      clientPackage: "function",
      variables: { functionName: { type: "plain", value: this.functionName } },
      permissions: { "lambda:*": [this.functionArn] },
    }
  }

  private addStatements(statements: readonly PolicyStatementJson[]): void {
    const added = statements.filter((statement) => !this.statements.some((s) => JSON.stringify(s) === JSON.stringify(statement)))
    if (added.length === 0) return
    if (!this.role) {
      this.report({
        code: "PermissionsNeedRole",
        property: "role",
        problem: `is the ARN ${JSON.stringify(this.props.role)}, so permissions cannot be added to it.`,
        allowed: "permissions with a role the app creates, or an AWS::IAM::Role resource of the app.",
        fix: "leave role out (one is created), pass the AWS::IAM::Role resource, or add the permissions to that role yourself.",
      })
      return
    }
    this.statements.push(...added)
    // A role of our own carries the statements inline (see function/role.ts).
    if (!this.policy && !this.ownsRole) {
      this.policy = createPolicy(this, this.role, this.statements)
      this.resource.addDependency(this.policy)
    }
  }

  /**
   * @internal Moves this function's statements out of its role into an `AWS::IAM::Policy` the
   * function does not wait for. For a resource that names the function and is named by its
   * permissions (a Cognito pool and its trigger): inline, that is a dependency cycle.
   */
  separatePolicy(): void {
    if (!this.role || this.policy) return
    this.policy = createPolicy(this, this.role, this.statements)
  }

  private requireHandler(): string {
    if (this.props.handler) return this.props.handler
    throw this.app.fail({
      code: "MissingHandler",
      path: this.displayPath,
      construct: "Function",
      property: "handler",
      problem: "is not set, here nor in the default function props.",
      allowed: HANDLER_FORMS.node,
      fix: 'set handler, e.g. new Function(stack, "List", { handler: "functions/list.main" }).',
    })
  }

  private pickRuntime(): ResolvedRuntime {
    const name = this.props.runtime ?? DEFAULT_RUNTIME
    const resolved = resolveRuntime(name) as ResolvedRuntime
    if (resolved.retired) {
      if (this.props.retiredRuntimes === "error") {
        this.report({
          code: "RetiredRuntime",
          property: "runtime",
          problem: `is ${JSON.stringify(name)}, which AWS Lambda has retired.`,
          allowed: `a supported runtime, e.g. ${JSON.stringify(resolved.runtime)}.`,
          fix: `set runtime: ${JSON.stringify(resolved.runtime)} (or retiredRuntimes: "map" to build it as that runtime with a warning).`,
        })
      } else {
        // One line per retired runtime, not per function: an SST v1 app names it in every function.
        if (!this.app.warnings.some((w) => w.includes(`runtime "${name}" is retired`))) this.app.warn(retiredRuntimeWarning(this.displayPath, name, resolved.runtime))
      }
    }
    return resolved
  }

  private checkHandler(handler: string, runtime: ResolvedRuntime): void {
    if (isValidHandler(handler, runtime.family, runtime.go)) return
    const form = HANDLER_FORMS[runtime.go ? "go" : runtime.family]
    this.report({
      code: "InvalidHandler",
      property: "handler",
      problem: `is ${JSON.stringify(handler)}, which is not a ${runtime.runtime} handler.`,
      allowed: form,
      fix: runtime.family === "node" ? `name the export after the file: "${handler.replace(/\.[^./]*$/, "")}.main".` : `write it as ${form}.`,
    })
  }

  private checkBundle(runtime: ResolvedRuntime): void {
    const bundle = this.props.bundle
    const srcPath = this.props.srcPath ?? "."
    const isRoot = srcPath === "." || srcPath === "./" || srcPath === ""
    if (bundle === false && runtime.family === "node" && isRoot) {
      this.report({
        code: "UnbundledFromRoot",
        property: "bundle",
        problem: "is false while srcPath is the app root, which would ship the whole project.",
        allowed: "bundle: false only with a srcPath that holds the function's code.",
        fix: 'set srcPath to the folder of the function (e.g. "services"), or leave bundle on.',
      })
    }
    if (runtime.family === "python" && isRoot) {
      this.report({
        code: "PythonSrcPathRequired",
        property: "srcPath",
        problem: "is the app root; a Python function ships its whole srcPath.",
        allowed: "a folder holding the function's code and its requirements.txt.",
        fix: 'set srcPath, e.g. { srcPath: "services", handler: "api/list.handler" }.',
      })
    }
  }

  private declareAsset(handler: string, runtime: ResolvedRuntime): Asset {
    const source: FunctionAssetSource = toFunctionAssetSource(this.props, handler, runtime, this.displayPath, (problem) => this.report(problem))
    const asset: Asset = { id: this.path, kind: "function", source, stack: this.enclosingStack }
    this.app.assets.push(asset)
    return asset
  }

  private createFunction(handler: string, runtime: ResolvedRuntime): CfnResource {
    const p = this.props
    const expected = deployedHandler(handler, runtime.family, runtime.go)
    const asset = () => this.asset
    return new CfnResource(this, "Resource", {
      type: "AWS::Lambda::Function",
      properties: {
        FunctionName: (this.explicitName = this.functionNameProp()),
        Description: p.description,
        // Until the packager has run (unit tests of templates), the key names the asset it would build.
        Code: new Lazy(() => ({ S3Bucket: assetsBucket(), S3Key: asset().s3Key ?? `assets/unpackaged/${asset().id}.zip` }), this.app),
        Handler: new Lazy(() => asset().handler ?? expected, this.app),
        Runtime: runtime.runtime,
        Role: this.roleArnValue,
        MemorySize: p.memorySize === undefined ? DEFAULT_MEMORY_MB : toMegabytes(p.memorySize),
        Timeout: p.timeout === undefined ? DEFAULT_TIMEOUT_SECONDS : toSeconds(p.timeout),
        EphemeralStorage: p.diskSize === undefined ? undefined : { Size: toMegabytes(p.diskSize) },
        Architectures: [p.architecture === "arm_64" || p.architecture === "arm64" ? "arm64" : "x86_64"],
        TracingConfig: p.tracing === "disabled" ? undefined : { Mode: p.tracing === "pass_through" ? "PassThrough" : "Active" },
        Environment: { Variables: new Lazy(() => ({ ...this.environment }), this.app) },
        Layers: this.layerArns(p.layers ?? []),
        ReservedConcurrentExecutions: p.reservedConcurrentExecutions,
      },
    })
  }

  private addDefaultEnvironment(runtime: ResolvedRuntime): void {
    const app = this.app
    this.addEnvironment("SST_APP", app.name)
    this.addEnvironment("SST_STAGE", app.stage)
    const ssmPrefix = (app as { ssmPrefix?: string }).ssmPrefix
    if (ssmPrefix) this.addEnvironment("SST_SSM_PREFIX", ssmPrefix)
    if (runtime.family === "node") {
      this.addEnvironment("AWS_NODEJS_CONNECTION_REUSE_ENABLED", "1")
      const bundle = this.props.bundle
      if (typeof bundle === "object" && "sourcemap" in bundle && bundle.sourcemap) this.addEnvironment("NODE_OPTIONS", "--enable-source-maps")
    }
  }

  private functionNameProp(): string | undefined {
    const name = this.props.functionName
    if (name === undefined) return undefined
    const value = typeof name === "function" ? name({ stack: this.enclosingStack as Stack, functionProps: this.props }) : name
    if (typeof value !== "string" || value === "") {
      this.report({
        code: "InvalidFunctionName",
        property: "functionName",
        problem: `returned ${value === "" ? "an empty string" : typeof value}.`,
        allowed: "a string of at most 64 letters, digits, '-' and '_'.",
        fix: "return a name such as `${stack.stage}-list-notes`.",
      })
      return undefined
    }
    if (!value.includes("${Token[") && (value.length > MAX_FUNCTION_NAME_LENGTH || !/^[a-zA-Z0-9-_]+$/.test(value))) {
      this.report({
        code: "InvalidFunctionName",
        property: "functionName",
        problem: `is ${JSON.stringify(value)} (${value.length} characters), which Lambda refuses.`,
        allowed: `at most ${MAX_FUNCTION_NAME_LENGTH} letters, digits, '-' and '_'.`,
        fix: value.length > MAX_FUNCTION_NAME_LENGTH ? `shorten it by ${value.length - MAX_FUNCTION_NAME_LENGTH} characters.` : "remove the other characters.",
      })
    }
    return value
  }

  private layerArns(layers: FunctionLayer[]): string[] | undefined {
    if (layers.length === 0) return undefined
    if (layers.length > MAX_LAYERS) {
      this.report({
        code: "TooManyLayers",
        property: "layers",
        problem: `lists ${layers.length} layers.`,
        allowed: `at most ${MAX_LAYERS} layers per function (Lambda's limit), counting default layers.`,
        fix: "merge layers, or drop the ones this function does not use.",
      })
    }
    return layers.map((layer) => (typeof layer === "string" ? layer : layer instanceof CfnResource ? layer.ref : layer.layerVersionArn))
  }

  private createLogGroup(): void {
    const days = LOG_RETENTION_DAYS[this.props.logRetention as keyof typeof LOG_RETENTION_DAYS]
    new CfnResource(this, "LogGroup", {
      type: "AWS::Logs::LogGroup",
      properties: { LogGroupName: `/aws/lambda/${this.explicitName ?? this.functionName}`, RetentionInDays: days },
    })
  }

  private report(problem: Omit<Problem, "path" | "construct">): void {
    this.app.report({ ...problem, path: this.displayPath, construct: "Function" } as Problem)
  }
}
