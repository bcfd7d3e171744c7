/**
 * Emptying a bucket before its stack is deleted: CloudFormation cannot delete a bucket that
 * holds objects (the stack ends in DELETE_FAILED). Only buckets the app marked as removable are
 * emptied (the manifest's `emptyOnRemove`). Every version is deleted, so versioned buckets
 * empty too.
 * @module
 */
import { DeleteObjectsCommand, ListObjectsV2Command, ListObjectVersionsCommand, type ObjectIdentifier, type S3Client } from "@aws-sdk/client-s3"
import { awsErrorCode } from "../aws/errors.ts"
import { callAws, explainAwsError } from "./errors.ts"

/** Deletes every object (and version) in the bucket; returns how many. A missing bucket holds none. */
export async function emptyBucket(s3: S3Client, bucket: string): Promise<number> {
  let deleted = 0
  for (;;) {
    let batch: ObjectIdentifier[]
    try {
      batch = await listBatch(s3, bucket)
    } catch (error) {
      if (awsErrorCode(error) === "NoSuchBucket") return deleted
      throw explainAwsError(error, `listing the objects of bucket ${bucket}`)
    }
    if (batch.length === 0) return deleted
    const answer = await callAws(`emptying bucket ${bucket}`, () => s3.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: batch, Quiet: true } })))
    const failed = answer.Errors ?? []
    if (failed.length > 0) {
      const first = failed[0]
      throw explainAwsError(Object.assign(new Error(`${first.Code}: ${first.Message} (${first.Key})`), { name: first.Code ?? "DeleteFailed" }), `emptying bucket ${bucket}`)
    }
    deleted += batch.length
  }
}

// Up to 1,000 keys (the most DeleteObjects takes), with their versions.
async function listBatch(s3: S3Client, bucket: string): Promise<ObjectIdentifier[]> {
  try {
    const answer = await s3.send(new ListObjectVersionsCommand({ Bucket: bucket, MaxKeys: 1000 }))
    return [...(answer.Versions ?? []), ...(answer.DeleteMarkers ?? [])].flatMap((v) =>
      v.Key ? [{ Key: v.Key, ...(v.VersionId && v.VersionId !== "null" ? { VersionId: v.VersionId } : {}) }] : [],
    )
  } catch (error) {
    // Some S3 emulators do not implement ListObjectVersions; their buckets are not versioned.
    const code = awsErrorCode(error)
    if (code !== "NotImplemented" && code !== "MethodNotAllowed") throw error
    const answer = await s3.send(new ListObjectsV2Command({ Bucket: bucket, MaxKeys: 1000 }))
    return (answer.Contents ?? []).flatMap((o) => (o.Key ? [{ Key: o.Key }] : []))
  }
}
