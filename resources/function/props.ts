/**
 * The props of `Function` (SST v1's names and defaults), their zod schema, and the bundle options
 * of each runtime. The interface is what editors show; the schema checks input at run time.
 * @module
 */
import { z } from "zod"
import { assertSameShape, type CfnResource } from "../../compiler/index.ts"
import type { NodeCommandHooks } from "../../compiler/packager/function-source.ts"
import { isSSTConstruct, type SSTConstruct } from "../bindable.ts"
import type { Stack } from "../Stack.ts"
import { DurationSchema, SizeSchema, type Duration, type Size } from "./duration.ts"
import { LOG_RETENTION_DAYS, type LogRetention } from "./log-retention.ts"
import type { Permissions } from "./permissions.ts"
import { knownRuntimes, type SupportedRuntime } from "./runtime.ts"

/** Runtimes SST v1 apps name that AWS has retired; they build as the newest of their language. */
export type RetiredRuntime =
  | "nodejs12.x" | "nodejs14.x" | "nodejs16.x" | "nodejs18.x"
  | "python3.7" | "python3.8" | "python3.9"
  | "go1.x" | "java8" | "dotnetcore3.1" | "dotnet6" | "dotnet7" | "ruby2.7" | "ruby3.1"

export type FunctionRuntime = SupportedRuntime | "go" | RetiredRuntime

export type EsbuildLoader = "js" | "jsx" | "ts" | "tsx" | "json" | "text" | "base64" | "file" | "dataurl" | "binary" | "copy" | "css" | "empty" | "default"

/** A file or folder copied into the function's zip. */
export interface FunctionCopyFilesProps {
  /** Relative to the app root. @example "templates/email.html" */
  from: string
  /** Relative to the zip's root. @default the same as `from` */
  to?: string
}

/**
 * How a function's code is packaged. The Node options apply to Node runtimes, `installCommands`
 * to Python, `buildTask`/`buildOutputDir` to Java; `copyFiles` to all.
 */
export interface FunctionBundleNodejsProps {
  /** Module format of the bundle. @default "esm" */
  format?: "esm" | "cjs"
  /** @default true */
  minify?: boolean
  /** Write a source map beside the bundle and enable it at run time. @default false */
  sourcemap?: boolean
  /** esbuild loaders by file extension. @example loader: { ".png": "file" } */
  loader?: Record<string, EsbuildLoader>
  /** Packages left out of the bundle and not installed (e.g. provided by a layer). */
  externalModules?: string[]
  /** Packages left out of the bundle and installed into the zip, at the app's lockfile versions. */
  nodeModules?: string[]
  /** Text put at the top of the bundle. */
  banner?: string
  esbuildConfig?: {
    /** @example define: { "process.env.STAGE": JSON.stringify("prod") } */
    define?: Record<string, string>
    /** @default false */
    keepNames?: boolean
    /** A module (relative to the app root) whose default export is an array of esbuild plugins. */
    plugins?: string
  }
  /** Shell commands to run around bundling; each hook returns the commands. */
  commandHooks?: NodeCommandHooks
  copyFiles?: FunctionCopyFilesProps[]
}

export interface FunctionBundlePythonProps {
  /** Commands run in the asset folder instead of `pip install -r requirements.txt`. */
  installCommands?: string[]
  copyFiles?: FunctionCopyFilesProps[]
}

export interface FunctionBundleJavaProps {
  /** Gradle task that builds the zip. @default "build" */
  buildTask?: string
  /** Folder under `build/` with Gradle's output. @default "distributions" */
  buildOutputDir?: string
  copyFiles?: FunctionCopyFilesProps[]
}

/** `false` ships `srcPath` unbundled (Node only, and `srcPath` must not be the app root). */
export type FunctionBundleProp = boolean | FunctionBundleNodejsProps | FunctionBundlePythonProps | FunctionBundleJavaProps

export interface FunctionUrlCorsProps {
  /** @default false */
  allowCredentials?: boolean
  /** @default ["*"] */
  allowHeaders?: string[]
  /** @default ["*"] */
  allowMethods?: ("*" | "GET" | "PUT" | "HEAD" | "POST" | "DELETE" | "PATCH")[]
  /** @default ["*"] */
  allowOrigins?: string[]
  exposeHeaders?: string[]
  maxAge?: Duration
}

