/**
 * Lists the files of a folder for an asset: sorted, with "/" separators, without what never
 * belongs in a deployment package (VCS folders, our own .sst, Python caches).
 * @module
 */
import { readdirSync } from "node:fs"
import { join } from "node:path"

/** Folders skipped wherever they appear. */
export const ALWAYS_EXCLUDED = new Set([".git", ".hg", ".svn", ".sst", "__pycache__", ".DS_Store", ".venv", ".pytest_cache", ".mypy_cache"])

/** Paths of the files below `dir`, relative to it, sorted byte-wise. Symlinks are followed. */
export function listFiles(dir: string, exclude: ReadonlySet<string> = ALWAYS_EXCLUDED): string[] {
  const files: string[] = []
  const walk = (relative: string) => {
    const entries = readdirSync(join(dir, relative), { withFileTypes: true })
    for (const entry of entries) {
      if (exclude.has(entry.name)) continue
      const path = relative === "" ? entry.name : `${relative}/${entry.name}`
      if (entry.isDirectory() || (entry.isSymbolicLink() && isDirectory(join(dir, path)))) walk(path)
      else files.push(path)
    }
  }
  walk("")
  return files.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
}

function isDirectory(path: string): boolean {
  try {
    return readdirSync(path) !== undefined
  } catch {
    return false
  }
}
