/**
 * The CloudFront client of a command. CloudFront is a global service signed in us-east-1,
 * whatever the app's region. `AWS_ENDPOINT_URL_CLOUDFRONT` (or `AWS_ENDPOINT_URL`) points it at
 * another server, as the tests do with test/fakes/cloudfront.
 * @module
 */
import { CloudFrontClient } from "@aws-sdk/client-cloudfront"

export interface CloudFrontClientOptions {
  profile?: string
  env?: NodeJS.ProcessEnv
  /** @default 8 */
  maxAttempts?: number
  /** Fixed credentials instead of the default chain (tests). */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }
}

/** CloudFront's API is served from us-east-1 only. */
export const CLOUDFRONT_SIGNING_REGION = "us-east-1"

export function cloudFrontEndpoint(env: NodeJS.ProcessEnv): string | undefined {
  const value = env.AWS_ENDPOINT_URL_CLOUDFRONT || env.AWS_ENDPOINT_URL
  return value ? value.replace(/\/+$/, "") : undefined
}

export function createCloudFrontClient(options: CloudFrontClientOptions = {}): CloudFrontClient {
  const endpoint = cloudFrontEndpoint(options.env ?? process.env)
  return new CloudFrontClient({
    region: CLOUDFRONT_SIGNING_REGION,
    maxAttempts: options.maxAttempts ?? 8,
    ...(options.profile ? { profile: options.profile } : {}),
    ...(options.credentials ? { credentials: options.credentials } : {}),
    ...(endpoint ? { endpoint } : {}),
  })
}