export interface FunctionUrlProps {
  /** "iam" requires signed requests. @default "none" */
  authorizer?: "none" | "iam"
  /** `false` turns CORS off. @default true (allow every origin, header and method) */
  cors?: boolean | FunctionUrlCorsProps
}

/** A Lambda layer: its ARN, a `AWS::Lambda::LayerVersion` resource, or an object with its ARN. */
export type FunctionLayer = string | CfnResource | { layerVersionArn: string }

export interface FunctionNameContext {
  stack: Stack
  functionProps: FunctionProps
}

/** Props of {@link Function}. */
export interface FunctionProps {
  /**
   * The handler, relative to `srcPath`: Node and Python `"dir/file.export"`, Go a package folder or
   * `.go` file, Java `"package.Class::method"`, .NET `"Assembly::Namespace.Class::Method"`.
   * @example handler: "functions/list.main"
   */
  handler?: string
  /** Folder the handler is relative to, relative to the app root. @default the app root */
  srcPath?: string
  /** @default "nodejs24.x" */
  runtime?: FunctionRuntime
  /** What a runtime AWS has retired does: "map" builds it as the newest of its language, with a warning. @default "map" */
  retiredRuntimes?: "map" | "error"
  /** @default "x86_64" */
  architecture?: "x86_64" | "arm_64" | "arm64"
  /** @example functionName: ({ stack }) => `${stack.stage}-thumbnail` */
  functionName?: string | ((context: FunctionNameContext) => string)
  description?: string
  /** @default 1024 (MB) */
  memorySize?: Size
  /** Ephemeral storage in /tmp. @default 512 (MB) */
  diskSize?: Size
  /** @default 10 (seconds) */
  timeout?: Duration
  /** X-Ray tracing. @default "active" */
  tracing?: "active" | "pass_through" | "disabled"
  environment?: Record<string, string | undefined>
  /** IAM permissions. @example permissions: ["s3", table, [bucket, "grantRead"]] */
  permissions?: Permissions
  /** Constructs whose values and permissions the function gets. @example bind: [table] */
  bind?: SSTConstruct[]
  /**
   * The name `bind` had before SST v1.16; v1 apps of that time still pass it, and its constructs
   * are bound exactly as `bind`'s are.
   * @deprecated use `bind`
   * @example config: [new Config.Secret(stack, "STRIPE_KEY")]
   */
  config?: SSTConstruct[]
  layers?: FunctionLayer[]
  /** How long CloudWatch keeps the function's logs. @default logs are kept forever */
  logRetention?: LogRetention
  /** A function URL. @default no URL */
  url?: boolean | FunctionUrlProps
  bundle?: FunctionBundleProp
  /** Run the function locally under `sst start`. @default true */
  enableLiveDev?: boolean
  reservedConcurrentExecutions?: number
  /** An existing role (its ARN, or an `AWS::IAM::Role` resource) instead of one per function. */
  role?: string | CfnResource
}

/** A function wherever one is accepted: a handler string, a Function, or props. */
export type FunctionDefinition = string | import("../Function.ts").Function | FunctionProps

const isFunction = (value: unknown) => typeof value === "function"

const CopyFilesSchema = z.array(z.strictObject({ from: z.string().min(1), to: z.string().optional() }))

