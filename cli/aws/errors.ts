/**
 * Reading the errors the AWS SDK throws: service error codes, a stack that does not exist,
 * missing or expired credentials, an endpoint that cannot be reached.
 * @module
 */

/** The service's error code ("ValidationError", "Throttling", "NoSuchKey"), or the error's name. */
export function awsErrorCode(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null) return undefined
  const record = error as { Code?: unknown; name?: unknown }
  if (typeof record.Code === "string") return record.Code
  return typeof record.name === "string" ? record.name : undefined
}

export function awsErrorMessage(error: unknown): string {
  if (error instanceof Error) return error.message
  return String(error)
}

/** HTTP status of a service error, when the SDK got a response. */
export function awsHttpStatus(error: unknown): number | undefined {
  const metadata = (error as { $metadata?: { httpStatusCode?: number } } | null)?.$metadata
  return metadata?.httpStatusCode
}

/** DescribeStacks and GetTemplate: "Stack with id X does not exist"; others: "Stack [X] does not exist". */
export function isStackMissing(error: unknown): boolean {
  return awsErrorCode(error) === "ValidationError" && /does not exist/.test(awsErrorMessage(error))
}

const CREDENTIAL_ERRORS = new Set([
  "CredentialsProviderError",
  "ExpiredToken",
  "ExpiredTokenException",
  "InvalidClientTokenId",
  "UnrecognizedClientException",
  "TokenRefreshRequired",
])

export function isCredentialsError(error: unknown): boolean {
  const code = awsErrorCode(error)
  return (code !== undefined && CREDENTIAL_ERRORS.has(code)) || /Could not load credentials from any providers/.test(awsErrorMessage(error))
}

/** The request never got an answer: refused, reset, unknown host, timed out. */
export function isNetworkError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === "string" && ["ECONNREFUSED", "ECONNRESET", "ENOTFOUND", "ETIMEDOUT", "EAI_AGAIN", "EPIPE"].includes(code)
}
