/**
 * `Custom::SSTScript`: runs a user function at deploy time (Script, RDS migrations).
 *
 * Create invokes `UserCreateFunction`, Update `UserUpdateFunction`, Delete `UserDeleteFunction`,
 * each with `JSON.parse(UserParams)` as its event; a missing name means nothing to run. An error the
 * function throws fails the deployment with its message and where its logs are.
 * @module
 */
import { InvokeCommand, LambdaClient } from "@aws-sdk/client-lambda"
import { FAILED_CREATE_PREFIX, type CustomResourceEvent, type CustomResourceResult } from "./cfn-response.ts"

const FUNCTION_PROPERTY = { Create: "UserCreateFunction", Update: "UserUpdateFunction", Delete: "UserDeleteFunction" } as const

export async function runScript(event: CustomResourceEvent, lambda: LambdaClient = new LambdaClient({})): Promise<CustomResourceResult> {
  // The rollback of a Create that failed: the create function did not finish, there is nothing to undo.
  if (event.RequestType === "Delete" && event.PhysicalResourceId?.startsWith(FAILED_CREATE_PREFIX)) return {}
  const name = event.ResourceProperties[FUNCTION_PROPERTY[event.RequestType]]
  if (typeof name !== "string" || name === "") return {}
  const params = parseParams(event.ResourceProperties.UserParams)
  await invokeFunction(lambda, name, params)
  return {}
}

function parseParams(value: unknown): unknown {
  if (value === undefined || value === "") return {}
  if (typeof value !== "string") throw new Error(`internal: UserParams must be a JSON string, got ${typeof value}`)
  return JSON.parse(value)
}

/** Invokes `name` and waits; throws with the function's own error message when it fails. */
export async function invokeFunction(lambda: LambdaClient, name: string, payload: unknown): Promise<unknown> {
  const answer = await lambda.send(new InvokeCommand({ FunctionName: name, InvocationType: "RequestResponse", Payload: Buffer.from(JSON.stringify(payload)) }))
  const text = answer.Payload ? Buffer.from(answer.Payload).toString("utf8") : ""
  const body = parseJson(text)
  if (answer.FunctionError) {
    const message = typeof body === "object" && body !== null && "errorMessage" in body ? String((body as { errorMessage: unknown }).errorMessage) : text || answer.FunctionError
    throw new Error(`${name} failed: ${message}\nLogs: /aws/lambda/${name}`)
  }
  return body
}

function parseJson(text: string): unknown {
  if (text === "") return undefined
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}
