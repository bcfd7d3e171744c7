/**
 * `Custom::AuthKeys`: the RSA key pair SST Auth signs sessions with, kept in SSM.
 *
 * Properties `publicPath` and `privatePath` name two SSM parameters. Create and Update generate a
 * 2048-bit pair and write both as SecureString, unless `privatePath` exists already (keys survive
 * updates and redeploys, so sessions stay valid); Delete removes both.
 * @module
 */
import { generateKeyPairSync } from "node:crypto"
import { DeleteParametersCommand, GetParameterCommand, PutParameterCommand, SSMClient } from "@aws-sdk/client-ssm"
import type { CustomResourceEvent, CustomResourceResult } from "./cfn-response.ts"

export async function runAuthKeys(event: CustomResourceEvent, ssm: SSMClient = new SSMClient({})): Promise<CustomResourceResult> {
  const publicPath = requireString(event, "publicPath")
  const privatePath = requireString(event, "privatePath")
  const result = { physicalResourceId: privatePath }
  if (event.RequestType === "Delete") {
    await ssm.send(new DeleteParametersCommand({ Names: [publicPath, privatePath] }))
    return result
  }
  if (await exists(ssm, privatePath)) return result
  const { publicKey, privateKey } = generateKeyPairSync("rsa", {
    modulusLength: 2048,
    publicKeyEncoding: { type: "spki", format: "pem" },
    privateKeyEncoding: { type: "pkcs8", format: "pem" },
  })
  await ssm.send(new PutParameterCommand({ Name: privatePath, Value: privateKey, Type: "SecureString", Overwrite: true }))
  await ssm.send(new PutParameterCommand({ Name: publicPath, Value: publicKey, Type: "SecureString", Overwrite: true }))
  return result
}

function requireString(event: CustomResourceEvent, key: string): string {
  const value = event.ResourceProperties[key]
  if (typeof value !== "string" || value === "") throw new Error(`internal: ${event.ResourceType} needs the property ${key}`)
  return value
}

async function exists(ssm: SSMClient, name: string): Promise<boolean> {
  try {
    await ssm.send(new GetParameterCommand({ Name: name, WithDecryption: true }))
    return true
  } catch (error) {
    if ((error as { name?: string }).name === "ParameterNotFound") return false
    throw error
  }
}
