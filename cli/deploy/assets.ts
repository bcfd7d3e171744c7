/**
 * Publishing assets: every file of the manifest that the assets bucket does not hold yet.
 *
 * Keys are content-addressed ("assets/<hash>.zip"), so a key that exists holds the right bytes
 * and is never uploaded again. What exists is found by listing the keys under the assets'
 * prefix (ListObjectsV2, 1,000 keys a call) rather than a HEAD per file: one call instead of
 * one per asset, and no HEAD on a missing key, which S3 used to remember for a while (negative
 * caching) and which still costs a call per asset. Missing files are uploaded in parallel;
 * large ones in parts (multipart upload, @aws-sdk/lib-storage). A deploy publishes the assets of
 * a stack just before its change set, so stacks that are unchanged, or skipped after a failure,
 * upload nothing.
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

export interface AssetPublisher {
  /** Makes sure these assets (by id) are in the bucket; each is listed and uploaded once per run. */
  publish(ids: readonly string[]): Promise<void>
  result(): PublishResult
}

/**
 * Publishes assets on demand, stack by stack: the bucket is listed once, at the first need, and
 * only the assets of stacks that are about to change are uploaded.
 */
export function createAssetPublisher(options: PublishOptions): AssetPublisher {
  const byId = new Map(options.assets.map((asset) => [asset.id, asset]))
  const started = new Map<string, Promise<void>>()
  const counts: PublishResult = { uploaded: 0, present: 0, bytes: 0 }
  let existing: Promise<Set<string>> | undefined
  const listing = () => (existing ??= listKeys(options.s3, options.bucket, commonPrefix(options.assets.map((asset) => asset.s3Key))))
  const limiter = limit(options.concurrency ?? DEFAULT_UPLOAD_CONCURRENCY)

  const ensure = async (asset: ManifestAsset) => {
    if ((await listing()).has(asset.s3Key)) {
      counts.present++
      return
    }
    const size = await limiter(() => uploadAsset(options, asset))
    counts.uploaded++
    counts.bytes += size
    options.report?.({ type: "upload", uploaded: counts.uploaded, bytes: counts.bytes })
  }
  return {
    async publish(ids) {
      const wanted = ids.map((id) => byId.get(id)).filter((asset): asset is ManifestAsset => asset !== undefined)
      // Two assets with one key (same content) are uploaded once.
      await Promise.all(wanted.map((asset) => {
        let promise = started.get(asset.s3Key)
        if (!promise) started.set(asset.s3Key, (promise = ensure(asset)))
        return promise
      }))
    },
    result: () => ({ ...counts }),
  }
}

/** Publishes every asset the bucket lacks, at once. */
export async function publishAssets(options: PublishOptions): Promise<PublishResult> {
  const publisher = createAssetPublisher(options)
  await publisher.publish(options.assets.map((asset) => asset.id))
  return publisher.result()
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

/** A gate that lets at most `count` tasks run at once. */
export function limit(count: number): <T>(task: () => Promise<T>) => Promise<T> {
  let running = 0
  const queue: (() => void)[] = []
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (running >= count) await new Promise<void>((resolve) => queue.push(resolve))
    running++
    try {
      return await task()
    } finally {
      running--
      queue.shift()?.()
    }
  }
}
