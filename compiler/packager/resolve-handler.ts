/**
 * Finds the file behind a handler string, per runtime, or says exactly what was tried:
 * the handler as written, every file probed, and the function's construct path.
 *
 * Node: `<dir>/<file>.<export>` relative to srcPath, probing SST v1's extensions in order.
 * Python: `<dir>/<file>.<function>` → `<dir>/<file>.py`. Go: a package folder or a `.go` file.
 * Java and .NET handlers name classes inside the build's output; their build reports those.
 * @module
 */
import { existsSync, readdirSync, statSync } from "node:fs"
import { dirname, join, posix, relative, resolve } from "node:path"
import type { Problem } from "../errors.ts"
import { closest } from "../props.ts"
import type { FunctionAssetSource } from "./function-source.ts"

export const NODE_EXTENSIONS = [".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs"]

export interface ResolvedFileHandler {
  /** The source file, relative to the app root ("services/functions/list.ts"). */
  entry: string
  /** The file relative to srcPath without its extension ("functions/list"). */
  module: string
  /** The export (Node) or function (Python). */
  exportName: string
}

export type HandlerResult<T> = { ok: T } | { problem: Problem }

/** Node and Python: the file and the export of `source.handler`. */
export function resolveFileHandler(root: string, source: FunctionAssetSource, extensions: readonly string[]): HandlerResult<ResolvedFileHandler> {
  const match = /^(?:\.\/)?(.+)\.([A-Za-z_$][A-Za-z0-9_$]*)$/.exec(source.handler)
  if (!match) throw new Error(`internal: handler ${JSON.stringify(source.handler)} was not checked by Function`)
  const [, module, exportName] = match
  // Relative to the root, even for a srcPath outside it (code that ships with sst itself).
  const base = relative(root, resolve(root, source.srcPath, module)).split("\\").join("/")
  const tried = extensions.map((extension) => `${base}${extension}`)
  const found = tried.find((file) => isFile(resolve(root, file)))
  if (found) return { ok: { entry: posix.normalize(found), module, exportName } }
  return { problem: handlerNotFound(root, source, module, exportName, tried, extensions) }
}

/** Go: the package folder (or the folder of a .go file), relative to srcPath, as `./pkg`. */
export function resolveGoHandler(root: string, source: FunctionAssetSource): HandlerResult<{ packagePath: string }> {
  const handler = source.handler.replace(/^\.\//, "").replace(/\/+$/, "")
  const path = resolve(root, source.srcPath, handler)
  if (handler.endsWith(".go") && isFile(path)) return { ok: { packagePath: `./${posix.dirname(handler)}` } }
  if (existsSync(path) && statSync(path).isDirectory() && readdirSync(path).some((file) => file.endsWith(".go"))) {
    return { ok: { packagePath: handler === "" ? "." : `./${handler}` } }
  }
  const shown = join(source.srcPath, handler).split("\\").join("/")
  return {
    problem: {
      code: "HandlerNotFound",
      path: source.constructPath,
      construct: "Function",
      property: "handler",
      problem: `is ${JSON.stringify(source.handler)}, but ${shown} is neither a folder with .go files nor a .go file.`,
      allowed: `a Go package folder or .go file relative to srcPath "${source.srcPath}"; tried ${shown}.`,
      fix: "point handler at the folder of the package main, e.g. \"cmd/list\".",
    },
  }
}

function handlerNotFound(root: string, source: FunctionAssetSource, module: string, exportName: string, tried: string[], extensions: readonly string[]): Problem {
  const dir = resolve(root, source.srcPath, dirname(module))
  const siblings = existsSync(dir) ? readdirSync(dir).filter((file) => extensions.some((ext) => file.endsWith(ext))) : []
  const names = siblings.map((file) => file.replace(/\.[^.]+$/, ""))
  const guess = closest(posix.basename(module), names)
  const prefix = dirname(module) === "." ? "" : `${dirname(module)}/`
  return {
    code: "HandlerNotFound",
    path: source.constructPath,
    construct: "Function",
    property: "handler",
    problem: `is ${JSON.stringify(source.handler)}, but no file ${module}.{${extensions.map((e) => e.slice(1)).join(",")}} exists in srcPath "${source.srcPath}".`,
    allowed: `a file relative to srcPath; tried ${tried.join(", ")}.`,
    fix: guess ? `did you mean "${prefix}${guess}.${exportName}"?` : `create ${tried[0]}, or fix the path in handler (relative to srcPath "${source.srcPath}").`,
  }
}

/** The problem for an export the bundle does not have. */
export function exportNotFound(source: FunctionAssetSource, entry: string, exportName: string, exports: readonly string[]): Problem {
  const guess = closest(exportName, exports)
  const module = source.handler.slice(0, source.handler.length - exportName.length - 1)
  return {
    code: "HandlerExportNotFound",
    path: source.constructPath,
    construct: "Function",
    property: "handler",
    problem: `is ${JSON.stringify(source.handler)}, but ${entry} has no export named "${exportName}".`,
    allowed: exports.length > 0 ? `the exports of ${entry}: ${exports.join(", ")}.` : `an exported function; ${entry} exports nothing (with ESM output, module.exports counts only as "default").`,
    fix: guess ? `did you mean "${module}.${guess}"?` : `export it: export async function ${exportName}(event) { ... }`,
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile()
  } catch {
    return false
  }
}
