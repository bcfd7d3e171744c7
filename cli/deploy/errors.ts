/**
 * The deployer's errors, as data: a stable code, what went wrong, and how to fix it. `cli/ui`
 * renders them; nothing here prints.
 * @module
 */
import { awsErrorCode, awsErrorMessage, isCredentialsError, isNetworkError } from "../aws/errors.ts"

export class DeployError extends Error {
  constructor(
    /** Stable, PascalCase; tests and docs refer to it. */
    readonly code: string,
    /** What is wrong, in one or two sentences. */
    readonly problem: string,
    /** The smallest step that makes it right. */
    readonly fix?: string,
    options?: { cause?: unknown },
  ) {
    super(fix ? `${problem}\n  Fix: ${fix}` : problem, options)
    this.name = "DeployError"
  }
}

/**
 * Turns an error thrown by an AWS call into a {@link DeployError} a person can act on: missing
 * credentials in one sentence, an unreachable endpoint with its variable, any other service
 * error with its code and what we were doing.
 */
export function explainAwsError(error: unknown, doing: string): Error {
  if (error instanceof DeployError) return error
  if (isCredentialsError(error)) {
    const expired = /expired|ExpiredToken/i.test(`${awsErrorCode(error)} ${awsErrorMessage(error)}`)
    return new DeployError(
      expired ? "CredentialsExpired" : "NoCredentials",
      expired
        ? `The AWS credentials have expired or are not valid (while ${doing}).`
        : `No AWS credentials were found (while ${doing}).`,
      expired
        ? "sign in again (for SSO: aws sso login --profile <name>), or set fresh AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN."
        : "set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, pass --profile <name> for a profile in ~/.aws/config, or run aws sso login.",
      { cause: error },
    )
  }
  if (isNetworkError(error)) {
    return new DeployError(
      "EndpointUnreachable",
      `Cannot reach AWS while ${doing}: ${awsErrorMessage(error)}.`,
      "check the network; if AWS_ENDPOINT_URL or an AWS_ENDPOINT_URL_<SERVICE> variable is set, check that the server it names is running.",
      { cause: error },
    )
  }
  const code = awsErrorCode(error)
  if (code === "AccessDenied" || code === "AccessDeniedException") {
    return new DeployError("AccessDenied", `AWS refused access while ${doing}: ${awsErrorMessage(error)}`, "use credentials allowed to manage CloudFormation stacks and the assets bucket, or pass --profile.", { cause: error })
  }
  return new DeployError("AwsError", `AWS answered ${code ?? "an error"} while ${doing}: ${awsErrorMessage(error)}`, undefined, { cause: error })
}

/** Runs an AWS call and explains its failure. */
export async function callAws<T>(doing: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call()
  } catch (error) {
    throw explainAwsError(error, doing)
  }
}
