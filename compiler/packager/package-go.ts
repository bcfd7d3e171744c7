/**
 * Go functions: `go build` for Linux on the function's architecture, without cgo, into a binary
 * named `bootstrap` for the provided.al2023 runtime. `-trimpath`, `-buildvcs=false` and an empty
 * build id keep paths, VCS state and build ids out of the binary, so the same source gives the
 * same bytes.
 * @module
 */
import { mkdirSync, readFileSync, rmSync } from "node:fs"
import { join, resolve } from "node:path"
import type { Problem } from "../errors.ts"
import { copyFilesEntries } from "./copy-files.ts"
import type { FunctionAssetSource } from "./function-source.ts"
import { listFiles } from "./list-files.ts"
import type { PackagedFunction } from "./packaged.ts"
import { runCommand } from "./run-command.ts"

export async function packageGo(root: string, source: FunctionAssetSource, packagePath: string, staging: string, baseEnv: NodeJS.ProcessEnv): Promise<PackagedFunction | { problems: Problem[] }> {
  const copied = copyFilesEntries(root, source.copyFiles ?? [], source.constructPath)
  if (copied.problems.length > 0) return { problems: copied.problems }
  rmSync(staging, { recursive: true, force: true })
  mkdirSync(staging, { recursive: true })
  const output = join(staging, "bootstrap")
  const env = { ...baseEnv, GOOS: "linux", GOARCH: source.architecture === "arm64" ? "arm64" : "amd64", CGO_ENABLED: "0" }
  await runCommand("go", ["build", "-trimpath", "-buildvcs=false", "-ldflags", "-s -w -buildid=", "-o", output, packagePath], { cwd: resolve(root, source.srcPath), env })
  const src = resolve(root, source.srcPath)
  return {
    entries: [{ name: "bootstrap", data: readFileSync(output), executable: true }, ...copied.entries],
    inputs: [...listFiles(src).filter((f) => /\.(go|mod|sum|s|c|h)$|(^|\/)go\.work$/.test(f)).map((f) => `${source.srcPath}/${f}`), ...copied.inputs],
    handler: "bootstrap",
  }
}
