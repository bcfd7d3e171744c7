/**
 * Which URL each AWS service is reached at. `AWS_ENDPOINT_URL_<SERVICE>` wins over
 * `AWS_ENDPOINT_URL`, as in every AWS SDK; without either the SDK picks the regional endpoint.
 *
 * The SDK v3 in node_modules reads these variables itself (@smithy/core's configured endpoints),
 * but we resolve them here too: S3 must switch to path-style addressing when its endpoint is
 * overridden (an emulator on 127.0.0.1 has no `<bucket>.` subdomains), and template URLs handed to
 * CloudFormation must point at the same S3.
 * @module
 */

export type AwsService = "cloudformation" | "s3" | "sts"

const SERVICE_VARIABLES: Record<AwsService, string> = {
  cloudformation: "AWS_ENDPOINT_URL_CLOUDFORMATION",
  s3: "AWS_ENDPOINT_URL_S3",
  sts: "AWS_ENDPOINT_URL_STS",
}

/** The overridden endpoint of `service`, or undefined for AWS's own. */
export function endpointOverride(service: AwsService, env: NodeJS.ProcessEnv): string | undefined {
  const value = env[SERVICE_VARIABLES[service]] || env.AWS_ENDPOINT_URL
  if (!value) return undefined
  return value.replace(/\/+$/, "")
}

/** The URL CloudFormation fetches a template from (TemplateURL). */
export function objectUrl(bucket: string, key: string, region: string, s3Endpoint: string | undefined): string {
  const path = key.split("/").map(encodeURIComponent).join("/")
  if (s3Endpoint) return `${s3Endpoint}/${bucket}/${path}`
  const suffix = region.startsWith("cn-") ? "amazonaws.com.cn" : "amazonaws.com"
  return `https://${bucket}.s3.${region}.${suffix}/${path}`
}
