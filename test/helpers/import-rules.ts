/**
 * The layering rules of STYLE.md, as a pure function over source texts, so test/layers.test.ts
 * can run it on the real tree and on inline bad examples alike.
 *
 * - Imports point down: compiler ← resources ← live ← cli (cli may use every layer, live all
 *   but cli, resources only compiler, compiler nothing above itself).
 * - `@aws-sdk/*` and `cac` only in cli/; esbuild and archiver only in compiler/packager/.
 *   Files under a `lambda/` folder run inside AWS Lambda: they may use the AWS SDK, and no
 *   framework file imports them (the packager bundles them by path).
 * - compiler/ reads no environment (`process.env`, `node:process`): what it needs is passed in.
 * - No layer imports test/.
 * Test files (*.test.ts) are not shipped and are not checked.
 * @module
 */
import { posix } from "node:path"

export type Layer = "compiler" | "resources" | "live" | "cli"
export const LAYERS: readonly Layer[] = ["compiler", "resources", "live", "cli"]

/** What each layer may import from our own folders. */
const MAY_IMPORT: Record<Layer, readonly string[]> = {
  compiler: ["compiler"],
  resources: ["compiler", "resources"],
  live: ["compiler", "resources", "live"],
  cli: ["compiler", "resources", "live", "cli"],
}

export interface SourceFile {
  /** Path from the repository root with "/" separators, e.g. "compiler/emit.ts". */
  path: string
  text: string
}

export interface ImportFound {
  specifier: string
  line: number
}

/** Every module a source imports: static and type imports, re-exports, import() and require(). */
export function findImports(text: string): ImportFound[] {
  const code = stripComments(text)
  const found: ImportFound[] = []
  const patterns = [
    /(?:^|[;\s])(?:import|export)\s+(?:type\s+)?(?:[\w$*{}\s,]+?\s+from\s+)?["']([^"']+)["']/g,
    /\bimport\s*\(\s*["']([^"']+)["']\s*\)/g,
    /\brequire\s*\(\s*["']([^"']+)["']\s*\)/g,
  ]
  for (const pattern of patterns) {
    for (const match of code.matchAll(pattern)) {
      const index = (match.index ?? 0) + match[0].lastIndexOf(match[1])
      found.push({ specifier: match[1], line: code.slice(0, index).split("\n").length })
    }
  }
  return found.sort((a, b) => a.line - b.line)
}

/** Blanks out comments but keeps line numbers, so JSDoc examples are not read as imports. */
function stripComments(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, (comment) => comment.replace(/[^\n]/g, " "))
    .replace(/^(\s*)\/\/.*$/gm, "$1")
}

function layerOf(path: string): Layer | undefined {
  return LAYERS.find((layer) => path.startsWith(`${layer}/`))
}

function packageName(specifier: string): string {
  const parts = specifier.split("/")
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0]
}

const inLambdaFolder = (path: string) => path.split("/").includes("lambda")

/** Every broken rule in `files`, as "path:line: what is wrong". */
export function checkImportRules(files: readonly SourceFile[]): string[] {
  const problems: string[] = []
  for (const file of files) {
    const layer = layerOf(file.path)
    if (!layer || file.path.endsWith(".test.ts")) continue
    const at = (line: number) => `${file.path}:${line}`
    for (const { specifier, line } of findImports(file.text)) {
      if (specifier.startsWith(".")) {
        const target = posix.normalize(posix.join(posix.dirname(file.path), specifier))
        const targetLayer = layerOf(target)
        if (target.startsWith("test/")) problems.push(`${at(line)}: imports ${specifier}; code under ${layer}/ must not use test/`)
        else if (targetLayer && !MAY_IMPORT[layer].includes(targetLayer)) {
          problems.push(`${at(line)}: imports ${specifier}; ${layer}/ may import only ${MAY_IMPORT[layer].join(", ")}`)
        }
        if (inLambdaFolder(target) && !inLambdaFolder(file.path)) {
          problems.push(`${at(line)}: imports ${specifier}; code in a lambda/ folder runs in AWS Lambda and is bundled by path, never imported`)
        }
        continue
      }
      const name = packageName(specifier)
      if ((name.startsWith("@aws-sdk/") || name === "cac") && layer !== "cli" && !inLambdaFolder(file.path)) {
        problems.push(`${at(line)}: imports ${specifier}; only cli/ (and code in lambda/ folders) talks to AWS or parses the command line`)
      }
      if ((name === "esbuild" || name === "archiver") && !file.path.startsWith("compiler/packager/")) {
        problems.push(`${at(line)}: imports ${specifier}; only compiler/packager/ bundles and zips`)
      }
      if (layer === "compiler" && (name === "process" || name === "node:process")) {
        problems.push(`${at(line)}: imports ${specifier}; compiler/ reads no environment: take what it needs as an option`)
      }
    }
    if (layer === "compiler") {
      const code = stripComments(file.text)
      for (const match of code.matchAll(/\bprocess\s*(?:\.\s*env\b|\[\s*["']env["']\s*\])|\{[^}]*\benv\b[^}]*\}\s*=\s*process\b/g)) {
        const line = code.slice(0, match.index).split("\n").length
        problems.push(`${at(line)}: reads process.env; compiler/ reads no environment: take what it needs as an option`)
      }
    }
  }
  return problems
}
