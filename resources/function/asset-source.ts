/**
 * Turns a function's checked props into the packager's input (compiler/packager/function-source.ts),
 * with SST v1's bundle defaults, and refuses bundle options that belong to another runtime.
 * @module
 */
import type { Problem } from "../../compiler/index.ts"
import type { CopyFile, FunctionAssetSource, NodeBundleSource } from "../../compiler/packager/function-source.ts"
import type { FunctionBundleJavaProps, FunctionBundleNodejsProps, FunctionBundlePythonProps, FunctionProps } from "./props.ts"
import type { ResolvedRuntime } from "./runtime.ts"

const NODE_KEYS = ["format", "minify", "sourcemap", "loader", "externalModules", "nodeModules", "banner", "esbuildConfig", "commandHooks"]
const PYTHON_KEYS = ["installCommands"]
const JAVA_KEYS = ["buildTask", "buildOutputDir"]

export function toFunctionAssetSource(
  props: FunctionProps,
  handler: string,
  runtime: ResolvedRuntime,
  constructPath: string,
  report: (problem: Omit<Problem, "path" | "construct">) => void,
): FunctionAssetSource {
  const bundle = props.bundle
  const options = typeof bundle === "object" ? bundle : {}
  checkKeys(options, runtime, report)
  const copyFiles: CopyFile[] = (options.copyFiles ?? []).map((file) => ({ from: file.from, to: file.to }))
  const source: FunctionAssetSource = {
    runtime: runtime.runtime,
    family: runtime.go ? "go" : runtime.family,
    handler,
    srcPath: normalizeSrcPath(props.srcPath),
    architecture: props.architecture === "arm_64" || props.architecture === "arm64" ? "arm64" : "x86_64",
    constructPath,
  }
  if (source.family === "node") source.node = bundle === false ? false : nodeSource(options as FunctionBundleNodejsProps, copyFiles)
  else if (source.family === "python") source.python = { installCommands: (options as FunctionBundlePythonProps).installCommands, copyFiles }
  else if (source.family === "java") {
    const java = options as FunctionBundleJavaProps
    source.java = { buildTask: java.buildTask ?? "build", buildOutputDir: java.buildOutputDir ?? "distributions", copyFiles }
  } else source.copyFiles = copyFiles
  return source
}

/** SST v1's defaults, except the format: new apps get ESM (v1 defaulted to CJS). */
function nodeSource(options: FunctionBundleNodejsProps, copyFiles: CopyFile[]): NodeBundleSource {
  return {
    format: options.format ?? "esm",
    minify: options.minify ?? true,
    sourcemap: options.sourcemap ?? false,
    loader: { ...(options.loader ?? {}) },
    externalModules: [...(options.externalModules ?? [])],
    nodeModules: [...(options.nodeModules ?? [])],
    banner: options.banner,
    define: { ...(options.esbuildConfig?.define ?? {}) },
    keepNames: options.esbuildConfig?.keepNames ?? false,
    plugins: options.esbuildConfig?.plugins,
    commandHooks: options.commandHooks,
    copyFiles,
  }
}

function normalizeSrcPath(srcPath: string | undefined): string {
  if (srcPath === undefined) return "."
  const trimmed = srcPath.replace(/\\/g, "/").replace(/^\.\/+/, "").replace(/\/+$/, "")
  return trimmed === "" ? "." : trimmed
}

function checkKeys(options: object, runtime: ResolvedRuntime, report: (problem: Omit<Problem, "path" | "construct">) => void): void {
  const family = runtime.go ? "go" : runtime.family
  const allowed = family === "node" ? NODE_KEYS : family === "python" ? PYTHON_KEYS : family === "java" ? JAVA_KEYS : []
  for (const key of Object.keys(options)) {
    if (key === "copyFiles" || allowed.includes(key)) continue
    if (![...NODE_KEYS, ...PYTHON_KEYS, ...JAVA_KEYS].includes(key)) continue
    report({
      code: "BundleOptionForOtherRuntime",
      property: `bundle.${key}`,
      problem: `is a bundle option of another runtime; this function runs ${runtime.runtime}.`,
      allowed: allowed.length > 0 ? `for ${runtime.runtime}: ${[...allowed, "copyFiles"].join(", ")}.` : `for ${runtime.runtime}: copyFiles.`,
      fix: `remove bundle.${key}, or set the runtime it belongs to.`,
    })
  }
}
