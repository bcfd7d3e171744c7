/**
 * `bundle.nodeModules`: packages kept out of the bundle and installed into the function's folder
 * with npm, at the versions the app itself uses.
 *
 * The version of each package comes from the app's package-lock.json when there is one, else from
 * the package installed in the app's node_modules (which a yarn or pnpm lockfile put there), else
 * from package.json. A `file:` dependency is installed from the same folder, copied
 * (`--install-links`), so the zip holds files rather than a symlink out of it.
 * @module
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs"
import { isAbsolute, join, resolve } from "node:path"
import { runCommand } from "./run-command.ts"

export interface ResolvedModules {
  /** name → version or spec given to npm. */
  dependencies: Record<string, string>
  /** Names that the app does not depend on. */
  missing: string[]
}

/** The versions to install, read from the app at `root`. */
export function resolveNodeModules(root: string, names: readonly string[]): ResolvedModules {
  const pkg = readJson(join(root, "package.json")) as { dependencies?: Record<string, string>; devDependencies?: Record<string, string>; optionalDependencies?: Record<string, string> } | undefined
  const specs = { ...pkg?.devDependencies, ...pkg?.optionalDependencies, ...pkg?.dependencies }
  const lock = readJson(join(root, "package-lock.json")) as { packages?: Record<string, { version?: string; link?: boolean }> } | undefined
  const dependencies: Record<string, string> = {}
  const missing: string[] = []
  for (const name of names) {
    const spec = specs[name]
    if (spec?.startsWith("file:")) {
      const path = spec.slice("file:".length)
      dependencies[name] = `file:${isAbsolute(path) ? path : resolve(root, path)}`
      continue
    }
    const locked = lock?.packages?.[`node_modules/${name}`]
    const installed = readJson(join(root, "node_modules", name, "package.json")) as { version?: string } | undefined
    const version = (locked && !locked.link ? locked.version : undefined) ?? installed?.version ?? spec
    if (version) dependencies[name] = version
    else missing.push(name)
  }
  return { dependencies, missing }
}

/** Writes package.json into `dir` and runs npm install there (production dependencies only). */
export async function installNodeModules(dir: string, dependencies: Record<string, string>, type: "module" | "commonjs"): Promise<void> {
  const manifest = { name: "sst-function", private: true, type, dependencies }
  writeFileSync(join(dir, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`)
  await runCommand("npm", ["install", "--omit=dev", "--no-package-lock", "--no-audit", "--no-fund", "--install-links", "--prefer-offline", "--loglevel=error"], { cwd: dir })
}

/** The files whose change means the modules must be installed again. */
export function nodeModulesInputs(root: string): string[] {
  return ["package.json", "package-lock.json", "yarn.lock", "pnpm-lock.yaml"].filter((file) => existsSync(join(root, file)))
}

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, "utf8"))
  } catch {
    return undefined
  }
}
