import { ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3"

const s3 = new S3Client({})

/** GET /files: the keys in the bucket. */
export async function main() {
  const result = await s3.send(new ListObjectsV2Command({ Bucket: process.env.SST_Bucket_bucketName_Bucket }))
  const files = (result.Contents ?? []).map((object) => ({ key: object.Key, size: object.Size }))
  return { statusCode: 200, headers: { "content-type": "application/json" }, body: JSON.stringify(files) }
}
