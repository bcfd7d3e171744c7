/**
 * Java (Gradle or Maven) and .NET functions: their own build tools, run in srcPath. Gradle's
 * distribution zip is used as it is (make it reproducible with `preserveFileTimestamps = false`
 * and `reproducibleFileOrder = true`); Maven's jars go under `lib/`, which Lambda's Java runtime
 * puts on the class path; `dotnet publish` output is zipped as it is.
 * @module
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs"
import { join, resolve } from "node:path"
import type { Problem } from "../errors.ts"
import { copyFilesEntries, folderEntries } from "./copy-files.ts"
import type { FunctionAssetSource } from "./function-source.ts"
import { listFiles } from "./list-files.ts"
import type { PackagedFunction } from "./packaged.ts"
import { runCommand } from "./run-command.ts"
import type { ZipEntry } from "./zip.ts"

/** Build outputs never count as inputs. */
const OUTPUT_DIRS = new Set([".git", ".sst", "build", "target", "bin", "obj", ".gradle", "node_modules"])

export async function packageJava(root: string, source: FunctionAssetSource): Promise<PackagedFunction | { problems: Problem[] }> {
  const src = resolve(root, source.srcPath)
  const java = source.java ?? { buildTask: "build", buildOutputDir: "distributions", copyFiles: [] }
  const inputs = sourceInputs(src, source.srcPath)
  if (existsSync(join(src, "gradlew")) || existsSync(join(src, "build.gradle")) || existsSync(join(src, "build.gradle.kts"))) {
    const gradle = existsSync(join(src, "gradlew")) ? "./gradlew" : "gradle"
    await runCommand(gradle, [java.buildTask, "--quiet"], { cwd: src })
    const outDir = join(src, "build", java.buildOutputDir)
    const zips = existsSync(outDir) ? readdirSync(outDir).filter((f) => f.endsWith(".zip")).sort() : []
    if (zips.length !== 1) return { problems: [javaOutputProblem(source, `build/${java.buildOutputDir}`, zips)] }
    return { zip: readFileSync(join(outDir, zips[0])), inputs, handler: source.handler }
  }
  if (existsSync(join(src, "pom.xml"))) {
    await runCommand("mvn", ["-B", "-q", "-DskipTests", "package"], { cwd: src })
    const target = join(src, "target")
    const jars = readdirSync(target).filter((f) => f.endsWith(".jar") && !/(-sources|-javadoc|-tests)\.jar$|^original-/.test(f)).sort()
    if (jars.length === 0) return { problems: [javaOutputProblem(source, "target", [])] }
    const entries: ZipEntry[] = jars.map((jar) => ({ name: `lib/${jar}`, data: readFileSync(join(target, jar)) }))
    const deps = join(target, "dependency")
    if (existsSync(deps)) for (const jar of readdirSync(deps).filter((f) => f.endsWith(".jar")).sort()) entries.push({ name: `lib/${jar}`, data: readFileSync(join(deps, jar)) })
    return withCopies(root, source, java.copyFiles, { entries, inputs, handler: source.handler })
  }
  return { problems: [javaOutputProblem(source, "", [])] }
}

export async function packageDotnet(root: string, source: FunctionAssetSource, staging: string): Promise<PackagedFunction | { problems: Problem[] }> {
  const src = resolve(root, source.srcPath)
  rmSync(staging, { recursive: true, force: true })
  mkdirSync(staging, { recursive: true })
  const rid = source.architecture === "arm64" ? "linux-arm64" : "linux-x64"
  await runCommand("dotnet", ["publish", "--configuration", "Release", "--runtime", rid, "--self-contained", "false", "--output", staging, "-p:Deterministic=true"], { cwd: src })
  return withCopies(root, source, source.copyFiles ?? [], { entries: folderEntries(staging), inputs: sourceInputs(src, source.srcPath), handler: source.handler })
}

/** Ruby and custom runtimes: srcPath as it is. */
export function packageFolder(root: string, source: FunctionAssetSource): PackagedFunction | { problems: Problem[] } {
  const src = resolve(root, source.srcPath)
  return withCopies(root, source, source.copyFiles ?? [], { entries: folderEntries(src), inputs: sourceInputs(src, source.srcPath), handler: source.handler })
}

function withCopies(root: string, source: FunctionAssetSource, copyFiles: FunctionAssetSource["copyFiles"], packaged: PackagedFunction): PackagedFunction | { problems: Problem[] } {
  const copied = copyFilesEntries(root, copyFiles ?? [], source.constructPath)
  if (copied.problems.length > 0) return { problems: copied.problems }
  const names = new Set((packaged.entries ?? []).map((e) => e.name))
  return { ...packaged, entries: [...(packaged.entries ?? []), ...copied.entries.filter((e) => !names.has(e.name))], inputs: [...packaged.inputs, ...copied.inputs] }
}

function sourceInputs(src: string, srcPath: string): string[] {
  return existsSync(src) ? listFiles(src, OUTPUT_DIRS).map((f) => `${srcPath}/${f}`) : []
}

function javaOutputProblem(source: FunctionAssetSource, dir: string, found: string[]): Problem {
  return {
    code: "JavaBuildOutputNotFound",
    path: source.constructPath,
    construct: "Function",
    property: dir ? "bundle.buildOutputDir" : "srcPath",
    problem: dir ? `should hold one zip in ${source.srcPath}/${dir}, but it holds ${found.length === 0 ? "none" : found.join(", ")}.` : `"${source.srcPath}" has no gradlew, build.gradle or pom.xml.`,
    allowed: "a Gradle project whose build task makes one distribution zip, or a Maven project that packages jars.",
    fix: dir ? "set bundle.buildTask / bundle.buildOutputDir to the task and folder that make the zip." : "point srcPath at the folder with the build file.",
  }
}
