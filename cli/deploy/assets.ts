/**
 * Publishing assets: every file of the manifest that the assets bucket does not hold yet.
 *
 * Keys are content-addressed ("assets/<hash>.zip"), so a key that exists holds the right bytes
 * and is never uploaded again. What exists is found by listing the keys under the assets'
 * prefix (ListObjectsV2, 1,000 keys a call) rather than a HEAD per file: one call instead of
 * one per asset, and no HEAD on a missing key, which S3 used to remember for a while (negative
 * caching) and which still costs a call per asset. Missing files are uploaded in parallel;
 * large ones in parts (multipart upload, @aws-sdk/lib-storage).
 * @module
 */
import { readFile, stat } from "node:fs/promises"
import { createReadStream } from "node:fs"
import { extname, join } from "node:path"
import { ListObjectsV2Command, PutObjectCommand, type S3Client } from "@aws-sdk/client-s3"
import { Upload } from "@aws-sdk/lib-storage"
import type { ManifestAsset } from "../../compiler/manifest.ts"
import { callAws, DeployError } from "./errors.ts"
import type { Reporter } from "./events.ts"

/** Files at or above this size go up in parts. */
export const MULTIPART_THRESHOLD = 16 * 1024 * 1024
/** S3: parts are at least 5 MiB (except the last). */
export const PART_SIZE = 8 * 1024 * 1024
const DEFAULT_UPLOAD_CONCURRENCY = 8

export interface PublishOptions {
  s3: S3Client
  bucket: string
  /** The app root; asset files are relative to it. */
  root: string
  assets: readonly ManifestAsset[]
  report?: Reporter
  concurrency?: number
  multipartThreshold?: number
  signal?: AbortSignal
}

export interface PublishResult {
  uploaded: number
  present: number
  bytes: number
}

export async function publishAssets(options: PublishOptions): Promise<PublishResult> {
  const assets = uniqueByKey(options.assets)
  if (assets.length === 0) return { uploaded: 0, present: 0, bytes: 0 }
  const existing = await listKeys(options.s3, options.bucket, commonPrefix(assets.map((asset) => asset.s3Key)))
  const missing = assets.filter((asset) => !existing.has(asset.s3Key))
  let uploaded = 0
  let bytes = 0
  if (missing.length > 0) options.report?.({ type: "upload", uploaded: 0, total: missing.length, bytes: 0 })
  await forEachLimited(missing, options.concurrency ?? DEFAULT_UPLOAD_CONCURRENCY, async (asset) => {
    if (options.signal?.aborted) return
    const size = await uploadAsset(options, asset)
    bytes += size
    uploaded++
    options.report?.({ type: "upload", uploaded, total: missing.length, bytes })
  })
  return { uploaded, present: assets.length - missing.length, bytes }
}

async function uploadAsset(options: PublishOptions, asset: ManifestAsset): Promise<number> {
  const file = join(options.root, asset.file)
  let size: number
  try {
    size = (await stat(file)).size
  } catch {
    throw new DeployError("AssetFileMissing", `The asset ${asset.id} should be in ${asset.file}, and that file does not exist.`, "run the deploy again: it rebuilds the app and its assets; do not delete .sst/dist/ while a deploy runs.")
  }
  const target = { Bucket: options.bucket, Key: asset.s3Key, ContentType: contentType(asset.file) }
  const doing = `uploading ${asset.file} to s3://${options.bucket}/${asset.s3Key}`
  if (size >= (options.multipartThreshold ?? MULTIPART_THRESHOLD)) {
    await callAws(doing, () => new Upload({ client: options.s3, params: { ...target, Body: createReadStream(file) }, partSize: PART_SIZE, queueSize: 4, leavePartsOnError: false }).done())
  } else {
    // A buffer, not a stream: the SDK then sends a plain body with its checksum in a header.
    const body = await readFile(file)
    await callAws(doing, () => options.s3.send(new PutObjectCommand({ ...target, Body: body })))
  }
  return size
}

/** Every key under `prefix`, page by page. */
export async function listKeys(s3: S3Client, bucket: string, prefix: string): Promise<Set<string>> {
  const keys = new Set<string>()
  let token: string | undefined
  do {
    const answer = await callAws(`listing s3://${bucket}/${prefix}`, () =>
      s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ...(token ? { ContinuationToken: token } : {}) })),
    )
    for (const object of answer.Contents ?? []) if (object.Key) keys.add(object.Key)
    token = answer.IsTruncated ? answer.NextContinuationToken : undefined
  } while (token)
  return keys
}

/** The folder part shared by all keys ("assets/"), so one listing covers them. */
export function commonPrefix(keys: readonly string[]): string {
  if (keys.length === 0) return ""
  let prefix = keys[0]
  for (const key of keys) while (!key.startsWith(prefix)) prefix = prefix.slice(0, -1)
  return prefix.slice(0, prefix.lastIndexOf("/") + 1)
}

function uniqueByKey(assets: readonly ManifestAsset[]): ManifestAsset[] {
  const byKey = new Map<string, ManifestAsset>()
  for (const asset of assets) if (!byKey.has(asset.s3Key)) byKey.set(asset.s3Key, asset)
  return [...byKey.values()]
}

const CONTENT_TYPES: Record<string, string> = {
  ".zip": "application/zip",
  ".json": "application/json",
  ".js": "text/javascript",
  ".mjs": "text/javascript",
  ".html": "text/html",
  ".css": "text/css",
  ".txt": "text/plain",
}

function contentType(file: string): string {
  return CONTENT_TYPES[extname(file).toLowerCase()] ?? "application/octet-stream"
}

/** Runs `work` on every item, at most `limit` at once; the first error stops new work and is thrown. */
export async function forEachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0
  let failure: unknown
  const lane = async () => {
    while (next < items.length && failure === undefined) {
      const item = items[next++]
      try {
        await work(item)
      } catch (error) {
        failure ??= error
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane))
  if (failure !== undefined) throw failure
}
