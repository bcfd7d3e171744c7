/**
 * Handler strings: checking their form per runtime, and the `Handler` the Lambda runtime gets
 * once the code is packaged (the packager finds the files; this module only reads the string).
 * @module
 */
import type { RuntimeFamily } from "../../compiler/packager/function-source.ts"

/** What a handler must look like, per family, for error messages. */
export const HANDLER_FORMS: Record<RuntimeFamily | "go", string> = {
  node: '"<path>/<file>.<export>" relative to srcPath, e.g. "functions/list.main"',
  python: '"<path>/<file>.<function>" relative to srcPath, e.g. "api/list.handler"',
  go: 'a Go package folder or .go file relative to srcPath, e.g. "functions/list" or "functions/list/main.go"',
  java: '"<package>.<Class>::<method>", e.g. "com.example.Handler::handleRequest"',
  dotnet: '"<Assembly>::<Namespace>.<Class>::<Method>", e.g. "Notes::Notes.Function::Handler"',
  ruby: '"<path>/<file>.<method>", e.g. "function.handler"',
  provided: 'any name your bootstrap understands, e.g. "bootstrap"',
}

const FILE_EXPORT = /^(?:\.\/)?([^:]+)\.([A-Za-z_$][A-Za-z0-9_$]*)$/
const JAVA = /^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*(::[A-Za-z_$][\w$]*)?$/
const DOTNET = /^[^:\s]+::[^:\s]+::[^:\s]+$/

/** Whether `handler` has the form its runtime needs. */
export function isValidHandler(handler: string, family: RuntimeFamily, go: boolean): boolean {
  if (go) return handler.length > 0
  switch (family) {
    case "node":
    case "python":
    case "ruby":
      return FILE_EXPORT.test(handler)
    case "java":
      return JAVA.test(handler)
    case "dotnet":
      return DOTNET.test(handler)
    case "provided":
      return handler.length > 0
    case "go":
      return handler.length > 0
  }
}

/** The `Handler` property before the packager has run; the packager's layout gives the same. */
export function deployedHandler(handler: string, family: RuntimeFamily, go: boolean): string {
  if (go) return "bootstrap"
  if (family === "node" || family === "python" || family === "ruby") return handler.replace(/^\.\//, "")
  return handler
}
