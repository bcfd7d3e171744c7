/**
 * The build pipeline shared by `sst build`, `sst deploy` and `sst diff`: project → stage →
 * .env → construct tree → templates and manifest in `.sst/dist/`.
 * @module
 */
import { emitApp, type EmitResult } from "../compiler/index.ts"
import { findProjectRoot, readProject, type Project } from "../compiler/project/config.ts"
import { packageAssets, type PackageEvent } from "../compiler/packager/package-assets.ts"
import { prepareSites, type SiteBuildEvent } from "../compiler/packager/sites/build-sites.ts"
import { writeDist } from "../compiler/write-dist.ts"
import type { App } from "../resources/App.ts"
import { loadDotEnv } from "./dotenv.ts"
import { loadApp } from "./load-app.ts"
import { resolveStage } from "./stage.ts"

export interface BuildOptions {
  cwd: string
  stage?: string
  region?: string
  mode?: "deploy" | "dev" | "remove"
  /** May ask for a stage on a terminal. */
  interactive?: boolean
  env?: NodeJS.ProcessEnv
  warn?(message: string): void
  /** Progress of the packager (assets built or reused). */
  onPackage?(event: PackageEvent): void
  /**
   * Build no site (their functions stay unpackaged), e.g. for template snapshots.
   * @default env.SST_SKIP_SITES === "1", or mode "dev"
   */
  skipSites?: boolean
  /** Progress of the sites' builds. */
  onSite?(event: SiteBuildEvent): void
}

export interface BuildOutput {
  project: Project
  app: App
  stage: string
  /**
   * The developer's own stage (from .sst/stage or the user name; no --stage, SST_STAGE or
   * sst.json stage): the stage `sst start` works on, deployed in express mode by default.
   */
  personalStage: boolean
  region: string
  result: EmitResult
  /** Absolute path of .sst/dist. */
  distDir: string
}

export async function buildApp(options: BuildOptions): Promise<BuildOutput> {
  const env = options.env ?? process.env
  const warn = options.warn ?? (() => {})
  const project = readProject(findProjectRoot(options.cwd))
  const personalStage = !options.stage && !env.SST_STAGE && !project.config.stage
  const stage = await resolveStage({
    flag: options.stage,
    env: env.SST_STAGE,
    config: project.config.stage,
    root: project.root,
    interactive: options.interactive ?? false,
    warn,
  })
  const region = options.region ?? project.config.region ?? "us-east-1"
  loadDotEnv(project.root, stage, env)
  // The stacks code reads these, as it did under SST v1.
  env.SST_STAGE = stage
  env.SST_APP = project.config.name
  const app = await loadApp({ project, stage, region, mode: options.mode ?? "deploy" })
  // Sites build before packaging: a server-rendered site's functions are packaged from its build.
  // `sst start` runs sites locally (their dev servers), as SST v1 did, so it builds none.
  const skipSites = options.skipSites ?? (env.SST_SKIP_SITES === "1" || app.mode === "dev")
  if (app.mode !== "remove") await prepareSites(app, { root: project.root, env, skip: skipSites, ...(options.onSite ? { log: options.onSite } : {}) })
  // `sst remove` deletes stacks without deploying code, so it skips packaging (SST v1's skipBuild).
  if (app.mode !== "remove") await packageAssets(app, { root: project.root, env, log: options.onPackage })
  const result = emitApp(app)
  for (const warning of result.warnings) warn(warning)
  const distDir = writeDist(project.root, result)
  return { project, app, stage, personalStage, region, result, distDir }
}
