/**
 * Node functions: group by bundle options, bundle each group with one esbuild call, then lay out
 * each function's zip: the bundle at `<handler file>.js` (relative to srcPath), its source map,
 * a package.json saying `"type": "module"` for ESM, installed `nodeModules`, and `copyFiles`.
 * Functions with `nodeModules` or command hooks are assembled in a folder under
 * `.sst/artifacts/` (npm and hooks work on folders); the others in memory.
 * @module
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs"
import { dirname, join } from "node:path"
import type { Problem } from "../errors.ts"
import { cacheKey } from "./build-cache.ts"
import { copyFilesEntries, folderEntries } from "./copy-files.ts"
import { bundleGroup, type BundledEntry, type GroupEntry } from "./esbuild-group.ts"
import type { CopyFile, FunctionAssetSource, NodeBundleSource } from "./function-source.ts"
import { installNodeModules, nodeModulesInputs, resolveNodeModules } from "./node-modules.ts"
import { exportNotFound, type ResolvedFileHandler } from "./resolve-handler.ts"
import { runShell } from "./run-command.ts"
import type { PackagedFunction } from "./packaged.ts"
import type { ZipEntry } from "./zip.ts"

export interface NodeJob {
  /** Asset id, for the staging folder's name. */
  id: string
  source: FunctionAssetSource
  options: NodeBundleSource
  handler: ResolvedFileHandler
}

export async function packageNodeFunctions(root: string, jobs: readonly NodeJob[]): Promise<{ results: Map<NodeJob, PackagedFunction>; problems: Problem[] }> {
  const groups = new Map<string, NodeJob[]>()
  for (const job of jobs) {
    const { commandHooks: _hooks, copyFiles: _copy, ...esbuildOptions } = job.options
    const key = cacheKey([job.source.runtime, esbuildOptions])
    groups.set(key, [...(groups.get(key) ?? []), job])
  }
  const results = new Map<NodeJob, PackagedFunction>()
  const problems: Problem[] = []
  // Groups run one after another: each esbuild call already uses every core.
  for (const group of groups.values()) {
    const first = group[0]
    for (const job of group) {
      if (needsStaging(job)) {
        rmSync(stagingDir(root, job.id), { recursive: true, force: true })
        mkdirSync(stagingDir(root, job.id), { recursive: true })
      }
      await runHooks(root, job, "beforeBundling")
    }
    const entries = groupEntries(group)
    const built = await bundleGroup(root, first.options, first.source.runtime, entries)
    problems.push(...built.problems)
    if (built.problems.length > 0) continue
    const packaged = await Promise.all(group.map((job) => layOut(root, job, built.bundles.get(job.handler.entry) as BundledEntry, built.bundles)))
    group.forEach((job, index) => {
      const result = packaged[index]
      if ("problems" in result) problems.push(...result.problems)
      else results.set(job, result)
    })
  }
  return { results, problems }
}

function groupEntries(jobs: readonly NodeJob[]): GroupEntry[] {
  const byEntry = new Map<string, GroupEntry>()
  for (const job of jobs) {
    for (const file of [job.handler.entry, ...bundledCopies(job).map((copy) => copy.from)]) {
      const entry = byEntry.get(file) ?? { entry: file, users: [] }
      entry.users.push(job.source.constructPath)
      byEntry.set(file, entry)
    }
  }
  return [...byEntry.values()]
}

