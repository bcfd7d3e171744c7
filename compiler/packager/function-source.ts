/**
 * What a `Function` hands the packager: the `source` of an asset of kind "function".
 *
 * The construct (resources/Function.ts) has already merged defaults, mapped retired runtimes and
 * checked the props; the packager only reads this plain, JSON-like description, so the compiler
 * needs nothing from `resources/`. Command hooks are the one exception: they are the user's
 * functions, called with the folders the packager chose (as SST v1 did).
 * @module
 */

/** Which toolchain builds the code. */
export type RuntimeFamily = "node" | "python" | "go" | "java" | "dotnet" | "ruby" | "provided"

/** Lambda's instruction set names, as CloudFormation's `Architectures` takes them. */
export type LambdaArchitecture = "x86_64" | "arm64"

/** Commands run around a Node build; each returns shell commands, run in order in `inputDir`. */
export interface NodeCommandHooks {
  beforeBundling?(inputDir: string, outputDir: string): string[]
  beforeInstall?(inputDir: string, outputDir: string): string[]
  afterBundling?(inputDir: string, outputDir: string): string[]
}

/** A file or folder copied into the asset: `from` is relative to the app root, `to` to the zip's root. */
export interface CopyFile {
  from: string
  to?: string
  /** Internal (Node): `from` is a code file, bundled by esbuild like a handler into `to` (RDS migrations). */
  bundle?: boolean
}

export interface NodeBundleSource {
  format: "esm" | "cjs"
  minify: boolean
  sourcemap: boolean
  /** esbuild loaders by extension, e.g. { ".png": "file" }. */
  loader: Record<string, string>
  externalModules: string[]
  nodeModules: string[]
  banner?: string
  define: Record<string, string>
  keepNames: boolean
  /** A module, relative to the app root, whose default export is an array of esbuild plugins. */
  plugins?: string
  commandHooks?: NodeCommandHooks
  copyFiles: CopyFile[]
}

export interface PythonBundleSource {
  /** Replaces `pip install`; run in the asset folder. */
  installCommands?: string[]
  copyFiles: CopyFile[]
}

export interface JavaBundleSource {
  /** Gradle task. @default "build" */
  buildTask: string
  /** Folder under `build/` holding Gradle's output. @default "distributions" */
  buildOutputDir: string
  copyFiles: CopyFile[]
}

export interface FunctionAssetSource {
  /** The supported runtime the function is deployed with, e.g. "nodejs24.x", "provided.al2023". */
  runtime: string
  family: RuntimeFamily
  /** The handler as the user wrote it, e.g. "functions/list.main". */
  handler: string
  /** Folder the handler is relative to, relative to the app root ("." for the root). */
  srcPath: string
  /**
   * Internal: "sst" for code that ships with sst itself (custom resource provider, RDS migrator):
   * `srcPath` is then relative to the sst package root (sst-root.ts), so cache keys and zips do not
   * depend on where sst is installed. `copyFiles` stay relative to the app root.
   */
  srcRoot?: "sst"
  architecture: LambdaArchitecture
  /** Node bundling options; `false` ships `srcPath` as is (SST v1's `bundle: false`). */
  node?: NodeBundleSource | false
  python?: PythonBundleSource
  java?: JavaBundleSource
  /** Files copied into the asset for runtimes without bundle options of their own. */
  copyFiles?: CopyFile[]
  /** The function's construct path, as errors show it ("notes/dev/Api/Handler"). */
  constructPath: string
}
