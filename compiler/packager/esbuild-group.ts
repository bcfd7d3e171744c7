/**
 * Bundles many Node functions with one esbuild call.
 *
 * Functions whose bundle options agree form a group, and a group is one `esbuild.build` with every
 * handler file as an entry point (no code splitting: each output stands alone, as a Lambda zip
 * must). esbuild parses a module shared by 200 handlers once instead of 200 times, which is what
 * keeps `sst build` close to bare esbuild at N = 200 (see test/bench). The metafile tells, per
 * output, which files went in (the cache's inputs) and what the entry exports (the handler check).
 * @module
 */
import { createHash } from "node:crypto"
import { existsSync, readFileSync, rmSync } from "node:fs"
import { join } from "node:path"
import { pathToFileURL } from "node:url"
import * as esbuild from "esbuild"
import type { Problem } from "../errors.ts"
import type { NodeBundleSource } from "./function-source.ts"

/** Lets ESM bundles call require() for the CommonJS packages they contain (SST v1's banner). */
export const ESM_REQUIRE_BANNER = 'import { createRequire as __sstCreateRequire } from "node:module"; const require = __sstCreateRequire(import.meta.url);'

export interface GroupEntry {
  /** Handler file relative to the app root, e.g. "services/functions/list.ts". */
  entry: string
  /** Construct paths of the functions using it, for error messages. */
  users: string[]
}

export interface BundledEntry {
  code: Uint8Array
  map?: Uint8Array
  /** Files (relative to the root) that went into the bundle. */
  inputs: string[]
  /** Exports of the entry; undefined when they cannot be known. */
  exports?: string[]
}

export interface GroupResult {
  bundles: Map<string, BundledEntry>
  problems: Problem[]
}

/** esbuild's target for a Lambda Node runtime, e.g. "nodejs24.x" → "node24". */
export function targetOf(runtime: string): string {
  const match = /^nodejs(\d+)/.exec(runtime)
  return match ? `node${match[1]}` : "node20"
}

export async function bundleGroup(root: string, options: NodeBundleSource, runtime: string, entries: readonly GroupEntry[]): Promise<GroupResult> {
  // esbuild writes the bundles itself: handing 200 bundles to JavaScript (write: false) costs more
  // than writing and reading them back (0.4–0.7 s at 200 functions). One folder per group, named by
  // its options, so two groups bundling one handler differently never share a file.
  const outdir = `.sst/artifacts/node/${createHash("sha256").update(JSON.stringify([runtime, options])).digest("hex").slice(0, 12)}`
  rmSync(join(root, outdir), { recursive: true, force: true })
  const build: esbuild.BuildOptions = {
    absWorkingDir: root,
    entryPoints: entries.map((e) => ({ in: e.entry, out: outName(e.entry) })),
    outdir,
    bundle: true,
    write: true,
    metafile: true,
    platform: "node",
    target: targetOf(runtime),
    format: options.format,
    minify: options.minify,
    sourcemap: options.sourcemap,
    keepNames: options.keepNames,
    define: options.define,
    loader: options.loader as Record<string, esbuild.Loader>,
    external: [...options.externalModules, ...options.nodeModules],
    mainFields: options.format === "esm" ? ["module", "main"] : ["main", "module"],
    banner: { js: [options.format === "esm" ? ESM_REQUIRE_BANNER : "", options.banner ?? ""].filter(Boolean).join("\n") },
    logLevel: "silent",
    plugins: options.plugins ? await loadPlugins(root, options.plugins) : [],
  }
  let result: esbuild.BuildResult<{ metafile: true }>
  try {
    // CommonJS output does not list exports; a second, ESM analysis build in parallel does (in memory).
    const [built, analysis] = await Promise.all([
      esbuild.build(build as esbuild.BuildOptions & { metafile: true }),
      options.format === "cjs" ? esbuild.build({ ...build, write: false, format: "esm", minify: false, sourcemap: false, banner: undefined, mainFields: undefined }) : undefined,
    ])
    result = built
    if (analysis?.metafile) copyExports(analysis.metafile, result.metafile)
  } catch (error) {
    return { bundles: new Map(), problems: buildProblems(error, entries) }
  }
  return { bundles: collect(root, outdir, entries, result, options.format), problems: [] }
}

/** Output name of an entry: its path without the extension. */
function outName(entry: string): string {
  // Entries outside the root ("../x") must not write outside the output folder.
  return entry.replace(/\.[^./]+$/, "").replace(/\.\.\//g, "__/")
}

function collect(root: string, outdir: string, entries: readonly GroupEntry[], result: esbuild.BuildResult<{ metafile: true }>, format: "esm" | "cjs"): Map<string, BundledEntry> {
  const bundles = new Map<string, BundledEntry>()
  for (const { entry } of entries) {
    const relative = `${outdir}/${outName(entry)}.js`
    const meta = result.metafile.outputs[relative]
    if (!meta || !existsSync(join(root, relative))) throw new Error(`internal: esbuild wrote no ${relative} for ${entry}`)
    const map = join(root, `${relative}.map`)
    bundles.set(entry, {
      code: readFileSync(join(root, relative)),
      map: existsSync(map) ? readFileSync(map) : undefined,
      inputs: Object.keys(meta.inputs).filter((input) => !input.includes(":")),
      // A CommonJS source seen as ESM exports only "default"; under CJS output its real exports are unknown.
      exports: format === "cjs" && meta.exports.length === 1 && meta.exports[0] === "default" ? undefined : meta.exports,
    })
  }
  return bundles
}

function copyExports(from: esbuild.Metafile, to: esbuild.Metafile): void {
  const byEntry = new Map(Object.values(from.outputs).filter((o) => o.entryPoint).map((o) => [o.entryPoint as string, o.exports]))
  for (const output of Object.values(to.outputs)) if (output.entryPoint) output.exports = byEntry.get(output.entryPoint) ?? []
}

async function loadPlugins(root: string, file: string): Promise<esbuild.Plugin[]> {
  const module = (await import(pathToFileURL(join(root, file)).href)) as { default?: unknown }
  const plugins = module.default
  if (!Array.isArray(plugins)) throw new Error(`${file} must export default an array of esbuild plugins (esbuildConfig.plugins).`)
  return plugins as esbuild.Plugin[]
}

/** esbuild's errors, each with file:line:column and the source line, against the functions they break. */
function buildProblems(error: unknown, entries: readonly GroupEntry[]): Problem[] {
  const messages = (error as { errors?: esbuild.Message[] }).errors
  const users = entries.flatMap((e) => e.users)
  if (!messages || messages.length === 0) {
    return [{ code: "BundleFailed", path: users[0], construct: "Function", problem: `could not be bundled: ${(error as Error).message}`, allowed: "code esbuild can bundle.", fix: "fix the error above." }]
  }
  return messages.slice(0, 5).map((message) => {
    const location = message.location
    const where = location ? `${location.file}:${location.line}:${location.column + 1}` : "esbuild"
    const owner = entries.find((e) => location && e.entry === location.file)
    const path = owner ? owner.users[0] : users[0]
    const others = owner ? owner.users.length - 1 : users.length - 1
    const source = location ? `\n    ${location.lineText}\n    ${" ".repeat(location.column)}^` : ""
    return {
      code: "BundleFailed",
      path: others > 0 ? `${path} (and ${others} more built with it)` : path,
      construct: "Function",
      problem: `could not be bundled: ${where}: ${message.text}${source}`,
      allowed: "code esbuild can bundle; packages that cannot be bundled go in bundle.nodeModules or bundle.externalModules.",
      fix: message.notes[0]?.text ?? `fix ${where}.`,
    }
  })
}
