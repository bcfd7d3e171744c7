/**
 * The AWS SDK clients of one command: one region, one credential chain, endpoints overridable.
 *
 * Credentials come from the SDK's default chain (environment, shared config and profiles, SSO,
 * container and instance roles); `--profile` picks a profile of the shared config. Nothing here
 * calls AWS: a missing credential shows up at the first call, where {@link ./errors.ts} turns it
 * into one sentence.
 * @module
 */
import { CloudFormationClient } from "@aws-sdk/client-cloudformation"
import type { CloudFrontClient } from "@aws-sdk/client-cloudfront"
import { S3Client } from "@aws-sdk/client-s3"
import { STSClient } from "@aws-sdk/client-sts"
import { createCloudFrontClient } from "./cloudfront.ts"
import { endpointOverride } from "./endpoints.ts"

export interface AwsClientOptions {
  region: string
  profile?: string
  env?: NodeJS.ProcessEnv
  /**
   * Attempts per call, retries included. CloudFormation answers "Rate exceeded" to bursts of
   * Describe* calls; the SDK backs off and retries throttling errors up to this many times.
   * @default 8
   */
  maxAttempts?: number
  /** Fixed credentials instead of the default chain (tests). */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }
}

export interface AwsClients {
  region: string
  cloudFormation: CloudFormationClient
  s3: S3Client
  sts: STSClient
  /** CloudFront (signed in us-east-1 whatever the region): site invalidations. */
  cloudFront: CloudFrontClient
  /** The overridden S3 endpoint, for template URLs; undefined on AWS. */
  s3Endpoint: string | undefined
  destroy(): void
}

export function createAwsClients(options: AwsClientOptions): AwsClients {
  const env = options.env ?? process.env
  const common = {
    region: options.region,
    maxAttempts: options.maxAttempts ?? 8,
    ...(options.profile ? { profile: options.profile } : {}),
    ...(options.credentials ? { credentials: options.credentials } : {}),
  }
  const cloudFormationEndpoint = endpointOverride("cloudformation", env)
  const s3Endpoint = endpointOverride("s3", env)
  const stsEndpoint = endpointOverride("sts", env)
  const cloudFormation = new CloudFormationClient({ ...common, ...(cloudFormationEndpoint ? { endpoint: cloudFormationEndpoint } : {}) })
  const s3 = new S3Client({ ...common, ...(s3Endpoint ? { endpoint: s3Endpoint, forcePathStyle: true } : {}) })
  const sts = new STSClient({ ...common, ...(stsEndpoint ? { endpoint: stsEndpoint } : {}) })
  const cloudFront = createCloudFrontClient({ env, maxAttempts: common.maxAttempts, ...(options.profile ? { profile: options.profile } : {}), ...(options.credentials ? { credentials: options.credentials } : {}) })
  return {
    region: options.region,
    cloudFormation,
    s3,
    sts,
    cloudFront,
    s3Endpoint,
    destroy() {
      cloudFormation.destroy()
      s3.destroy()
      sts.destroy()
      cloudFront.destroy()
    },
  }
}
