/**
 * Functions whose code is ours, not the app's: the custom resource provider and the RDS migrator.
 *
 * Their handlers live in `lambda/` folders of the sst package. The packager normally resolves a
 * handler against the app root; an asset source with `srcRoot: "sst"` is resolved against the
 * package root instead (compiler/packager/sst-root.ts finds it from its own location), and the
 * handler and zip entries are named relative to `srcPath` there, so the zip does not depend on
 * where sst is installed. They are minified: esbuild then writes no file paths into the bundle.
 * The AWS SDK stays out of the bundle: the Lambda Node.js runtime ships it.
 * @module
 */
import type { CopyFile, FunctionAssetSource, LambdaArchitecture, NodeBundleSource } from "../../compiler/packager/function-source.ts"
import type { Function } from "../Function.ts"

/** Bundle options of our own functions: the app's defaults do not apply to them. */
export function sstBundleOptions(copyFiles: CopyFile[] = []): NodeBundleSource {
  return {
    format: "esm",
    minify: true,
    sourcemap: false,
    loader: {},
    externalModules: ["@aws-sdk/*"],
    nodeModules: [],
    define: {},
    keepNames: false,
    copyFiles,
  }
}

export interface SstFunctionSourceOptions {
  /** Folder of the handler, relative to the sst package root. */
  srcPath: string
  handler: string
  runtime: string
  architecture: LambdaArchitecture
  constructPath: string
  copyFiles?: CopyFile[]
}

/** The packager's input for a function whose code is in the sst package. */
export function sstFunctionSource(options: SstFunctionSourceOptions): FunctionAssetSource {
  return {
    runtime: options.runtime,
    family: "node",
    handler: options.handler,
    srcPath: options.srcPath,
    srcRoot: "sst",
    architecture: options.architecture,
    node: sstBundleOptions(options.copyFiles),
    constructPath: options.constructPath,
  }
}

/**
 * Points an SST `Function` (one users see, such as `rds.migratorFunction`) at code in the sst
 * package: its asset is built from `srcPath` of the package, with our bundle options, whatever the
 * app's default function props said about bundling.
 */
export function useSstCode(fn: Function, srcPath: string, copyFiles: CopyFile[] = []): void {
  const source = fn.asset.source as FunctionAssetSource
  source.srcRoot = "sst"
  source.srcPath = srcPath
  source.node = sstBundleOptions(copyFiles)
}
