/**
 * Python functions, without Docker: the srcPath folder as is, plus the packages of its
 * requirements.txt installed by pip for Lambda's platform (manylinux wheels of the function's
 * architecture and Python version, binary only, so nothing is compiled for this machine).
 * `--no-compile` keeps .pyc files, which hold timestamps, out of the zip.
 * @module
 */
import { existsSync, mkdirSync, rmSync } from "node:fs"
import { join, resolve } from "node:path"
import type { Problem } from "../errors.ts"
import { copyFilesEntries, folderEntries } from "./copy-files.ts"
import type { FunctionAssetSource } from "./function-source.ts"
import { listFiles } from "./list-files.ts"
import type { PackagedFunction } from "./packaged.ts"
import { runCommand, runShell } from "./run-command.ts"

export async function packagePython(root: string, source: FunctionAssetSource, staging: string): Promise<PackagedFunction | { problems: Problem[] }> {
  const src = resolve(root, source.srcPath)
  const copied = copyFilesEntries(root, source.python?.copyFiles ?? [], source.constructPath)
  if (copied.problems.length > 0) return { problems: copied.problems }
  const hasRequirements = existsSync(join(src, "requirements.txt"))
  if (!hasRequirements && !source.python?.installCommands && ["Pipfile", "poetry.lock", "pyproject.toml"].some((f) => existsSync(join(src, f)))) {
    return { problems: [unsupportedManifest(source)] }
  }
  rmSync(staging, { recursive: true, force: true })
  mkdirSync(staging, { recursive: true })
  if (source.python?.installCommands) {
    for (const command of source.python.installCommands) await runShell(command, { cwd: staging })
  } else if (hasRequirements) {
    await runCommand("python3", ["-m", "pip", "install", ...pipPlatformArgs(source), "-r", join(src, "requirements.txt"), "--target", staging], { cwd: src })
  }
  const installed = folderEntries(staging)
  const code = folderEntries(src)
  const names = new Set(code.map((e) => e.name))
  const entries = [...code, ...installed.filter((e) => !names.has(e.name)), ...copied.entries]
  const inputs = [...listFiles(src).map((file) => `${source.srcPath}/${file}`), ...copied.inputs]
  return { entries: dedupe(entries), inputs, handler: source.handler.replace(/^\.\//, "") }
}

/** pip flags that pick wheels for Lambda rather than for this machine. */
export function pipPlatformArgs(source: FunctionAssetSource): string[] {
  const version = source.runtime.replace(/^python/, "")
  const platform = source.architecture === "arm64" ? "manylinux2014_aarch64" : "manylinux2014_x86_64"
  return ["--platform", platform, "--implementation", "cp", "--python-version", version, "--only-binary=:all:", "--upgrade", "--no-compile", "--disable-pip-version-check", "--quiet"]
}

function dedupe<T extends { name: string }>(entries: T[]): T[] {
  const seen = new Set<string>()
  return entries.filter((e) => (seen.has(e.name) ? false : (seen.add(e.name), true)))
}

function unsupportedManifest(source: FunctionAssetSource): Problem {
  return {
    code: "PythonRequirementsMissing",
    path: source.constructPath,
    construct: "Function",
    property: "srcPath",
    problem: `holds a Pipfile, poetry.lock or pyproject.toml but no requirements.txt in "${source.srcPath}".`,
    allowed: "a requirements.txt (installed with pip), or bundle.installCommands.",
    fix: "export one: poetry export -f requirements.txt -o requirements.txt (or pipenv requirements > requirements.txt).",
  }
}
