import { CopyObjectCommand, S3Client } from "@aws-sdk/client-s3"

const s3 = new S3Client({})

interface S3Event {
  Records: { s3: { bucket: { name: string }; object: { key: string } } }[]
}

/** Notified for each object created under uploads/: copies it to processed/. */
export async function main(event: S3Event) {
  for (const record of event.Records) {
    const key = decodeURIComponent(record.s3.object.key.replace(/\+/g, " "))
    await s3.send(
      new CopyObjectCommand({
        // `bind: [bucket]` sets it, named as SST v1's `Bucket.Bucket.bucketName` reads it.
        Bucket: process.env.SST_Bucket_bucketName_Bucket,
        CopySource: `${record.s3.bucket.name}/${encodeURIComponent(key)}`,
        Key: key.replace(/^uploads\//, "processed/"),
      }),
    )
    console.log("Processed", key)
  }
  return {}
}
