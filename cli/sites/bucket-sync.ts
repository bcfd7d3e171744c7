/**
 * A site's bucket as the deployer sees it: the objects it holds (key → ETag), the record of the
 * last completed deploy, uploads and deletions in parallel.
 *
 * The record (`.sst/site-deploy.json` under the site's prefix) lists every file with its MD5 and
 * headers, and is written last, after the CDN invalidation. Comparing the build with it says
 * whether anything changed, including headers, which an ETag does not show; comparing with the
 * ETags (the MD5 of an object uploaded in one part) says which uploads of an interrupted deploy
 * already landed. A deploy stopped halfway leaves the old record, so the next one uploads what
 * is missing and still invalidates.
 * @module
 */
import { DeleteObjectsCommand, GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand, type S3Client } from "@aws-sdk/client-s3"
import { awsErrorCode } from "../aws/errors.ts"
import { callAws, DeployError, explainAwsError } from "../deploy/errors.ts"
import type { SiteFile } from "./site-files.ts"

export const RECORD_KEY = ".sst/site-deploy.json"
/** DeleteObjects takes at most 1,000 keys (S3's API). */
const DELETE_BATCH = 1000

export interface DeployRecord {
  version: 1
  files: Record<string, { md5: string; contentType: string; cacheControl: string }>
}

/** Every object under `prefix`, by key, with its ETag (without quotes). */
export async function listObjects(s3: S3Client, bucket: string, prefix: string, signal?: AbortSignal): Promise<Map<string, string>> {
  const objects = new Map<string, string>()
  let token: string | undefined
  do {
    const page = await callAws(`listing the objects of site bucket ${bucket}`, () =>
      s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix || undefined, ContinuationToken: token }), { abortSignal: signal }),
    )
    for (const object of page.Contents ?? []) if (object.Key) objects.set(object.Key, (object.ETag ?? "").replace(/"/g, ""))
    token = page.IsTruncated ? page.NextContinuationToken : undefined
  } while (token)
  return objects
}

/** The record of the last completed deploy, or undefined (first deploy, or unreadable). */
export async function readRecord(s3: S3Client, bucket: string, key: string, signal?: AbortSignal): Promise<DeployRecord | undefined> {
  try {
    const answer = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }), { abortSignal: signal })
    const parsed = JSON.parse((await answer.Body?.transformToString("utf8")) ?? "") as DeployRecord
    return parsed?.version === 1 && typeof parsed.files === "object" ? parsed : undefined
  } catch (error) {
    if (awsErrorCode(error) === "NoSuchKey" || error instanceof SyntaxError) return undefined
    throw explainAwsError(error, `reading ${key} in site bucket ${bucket}`)
  }
}

/** The headers an object was uploaded with. */
export async function headObject(s3: S3Client, bucket: string, key: string, signal?: AbortSignal): Promise<{ contentType: string; cacheControl: string }> {
  const answer = await callAws(`reading the headers of ${key} in site bucket ${bucket}`, () => s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }), { abortSignal: signal }))
  return { contentType: answer.ContentType ?? "", cacheControl: answer.CacheControl ?? "" }
}

export function recordOf(files: readonly SiteFile[], prefix: string): DeployRecord {
  const record: DeployRecord = { version: 1, files: {} }
  for (const file of files) record.files[prefix + file.path] = { md5: file.md5, contentType: file.contentType, cacheControl: file.cacheControl }
  return record
}

export function sameRecord(a: DeployRecord, b: DeployRecord): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}

export async function writeRecord(s3: S3Client, bucket: string, key: string, record: DeployRecord, signal?: AbortSignal): Promise<void> {
  await callAws(`writing ${key} in site bucket ${bucket}`, () =>
    s3.send(
      new PutObjectCommand({ Bucket: bucket, Key: key, Body: `${JSON.stringify(record, null, 2)}\n`, ContentType: "application/json", CacheControl: "no-store" }),
      { abortSignal: signal },
    ),
  )
}

export async function uploadFile(s3: S3Client, bucket: string, key: string, file: SiteFile, signal?: AbortSignal): Promise<void> {
  await callAws(`uploading ${key} to site bucket ${bucket}`, () =>
    s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: key,
        Body: file.body,
        ContentType: file.contentType,
        CacheControl: file.cacheControl,
        ContentMD5: Buffer.from(file.md5, "hex").toString("base64"),
      }),
      { abortSignal: signal },
    ),
  )
}

export async function deleteObjects(s3: S3Client, bucket: string, keys: readonly string[], signal?: AbortSignal): Promise<void> {
  for (let i = 0; i < keys.length; i += DELETE_BATCH) {
    const batch = keys.slice(i, i + DELETE_BATCH)
    const answer = await callAws(`deleting stale files from site bucket ${bucket}`, () =>
      s3.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: true } }), { abortSignal: signal }),
    )
    const failed = answer.Errors ?? []
    if (failed.length > 0) {
      throw new DeployError("SiteDeleteFailed", `S3 refused to delete ${failed.length} stale files of site bucket ${bucket}, first ${failed[0].Key}: ${failed[0].Code} ${failed[0].Message ?? ""}`.trim())
    }
  }
}

/** Runs `work` on every item, at most `limit` at once; rejects with the first failure. */
export async function runPool<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0
  const worker = async () => {
    while (next < items.length) await work(items[next++])
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
}
