/**
 * The packager's entry point: builds every function asset of an app into a reproducible zip under
 * `.sst/dist/assets/`, and fills in each asset's `s3Key`, `file` and `handler` for emit.
 *
 * Steps: for each asset, compute its cache key (the packager's and esbuild's versions and the
 * build options); reuse the zip of an unchanged asset; resolve the handlers of the rest (all
 * problems reported together); build Node functions in groups with one esbuild call each, the
 * other runtimes with their toolchains; zip, hash, write, and record each in the cache. Functions
 * with the same options and code share one build.
 * @module
 */
import { join } from "node:path"
import { version as esbuildVersion } from "esbuild"
import type { CoreApp } from "../app.ts"
import type { Asset } from "../assets.ts"
import { ValidationError, type Problem } from "../errors.ts"
import { BuildCache, cacheKey, sha256 } from "./build-cache.ts"
import type { FunctionAssetSource } from "./function-source.ts"
import { packageDotnet, packageFolder, packageJava } from "./package-compiled.ts"
import { packageGo } from "./package-go.ts"
import { packageNodeFunctions, stagingDir, type NodeJob } from "./package-node.ts"
import { packagePython } from "./package-python.ts"
import type { PackagedFunction } from "./packaged.ts"
import { NODE_EXTENSIONS, resolveFileHandler, resolveGoHandler } from "./resolve-handler.ts"
import { sstPackageRoot } from "./sst-root.ts"
import { CommandError } from "./run-command.ts"
import { writeAsset } from "./write-asset.ts"
import { createZip } from "./zip.ts"

/** Bumped when the packager's output changes for the same input, so old cache records stop matching. */
export const PACKAGER_VERSION = 1

export type PackageEvent =
  | { type: "asset-cached"; id: string; s3Key: string }
  | { type: "asset-built"; id: string; s3Key: string; bytes: number }
  | { type: "node-group"; functions: number; ms: number }

export interface PackageOptions {
  /** App root (absolute). */
  root: string
  /** The environment toolchains run with (PATH, GOPATH, proxies); the compiler reads none itself. */
  env: NodeJS.ProcessEnv
  log?: (event: PackageEvent) => void
}

/** One build, shared by the assets with the same key. */
interface Job {
  key: string
  source: FunctionAssetSource
  assets: Asset[]
}

export async function packageAssets(app: CoreApp, options: PackageOptions): Promise<void> {
  const { root } = options
  const log = options.log ?? (() => {})
  // Finalizers may still create functions; problems in the constructs come before any build.
  app.finalize()
  if (app.problems.length > 0) throw new ValidationError(app.problems)
  const cache = new BuildCache(root)
  const problems: Problem[] = []
  const pending: Job[] = []
  for (const job of jobsOf(app.assets)) {
    const record = cache.lookup(job.key)
    if (!record) {
      pending.push(job)
      continue
    }
    for (const asset of job.assets) apply(asset, record)
    log({ type: "asset-cached", id: job.assets[0].id, s3Key: record.s3Key })
  }

  const nodeJobs = new Map<NodeJob, Job>()
  const otherJobs: Job[] = []
  for (const job of pending) {
    const { source } = job
    if (source.family === "node" && source.node) {
      const resolved = resolveFileHandler(root, source.srcRoot === "sst" ? { ...source, srcPath: join(sstPackageRoot(), source.srcPath) } : source, NODE_EXTENSIONS)
      if ("problem" in resolved) problems.push(resolved.problem)
      else nodeJobs.set({ id: job.assets[0].id, source, options: source.node, handler: resolved.ok }, job)
    } else otherJobs.push(job)
  }

  const built = new Map<Job, PackagedFunction>()
  if (nodeJobs.size > 0) {
    const started = performance.now()
    const node = await packageNodeFunctions(root, [...nodeJobs.keys()])
    log({ type: "node-group", functions: nodeJobs.size, ms: Math.round(performance.now() - started) })
    problems.push(...node.problems)
    for (const [nodeJob, result] of node.results) built.set(nodeJobs.get(nodeJob) as Job, result)
  }
  for (const job of otherJobs) {
    const result = await packageOther(root, job, options.env).catch((error: unknown) => ({ problems: [commandProblem(job.source, error)] }))
    if ("problems" in result) problems.push(...result.problems)
    else built.set(job, result)
  }

  // Zipping runs concurrently; Promise.all keeps the order, and each result goes to its own assets.
  const jobs = [...built.keys()]
  const written = await Promise.all(jobs.map((job) => zipAndWrite(root, built.get(job) as PackagedFunction)))
  jobs.forEach((job, index) => {
    const result = built.get(job) as PackagedFunction
    const record = { ...written[index], handler: result.handler, inputs: cache.hashInputs(result.inputs) }
    cache.store(job.key, record)
    for (const asset of job.assets) apply(asset, record)
    log({ type: "asset-built", id: job.assets[0].id, s3Key: record.s3Key, bytes: written[index].bytes })
  })
  cache.save()
  if (problems.length > 0) throw new ValidationError(problems)
}