async function layOut(root: string, job: NodeJob, bundle: BundledEntry, bundles: ReadonlyMap<string, BundledEntry>): Promise<PackagedFunction | { problems: Problem[] }> {
  const { handler, options, source } = job
  if (bundle.exports && !bundle.exports.includes(handler.exportName)) return { problems: [exportNotFound(source, handler.entry, handler.exportName, bundle.exports)] }
  const copied = copyFilesEntries(root, options.copyFiles.filter((copy) => !copy.bundle), source.constructPath)
  for (const copy of bundledCopies(job)) {
    const built = bundles.get(copy.from) as BundledEntry
    copied.entries.push({ name: copy.to ?? copy.from, data: built.code })
    copied.inputs.push(...built.inputs)
  }
  if (copied.problems.length > 0) return { problems: copied.problems }
  const type = options.format === "esm" ? "module" : "commonjs"
  const file = `${handler.module}.js`
  const entries: ZipEntry[] = [{ name: file, data: bundle.code }]
  if (bundle.map) entries.push({ name: `${file}.map`, data: bundle.map })
  const inputs = [...bundle.inputs, ...copied.inputs, ...tsconfigInputs(source)]
  if (needsStaging(job)) {
    const staged = await stage(root, job, entries, type)
    if ("problems" in staged) return staged
    entries.splice(0, entries.length, ...staged.entries)
    inputs.push(...nodeModulesInputs(root))
  } else {
    entries.push({ name: "package.json", data: `${JSON.stringify({ type }, null, 2)}\n` })
  }
  const names = new Set(entries.map((e) => e.name))
  entries.push(...copied.entries.filter((e) => !names.has(e.name)))
  return { entries, inputs, handler: `${handler.module}.${handler.exportName}` }
}

/** Writes the bundle into a folder, installs nodeModules and runs the hooks there, then reads it back. */
async function stage(root: string, job: NodeJob, entries: ZipEntry[], type: "module" | "commonjs"): Promise<{ entries: ZipEntry[] } | { problems: Problem[] }> {
  const dir = stagingDir(root, job.id)
  for (const entry of entries) {
    mkdirSync(dirname(join(dir, entry.name)), { recursive: true })
    writeFileSync(join(dir, entry.name), entry.data)
  }
  if (job.options.nodeModules.length > 0) {
    const modules = resolveNodeModules(root, job.options.nodeModules)
    if (modules.missing.length > 0) return { problems: [missingModules(job, modules.missing)] }
    await runHooks(root, job, "beforeInstall")
    await installNodeModules(dir, modules.dependencies, type)
  } else {
    writeFileSync(join(dir, "package.json"), `${JSON.stringify({ type }, null, 2)}\n`)
  }
  await runHooks(root, job, "afterBundling")
  // npm's hidden lockfile and .bin links change with npm's version, not with the code.
  return { entries: folderEntries(dir, new Set([".package-lock.json", ".bin", ".DS_Store"])) }
}

function bundledCopies(job: NodeJob): CopyFile[] {
  return job.options.copyFiles.filter((copy) => copy.bundle)
}

function needsStaging(job: NodeJob): boolean {
  return job.options.nodeModules.length > 0 || job.options.commandHooks !== undefined
}

export function stagingDir(root: string, id: string): string {
  return join(root, ".sst", "artifacts", id.replace(/[^A-Za-z0-9_-]+/g, "-"))
}

async function runHooks(root: string, job: NodeJob, hook: "beforeBundling" | "beforeInstall" | "afterBundling"): Promise<void> {
  const commands = job.options.commandHooks?.[hook]?.(root, stagingDir(root, job.id)) ?? []
  for (const command of commands) await runShell(command, { cwd: root })
}

function tsconfigInputs(source: FunctionAssetSource): string[] {
  return source.srcPath === "." ? ["tsconfig.json"] : ["tsconfig.json", `${source.srcPath}/tsconfig.json`]
}

function missingModules(job: NodeJob, missing: string[]): Problem {
  return {
    code: "NodeModuleNotInstalled",
    path: job.source.constructPath,
    construct: "Function",
    property: "bundle.nodeModules",
    problem: `lists ${missing.map((m) => JSON.stringify(m)).join(", ")}, which the app's package.json does not depend on.`,
    allowed: "packages in the app's package.json (their versions come from its lockfile).",
    fix: `npm install ${missing.join(" ")}`,
  }
}
