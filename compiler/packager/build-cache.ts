/**
 * The input-hash cache under `.sst/cache/`: a second build with no change does no bundling work.
 *
 * Each built asset leaves a record keyed by the hash of its build options (runtime, handler,
 * bundle options, toolchain versions): the SHA-256 of every input file the build read, and the
 * zip it made. The next build with the same key reuses the zip when every input still has its
 * hash and the zip is still there. Inputs are compared by content, never by time; to avoid reading
 * every file again, a stat index remembers each file's hash with its size and mtime, and a file
 * whose size and mtime did not move keeps its remembered hash (the shortcut make and git take).
 * @module
 */
import { createHash } from "node:crypto"
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs"
import { join, resolve } from "node:path"

export const CACHE_DIR = ".sst/cache"
const RECORD_VERSION = 1

export interface CacheRecord {
  version: typeof RECORD_VERSION
  /** Input files relative to the app root, and their SHA-256. */
  inputs: Record<string, string>
  s3Key: string
  /** The zip, relative to the app root. */
  file: string
  handler: string
}

interface StatEntry {
  size: number
  mtimeMs: number
  sha256: string
}

export class BuildCache {
  private readonly stats: Record<string, StatEntry>
  private readonly memo = new Map<string, string | null>()
  private statsChanged = false

  constructor(private readonly root: string) {
    this.stats = readJson<Record<string, StatEntry>>(join(root, CACHE_DIR, "stat-index.json")) ?? {}
  }

  /** The SHA-256 of a file relative to the root, or null when it does not exist. */
  hashFile(path: string): string | null {
    const memo = this.memo.get(path)
    if (memo !== undefined) return memo
    let result: string | null = null
    try {
      const stat = statSync(resolve(this.root, path))
      const known = this.stats[path]
      if (known && known.size === stat.size && known.mtimeMs === stat.mtimeMs) result = known.sha256
      else {
        result = sha256(readFileSync(resolve(this.root, path)))
        this.stats[path] = { size: stat.size, mtimeMs: stat.mtimeMs, sha256: result }
        this.statsChanged = true
      }
    } catch {
      result = null
    }
    this.memo.set(path, result)
    return result
  }

  /** Hashes of `paths` (sorted); missing files are left out. */
  hashInputs(paths: Iterable<string>): Record<string, string> {
    const inputs: Record<string, string> = {}
    for (const path of [...new Set(paths)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) {
      const hash = this.hashFile(path)
      if (hash !== null) inputs[path] = hash
    }
    return inputs
  }

  /** The record for `key` when its inputs are unchanged and its zip is still there. */
  lookup(key: string): CacheRecord | undefined {
    const record = readJson<CacheRecord>(this.recordPath(key))
    if (!record || record.version !== RECORD_VERSION) return undefined
    if (!existsSync(resolve(this.root, record.file))) return undefined
    for (const [path, hash] of Object.entries(record.inputs)) if (this.hashFile(path) !== hash) return undefined
    return record
  }

  store(key: string, record: Omit<CacheRecord, "version">): void {
    mkdirSync(join(this.root, CACHE_DIR, "assets"), { recursive: true })
    writeFileSync(this.recordPath(key), `${JSON.stringify({ version: RECORD_VERSION, ...record }, null, 2)}\n`)
  }

  /** Saves the stat index; call once at the end of a build. */
  save(): void {
    if (!this.statsChanged) return
    mkdirSync(join(this.root, CACHE_DIR), { recursive: true })
    writeFileSync(join(this.root, CACHE_DIR, "stat-index.json"), JSON.stringify(this.stats))
  }

  private recordPath(key: string): string {
    return join(this.root, CACHE_DIR, "assets", `${key}.json`)
  }
}

export function sha256(data: string | Uint8Array): string {
  return createHash("sha256").update(data).digest("hex")
}

/** The cache key of a build: the hash of everything that changes its output but is not a file. */
export function cacheKey(parts: unknown): string {
  return sha256(JSON.stringify(parts, (_key, value: unknown) => (typeof value === "function" ? value.toString() : value)))
}

function readJson<T>(path: string): T | undefined {
  try {
    return JSON.parse(readFileSync(path, "utf8")) as T
  } catch {
    return undefined
  }
}
