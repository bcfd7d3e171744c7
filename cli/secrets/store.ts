/**
 * Secrets in SSM Parameter Store, as SecureString parameters (encrypted with the account's
 * aws/ssm key): set, get, list and remove, for a stage or for the fallback.
 * @module
 */
import { DeleteParameterCommand, GetParameterCommand, GetParametersByPathCommand, PutParameterCommand, type SSMClient } from "@aws-sdk/client-ssm"
import { awsErrorCode } from "../aws/errors.ts"
import { secretNameOf, secretParameterName, secretsPath, type SecretScope } from "./names.ts"

export async function setSecret(ssm: SSMClient, scope: SecretScope, name: string, value: string): Promise<void> {
  await ssm.send(new PutParameterCommand({ Name: secretParameterName(scope, name), Value: value, Type: "SecureString", Overwrite: true }))
}

/** The value, or undefined when the secret is not set. */
export async function getSecret(ssm: SSMClient, scope: SecretScope, name: string): Promise<string | undefined> {
  try {
    const answer = await ssm.send(new GetParameterCommand({ Name: secretParameterName(scope, name), WithDecryption: true }))
    return answer.Parameter?.Value
  } catch (error) {
    if (awsErrorCode(error) === "ParameterNotFound") return undefined
    throw error
  }
}

/** Every secret of the scope, by name, sorted. */
export async function listSecrets(ssm: SSMClient, scope: SecretScope): Promise<Map<string, string>> {
  const found: [string, string][] = []
  let token: string | undefined
  do {
    const page = await ssm.send(new GetParametersByPathCommand({ Path: secretsPath(scope), Recursive: true, WithDecryption: true, NextToken: token }))
    for (const parameter of page.Parameters ?? []) {
      const name = parameter.Name ? secretNameOf(scope, parameter.Name) : undefined
      if (name !== undefined && parameter.Value !== undefined) found.push([name, parameter.Value])
    }
    token = page.NextToken
  } while (token)
  return new Map(found.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
}

/** False when there was nothing to remove. */
export async function removeSecret(ssm: SSMClient, scope: SecretScope, name: string): Promise<boolean> {
  try {
    await ssm.send(new DeleteParameterCommand({ Name: secretParameterName(scope, name) }))
    return true
  } catch (error) {
    if (awsErrorCode(error) === "ParameterNotFound") return false
    throw error
  }
}
