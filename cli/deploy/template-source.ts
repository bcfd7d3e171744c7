/**
 * How a template reaches CloudFormation: inline (TemplateBody) up to 51,200 bytes, else through
 * the assets bucket (TemplateURL), as CloudFormation requires. Uploaded templates are keyed by
 * the hash of their content, so the same template is stored once.
 * @module
 */
import { createHash } from "node:crypto"
import { PutObjectCommand, type S3Client } from "@aws-sdk/client-s3"
import { MAX_TEMPLATE_BODY_BYTES, MAX_TEMPLATE_BYTES } from "../../compiler/limits.ts"
import { objectUrl } from "../aws/endpoints.ts"
import type { TemplateSource } from "./change-set.ts"
import { callAws, DeployError } from "./errors.ts"

export interface TemplateBucket {
  s3: S3Client
  bucket: string
  region: string
  /** The overridden S3 endpoint, or undefined on AWS. */
  s3Endpoint: string | undefined
}

export async function templateSource(stackName: string, body: string, bucket: TemplateBucket | undefined): Promise<TemplateSource> {
  const bytes = Buffer.byteLength(body)
  if (bytes <= MAX_TEMPLATE_BODY_BYTES) return { TemplateBody: body }
  if (bytes > MAX_TEMPLATE_BYTES) {
    throw new DeployError("TemplateTooLarge", `The template of ${stackName} is ${bytes} bytes; CloudFormation accepts at most ${MAX_TEMPLATE_BYTES} bytes.`, "move some constructs of this stack into another stack.")
  }
  if (!bucket) throw new Error(`internal: the template of ${stackName} must go through the assets bucket, and none was given`)
  const key = `templates/${createHash("sha256").update(body).digest("hex")}.json`
  await callAws(`uploading the template of ${stackName}`, () =>
    bucket.s3.send(new PutObjectCommand({ Bucket: bucket.bucket, Key: key, Body: body, ContentType: "application/json" })),
  )
  return { TemplateURL: objectUrl(bucket.bucket, key, bucket.region, bucket.s3Endpoint) }
}
