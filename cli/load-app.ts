/**
 * Builds the construct tree of a user's app: bundle the stacks entry, import it, run `main(app)`
 * and every async stack to the end.
 * @module
 */
import { join } from "node:path"
import { pathToFileURL } from "node:url"
import { ProjectError } from "../compiler/index.ts"
import { bundleStacks } from "../compiler/packager/bundle-stacks.ts"
import type { Project } from "../compiler/project/config.ts"
import { App } from "../resources/App.ts"
import { constructsModulePath } from "./constructs-module.ts"

export interface LoadAppOptions {
  project: Project
  stage: string
  region: string
  mode: "deploy" | "dev" | "remove"
}

export async function loadApp(options: LoadAppOptions): Promise<App> {
  const { project } = options
  const bundle = await bundleStacks({
    root: project.root,
    entry: project.main,
    constructsModule: constructsModulePath(),
    outDir: join(project.root, ".sst", "build"),
  })
  const module = (await import(pathToFileURL(bundle).href)) as { default?: unknown }
  if (typeof module.default !== "function") {
    throw new ProjectError("EntryHasNoMain", `${project.main} has no default export function. Add: export default function main(app) { app.stack(MyStack) }`, project.main)
  }
  const app = new App({
    name: project.config.name,
    stage: options.stage,
    region: options.region,
    root: project.root,
    local: options.mode === "dev",
    mode: options.mode,
  })
  await module.default(app)
  // Async stack functions may add further stacks while they run.
  for (let settled = 0; settled < app.pendingStacks.length; settled = app.pendingStacks.length) {
    await Promise.all(app.pendingStacks)
  }
  return app
}
