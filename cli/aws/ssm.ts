/**
 * The SSM client of `sst secrets`: the app's region, the default credential chain (or `--profile`),
 * and `AWS_ENDPOINT_URL_SSM` (or `AWS_ENDPOINT_URL`) to point it at another server, as the tests
 * do with test/fakes/ssm.
 * @module
 */
import { SSMClient } from "@aws-sdk/client-ssm"

export interface SsmClientOptions {
  region: string
  profile?: string
  env?: NodeJS.ProcessEnv
  /** Attempts per call, retries of throttled calls included. @default 8 */
  maxAttempts?: number
}

export function ssmEndpoint(env: NodeJS.ProcessEnv): string | undefined {
  const value = env.AWS_ENDPOINT_URL_SSM || env.AWS_ENDPOINT_URL
  return value ? value.replace(/\/+$/, "") : undefined
}

export function createSsmClient(options: SsmClientOptions): SSMClient {
  const endpoint = ssmEndpoint(options.env ?? process.env)
  return new SSMClient({
    region: options.region,
    maxAttempts: options.maxAttempts ?? 8,
    ...(options.profile ? { profile: options.profile } : {}),
    ...(endpoint ? { endpoint } : {}),
  })
}
