/**
 * Writes a packaged zip where the deployer finds it: `.sst/dist/assets/<sha256>.zip`, uploaded as
 * `assets/<sha256>.zip`. The name is the hash of the bytes, so an unchanged asset keeps its key
 * and the deployer skips uploading it.
 * @module
 */
import { existsSync, mkdirSync, renameSync, writeFileSync } from "node:fs"
import { join } from "node:path"

export const ASSETS_DIR = ".sst/dist/assets"

export interface WrittenAsset {
  /** Key in the assets bucket. */
  s3Key: string
  /** File relative to the app root. */
  file: string
}

export function assetLocation(sha256: string): WrittenAsset {
  return { s3Key: `assets/${sha256}.zip`, file: `${ASSETS_DIR}/${sha256}.zip` }
}

export function writeAsset(root: string, sha256: string, bytes: Uint8Array): WrittenAsset {
  const location = assetLocation(sha256)
  const path = join(root, location.file)
  if (!existsSync(path)) {
    mkdirSync(join(root, ASSETS_DIR), { recursive: true })
    // Write then rename: a build stopped halfway never leaves a truncated zip under its final name.
    const partial = `${path}.${sha256.slice(0, 8)}.partial`
    writeFileSync(partial, bytes)
    renameSync(partial, path)
  }
  return location
}