const BundleSchema = z.union([
  z.boolean(),
  z.strictObject({
    format: z.enum(["esm", "cjs"]).optional(),
    minify: z.boolean().optional(),
    sourcemap: z.boolean().optional(),
    loader: z.record(z.string(), z.enum(["js", "jsx", "ts", "tsx", "json", "text", "base64", "file", "dataurl", "binary", "copy", "css", "empty", "default"])).optional(),
    externalModules: z.array(z.string()).optional(),
    nodeModules: z.array(z.string()).optional(),
    banner: z.string().optional(),
    esbuildConfig: z
      .strictObject({ define: z.record(z.string(), z.string()).optional(), keepNames: z.boolean().optional(), plugins: z.string().optional() })
      .optional(),
    commandHooks: z
      .strictObject({
        beforeBundling: z.custom<NonNullable<NodeCommandHooks["beforeBundling"]>>(isFunction).optional(),
        beforeInstall: z.custom<NonNullable<NodeCommandHooks["beforeInstall"]>>(isFunction).optional(),
        afterBundling: z.custom<NonNullable<NodeCommandHooks["afterBundling"]>>(isFunction).optional(),
      })
      .optional(),
    copyFiles: CopyFilesSchema.optional(),
    installCommands: z.array(z.string()).optional(),
    buildTask: z.string().optional(),
    buildOutputDir: z.string().optional(),
  }),
])
assertSameShape<FunctionBundleProp, z.input<typeof BundleSchema>>()

const UrlSchema = z.union([
  z.boolean(),
  z.strictObject({
    authorizer: z.enum(["none", "iam"]).optional(),
    cors: z
      .union([
        z.boolean(),
        z.strictObject({
          allowCredentials: z.boolean().optional(),
          allowHeaders: z.array(z.string()).optional(),
          allowMethods: z.array(z.enum(["*", "GET", "PUT", "HEAD", "POST", "DELETE", "PATCH"])).optional(),
          allowOrigins: z.array(z.string()).optional(),
          exposeHeaders: z.array(z.string()).optional(),
          maxAge: DurationSchema.optional(),
        }),
      ])
      .optional(),
  }),
])

const LayerSchema = z.custom<FunctionLayer>(
  (value) =>
    typeof value === "string" ||
    (value !== null && typeof value === "object" && (typeof (value as { layerVersionArn?: unknown }).layerVersionArn === "string" || (value as { type?: unknown }).type === "AWS::Lambda::LayerVersion")),
  { message: "a layer ARN, an AWS::Lambda::LayerVersion resource or { layerVersionArn }" },
)

export const FunctionPropsSchema = z.strictObject({
  handler: z.string().min(1).optional(),
  srcPath: z.string().min(1).optional(),
  runtime: z.enum(knownRuntimes() as [FunctionRuntime, ...FunctionRuntime[]]).optional(),
  retiredRuntimes: z.enum(["map", "error"]).optional(),
  architecture: z.enum(["x86_64", "arm_64", "arm64"]).optional(),
  functionName: z.union([z.string().min(1), z.custom<(context: FunctionNameContext) => string>(isFunction)]).optional(),
  description: z.string().max(256).optional(),
  memorySize: SizeSchema.optional(),
  diskSize: SizeSchema.optional(),
  timeout: DurationSchema.optional(),
  tracing: z.enum(["active", "pass_through", "disabled"]).optional(),
  environment: z.record(z.string(), z.string().optional()).optional(),
  permissions: z
    .union([z.literal("*"), z.array(z.custom<Exclude<Permissions, "*">[number]>((value) => value !== undefined && value !== null, { message: "a permission" }))])
    .optional(),
  bind: z.array(z.custom<SSTConstruct>(isSSTConstruct, { message: "a construct that can be bound (Table, Queue, Bucket, ...)" })).optional(),
  config: z.array(z.custom<SSTConstruct>(isSSTConstruct, { message: "a construct that can be bound (Config.Parameter, Config.Secret, Table, ...)" })).optional(),
  layers: z.array(LayerSchema).optional(),
  logRetention: z.enum(Object.keys(LOG_RETENTION_DAYS) as [LogRetention, ...LogRetention[]]).optional(),
  url: UrlSchema.optional(),
  bundle: BundleSchema.optional(),
  enableLiveDev: z.boolean().optional(),
  reservedConcurrentExecutions: z.number().int().nonnegative().optional(),
  role: z
    .union([z.string().min(1), z.custom<CfnResource>((value) => (value as { type?: unknown } | null)?.type === "AWS::IAM::Role", { message: "an AWS::IAM::Role resource" })])
    .optional(),
})
assertSameShape<FunctionProps, z.input<typeof FunctionPropsSchema>>()
