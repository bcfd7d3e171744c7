/**
 * `sst build` for sites: for each site of the manifest, write its environment's types (Vite),
 * run its build command with its environment, and copy the output under `.sst/dist/sites/`.
 *
 * The build works offline: a value known only after deploy (`api.url`) is given to the build as
 * the placeholder `{{ KEY }}`, which the deployer replaces in the built files
 * (cli/sites/deploy-site.ts). Copying the output keeps what the deployer uploads equal to what
 * this build made, even if the site's folder is rebuilt by hand in between. Sites build one
 * after the other: bundlers use every core already.
 * @module
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs"
import { dirname, join } from "node:path"
import { ValidationError, type Problem } from "../../errors.ts"
import type { CoreApp } from "../../app.ts"
import type { Manifest, ManifestSite } from "../../manifest.ts"
import { listFiles } from "../list-files.ts"
import { CommandError, runShell } from "../run-command.ts"
import { sitePlaceholder } from "./placeholder.ts"
import { writeServerWrapper } from "./server-wrapper.ts"

export type SiteBuildEvent =
  | { type: "site-building"; id: string; command: string }
  | { type: "site-built"; id: string; files: number; ms: number }

export interface BuildSitesOptions {
  /** App root (absolute). */
  root: string
  /** The environment the build commands start from (the CLI passes its own). */
  env: Record<string, string | undefined>
  log?: (event: SiteBuildEvent) => void
}

/** Builds every site of `manifest`; all failures are thrown together as one ValidationError. */
export async function buildSites(manifest: Pick<Manifest, "app" | "stage" | "sites">, options: BuildSitesOptions): Promise<void> {
  const problems: Problem[] = []
  for (const site of manifest.sites ?? []) {
    const problem = await buildSite(site, options, `${manifest.app}/${manifest.stage}/${site.id}`)
    if (problem) problems.push(problem)
  }
  if (problems.length > 0) throw new ValidationError(problems)
}

/** Builds one site; returns the problem when it could not be built. */
export async function buildSite(site: ManifestSite, options: BuildSitesOptions, displayPath = site.id): Promise<Problem | undefined> {
  const log = options.log ?? (() => {})
  const started = performance.now()
  const folder = join(options.root, site.path)
  const base = { path: displayPath, construct: site.type }
  if (site.typesFile) writeTypesFile(join(folder, site.typesFile), Object.keys(site.environment))
  if (site.buildCommand) {
    log({ type: "site-building", id: site.id, command: site.buildCommand })
    try {
      await runShell(site.buildCommand, { cwd: folder, env: { ...options.env, ...buildEnvironment(site) } })
    } catch (error) {
      if (!(error instanceof CommandError)) throw error
      return {
        ...base,
        code: "SiteBuildFailed",
        property: "buildCommand",
        problem: `${JSON.stringify(site.buildCommand)} failed in ${site.path}:\n${error.detail}`,
        allowed: "a command that builds the site into buildOutput and exits with 0.",
        fix: `run "${site.buildCommand}" in ${site.path} to see the whole error (install the site's dependencies first, e.g. npm ci), then build again.`,
      }
    }
  }
  const output = join(folder, site.buildOutput)
  if (!isFolder(output)) {
    return {
      ...base,
      code: "SiteBuildOutputMissing",
      property: "buildOutput",
      problem: `is ${JSON.stringify(site.buildOutput)}, but ${site.buildCommand ? `"${site.buildCommand}" made` : "there is"} no such folder in ${site.path}.`,
      allowed: "the folder the build writes, relative to path (Vite: dist, Create React App: build).",
      fix: "set buildOutput to the folder that holds the built index.html.",
    }
  }
  if (site.serverWrapper) writeServerWrapper(join(folder, site.serverWrapper.file), site.serverWrapper)
  const files = copyOutput(folder, site.copy ?? [{ from: site.buildOutput, to: "" }], join(options.root, site.buildDir))
  log({ type: "site-built", id: site.id, files, ms: Math.round(performance.now() - started) })
  return undefined
}

/** Literal values as they are; values known only after deploy as `{{ KEY }}`. */
export function buildEnvironment(site: Pick<ManifestSite, "environment">): Record<string, string> {
  const env: Record<string, string> = {}
  for (const [key, value] of Object.entries(site.environment)) env[key] = typeof value === "string" ? value : sitePlaceholder(key)
  return env
}

/** The `.d.ts` that types `import.meta.env` for Vite (SST v1's `sst-env.d.ts`), in the environment's order. */
export function viteTypes(keys: readonly string[]): string {
  return [
    '/// <reference types="vite/client" />',
    "",
    "interface ImportMetaEnv {",
    ...keys.map((key) => `  readonly ${key}: string`),
    "}",
    "",
    "interface ImportMeta {",
    "  readonly env: ImportMetaEnv",
    "}",
    "",
  ].join("\n")
}

/** Writes the types file only when its content changes, so editors and watchers see no churn. */
function writeTypesFile(file: string, keys: readonly string[]): void {
  const content = viteTypes(keys)
  if (existsSync(file) && readFileSync(file, "utf8") === content) return
  mkdirSync(dirname(file), { recursive: true })
  writeFileSync(file, content)
}

/** Copies each `from` folder (relative to `folder`) below `to` in `target`; a missing `from` holds nothing. */
function copyOutput(folder: string, copies: readonly { from: string; to: string }[], target: string): number {
  rmSync(target, { recursive: true, force: true })
  let count = 0
  for (const copy of copies) {
    const from = join(folder, copy.from)
    if (!isFolder(from)) continue
    for (const file of listFiles(from)) {
      const destination = join(target, copy.to, file)
      mkdirSync(dirname(destination), { recursive: true })
      copyFileSync(join(from, file), destination)
      count++
    }
  }
  mkdirSync(target, { recursive: true })
  return count
}

function isFolder(path: string): boolean {
  return existsSync(path) && statSync(path).isDirectory()
}

/**
 * The site step of `sst build`, between loading the app and packaging its assets (a server-rendered
 * site's functions are packaged from its build). With `skip`, nothing is built and the functions
 * of sites are left unpackaged (their templates name `assets/unpackaged/...`): snapshot tests and
 * CI build the examples' templates without installing each site's dependencies.
 */
export async function prepareSites(app: CoreApp, options: BuildSitesOptions & { skip?: boolean }): Promise<void> {
  // An app with problems stops at emit, which reports them; its sites need not be built first.
  if (app.sites.length === 0 || app.problems.length > 0) return
  if (options.skip) {
    const prefixes = app.sites.map((site) => `${site.id}/`)
    for (let i = app.assets.length - 1; i >= 0; i--) if (prefixes.some((prefix) => app.assets[i].id.startsWith(prefix))) app.assets.splice(i, 1)
    return
  }
  await buildSites({ app: app.name, stage: app.stage, sites: app.sites }, options)
}
