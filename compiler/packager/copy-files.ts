/**
 * `copyFiles`: files and folders copied into a function's zip, and the entries of a folder.
 * @module
 */
import { readFileSync, statSync } from "node:fs"
import { join, posix } from "node:path"
import type { Problem } from "../errors.ts"
import type { CopyFile } from "./function-source.ts"
import { listFiles } from "./list-files.ts"
import type { ZipEntry } from "./zip.ts"

export interface CopiedFiles {
  entries: ZipEntry[]
  /** Source files relative to the root, for the cache. */
  inputs: string[]
  problems: Problem[]
}

export function copyFilesEntries(root: string, copyFiles: readonly CopyFile[], constructPath: string): CopiedFiles {
  const result: CopiedFiles = { entries: [], inputs: [], problems: [] }
  copyFiles.forEach((copy, index) => {
    const from = posix.normalize(copy.from.replace(/\\/g, "/")).replace(/\/+$/, "")
    const to = posix.normalize((copy.to ?? copy.from).replace(/\\/g, "/")).replace(/^\/+|\/+$/g, "")
    let isDirectory: boolean
    try {
      isDirectory = statSync(join(root, from)).isDirectory()
    } catch {
      result.problems.push({
        code: "CopyFileNotFound",
        path: constructPath,
        construct: "Function",
        property: `bundle.copyFiles[${index}].from`,
        problem: `is ${JSON.stringify(copy.from)}, which does not exist.`,
        allowed: "a file or folder relative to the app root.",
        fix: `create ${from}, or correct the path (it is relative to the app root, not to srcPath).`,
      })
      return
    }
    const files = isDirectory ? listFiles(join(root, from)).map((file) => ({ source: `${from}/${file}`, name: to === "." || to === "" ? file : `${to}/${file}` })) : [{ source: from, name: to }]
    for (const file of files) {
      result.entries.push({ name: file.name, data: readFileSync(join(root, file.source)), executable: isExecutable(join(root, file.source)) })
      result.inputs.push(file.source)
    }
  })
  return result
}

/** Entries for every file below `dir`, named relative to it. */
export function folderEntries(dir: string, exclude?: ReadonlySet<string>): ZipEntry[] {
  return listFiles(dir, exclude).map((name) => ({ name, data: readFileSync(join(dir, name)), executable: isExecutable(join(dir, name)) }))
}

function isExecutable(path: string): boolean {
  return (statSync(path).mode & 0o111) !== 0
}
