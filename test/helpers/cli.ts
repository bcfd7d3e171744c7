/**
 * Runs the real `sst` command (bin/sst.mjs, the built dist/) on copies of apps in temp folders,
 * as a user would: its own process, stdin not a terminal, a clean environment.
 * @module
 */
import { spawn } from "node:child_process"
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs"
import { tmpdir } from "node:os"
import { dirname, join, relative, sep } from "node:path"
import { fileURLToPath } from "node:url"

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..")
export const SST_BIN = join(REPO_ROOT, "bin", "sst.mjs")
export const FIXTURES = join(REPO_ROOT, "test", "fixtures")
export const EXAMPLES = join(REPO_ROOT, "examples")

/** Variables that would change what sst does and must come only from each test. */
const SCRUBBED = ["SST_STAGE", "SST_APP", "NODE_OPTIONS", "NODE_TEST_CONTEXT", "FORCE_COLOR", "NO_COLOR"]

export interface RunResult {
  code: number | null
  stdout: string
  stderr: string
}

export interface RunOptions {
  /** Added to (or, with undefined values, removed from) the clean environment. */
  env?: Record<string, string | undefined>
  /** Kill the command after this long; a hang is a failure, not a stuck suite. @default 30000 */
  timeoutMs?: number
}

/** Runs `node bin/sst.mjs ...args` in `cwd` with stdin that is not a terminal. */
export function runSst(cwd: string, args: string[], options: RunOptions = {}): Promise<RunResult> {
  checkDistIsFresh()
  const env: Record<string, string | undefined> = { ...process.env }
  for (const name of SCRUBBED) delete env[name]
  // Sites' own builds need their dependencies installed; templates do not depend on them.
  env.SST_SKIP_SITES ??= "1"
  for (const [name, value] of Object.entries(options.env ?? {})) {
    if (value === undefined) delete env[name]
    else env[name] = value
  }
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [SST_BIN, ...args], { cwd, env, stdio: ["ignore", "pipe", "pipe"] })
    let stdout = ""
    let stderr = ""
    child.stdout.on("data", (chunk) => (stdout += chunk))
    child.stderr.on("data", (chunk) => (stderr += chunk))
    const timer = setTimeout(() => {
      child.kill("SIGKILL")
      reject(new Error(`sst ${args.join(" ")} did not finish in ${options.timeoutMs ?? 30_000} ms (waiting for input?)\n${stdout}\n${stderr}`))
    }, options.timeoutMs ?? 30_000)
    child.on("error", reject)
    child.on("close", (code) => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr })
    })
  })
}

let distChecked = false

/** The CLI tests run dist/; a source newer than it would make them test old code. */
function checkDistIsFresh(): void {
  if (distChecked) return
  const cli = join(REPO_ROOT, "dist", "cli.mjs")
  if (!existsSync(cli)) throw new Error("dist/cli.mjs is missing: run `npm run build` (npm test does) before the CLI tests")
  const built = statSync(cli).mtimeMs
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name)
      if (entry.isDirectory()) {
        if (entry.name !== "node_modules" && entry.name !== ".sst") visit(path)
      } else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts") && statSync(path).mtimeMs > built) {
        throw new Error(`${relative(REPO_ROOT, path)} is newer than dist/cli.mjs: run \`npm run build\` before the CLI tests`)
      }
    }
  }
  for (const layer of ["compiler", "resources", "cli", "live"]) if (existsSync(join(REPO_ROOT, layer))) visit(join(REPO_ROOT, layer))
  distChecked = true
}

const copies: string[] = []

/** Copies an app folder (without .sst and node_modules) into a new temp folder and returns it. */
export function copyApp(source: string, prefix = "sst-app-"): string {
  const target = mkdtempSync(join(tmpdir(), prefix))
  copies.push(target)
  cpSync(source, target, {
    recursive: true,
    filter: (path) => !relative(source, path).split(sep).some((part) => part === ".sst" || part === "node_modules"),
  })
  return target
}

/** Removes every folder made by {@link copyApp}; call it from `after`. */
export function removeCopies(): void {
  for (const dir of copies.splice(0)) rmSync(dir, { recursive: true, force: true })
}

/** Every file under `dir`, by "/"-separated path relative to it, sorted. */
export function readTree(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>()
  const walk = (current: string) => {
    const names = readdirSync(current).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    for (const name of names) {
      const path = join(current, name)
      if (statSync(path).isDirectory()) walk(path)
      else files.set(relative(dir, path).split(sep).join("/"), readFileSync(path))
    }
  }
  if (existsSync(dir)) walk(dir)
  return files
}

/** The build's manifest in an app folder. */
export function readManifest(root: string): any {
  return JSON.parse(readFileSync(join(root, ".sst", "dist", "manifest.json"), "utf8"))
}

/** Apps under `parent` (folders holding sst.json), sorted by name. */
export function listApps(parent: string): string[] {
  return readdirSync(parent)
    .filter((name) => existsSync(join(parent, name, "sst.json")))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
}