function jobsOf(assets: readonly Asset[]): Job[] {
  const jobs = new Map<string, Job>()
  for (const asset of assets) {
    if (asset.kind !== "function") continue
    const source = asset.source as FunctionAssetSource
    const { constructPath: _path, ...options } = source
    const key = cacheKey([PACKAGER_VERSION, esbuildVersion, options])
    const job = jobs.get(key) ?? { key, source, assets: [] }
    job.assets.push(asset)
    jobs.set(key, job)
  }
  return [...jobs.values()]
}

async function packageOther(root: string, job: Job, env: NodeJS.ProcessEnv): Promise<PackagedFunction | { problems: Problem[] }> {
  const { source } = job
  const staging = stagingDir(root, job.assets[0].id)
  switch (source.family) {
    case "node":
      // bundle: false ships srcPath as it is.
      return packageFolder(root, source)
    case "python": {
      const resolved = resolveFileHandler(root, source, [".py"])
      if ("problem" in resolved) return { problems: [resolved.problem] }
      return packagePython(root, source, staging)
    }
    case "go": {
      const resolved = resolveGoHandler(root, source)
      if ("problem" in resolved) return { problems: [resolved.problem] }
      return packageGo(root, source, resolved.ok.packagePath, staging, env)
    }
    case "java":
      return packageJava(root, source)
    case "dotnet":
      return packageDotnet(root, source, staging)
    case "ruby":
    case "provided":
      return packageFolder(root, source)
  }
}

async function zipAndWrite(root: string, packaged: PackagedFunction): Promise<{ s3Key: string; file: string; bytes: number }> {
  const zip = packaged.zip ? { bytes: packaged.zip, sha256: sha256(packaged.zip) } : await createZip(packaged.entries ?? [])
  return { ...writeAsset(root, zip.sha256, zip.bytes), bytes: zip.bytes.length }
}

function apply(asset: Asset, record: { s3Key: string; file: string; handler: string }): void {
  asset.s3Key = record.s3Key
  asset.file = record.file
  asset.handler = record.handler
}

function commandProblem(source: FunctionAssetSource, error: unknown): Problem {
  if (!(error instanceof CommandError)) throw error
  if (error.reason === "missing") {
    return {
      code: "ToolchainMissing",
      path: source.constructPath,
      construct: "Function",
      problem: `needs "${error.commandLine}" to build its ${source.runtime} code, but ${error.detail}`,
      allowed: `a machine with the ${source.family === "go" ? "Go" : source.family} toolchain on PATH.`,
      fix: error.detail.replace(/^.*?; /, "").replace(/\.$/, "") + ", then build again.",
    }
  }
  return {
    code: "BuildCommandFailed",
    path: source.constructPath,
    construct: "Function",
    problem: `could not be built: "${error.commandLine}" failed in ${join(source.srcPath)}:\n${error.detail}`,
    allowed: `code that ${error.commandLine.split(" ")[0]} builds.`,
    fix: "fix the error above (run the same command in that folder to see all of it).",
  }
}
