// What a resource is worth to the rest of the template: its physical name (the one the template
// chose, or `<stack>-<LogicalId>-<SUFFIX>` as CloudFormation generates), what `Ref` returns (name,
// ARN or URL, per the resource specification) and plausible `Fn::GetAtt` values. Everything is
// derived from the stack id, logical id and replacement count, so the same deployment gives the
// same values.

import { ACCOUNT_ID, PARTITION, REGION, URL_SUFFIX, hashOf, physicalSuffix } from "./ids.ts"
import type { TypeInfo } from "./resource-spec.ts"

export interface Identity {
  stackName: string
  stackId: string
  logicalId: string
  generation: number
}

// Most services cap names at 64 characters; S3 at 63, lower case only.
const MAX_NAME = 64
const MAX_BUCKET_NAME = 63

export function generatedName(info: TypeInfo, identity: Identity): string {
  const { stackName, stackId, logicalId, generation } = identity
  const suffix = physicalSuffix(`${stackId}/${logicalId}/${generation}`)
  const isBucket = info.type === "AWS::S3::Bucket"
  const max = isBucket ? MAX_BUCKET_NAME : MAX_NAME
  const base = `${stackName}-${logicalId}`.slice(0, max - suffix.length - 1)
  const name = `${base}-${suffix}`
  return isBucket ? name.toLowerCase() : name
}

/** The `Ref` value, which CloudFormation also reports as the physical resource id. */
export function refValue(info: TypeInfo, name: string): string {
  switch (info.refKind) {
    case "arn":
      return arnOf(info, name)
    case "url":
      return `https://${serviceOf(info.type)}.${REGION}.${URL_SUFFIX}/${ACCOUNT_ID}/${name}`
    default:
      return name
  }
}

export function arnOf(info: TypeInfo, name: string): string {
  if (!info.arnTemplate) {
    const resource = info.type.split("::")[2]?.toLowerCase() ?? "resource"
    return `arn:${PARTITION}:${serviceOf(info.type)}:${REGION}:${ACCOUNT_ID}:${resource}/${name}`
  }
  return info.arnTemplate.replace(/\$\{([^}]+)\}/g, (_, variable: string) => {
    if (variable === "Partition") return PARTITION
    if (variable === "Region") return REGION
    if (variable === "Account") return ACCOUNT_ID
    return name
  })
}

type AttributeValue = (name: string, info: TypeInfo) => string

// Attributes whose shape callers rely on (URLs and domain names); others are derived generically.
const SPECIAL_ATTRIBUTES: Record<string, AttributeValue> = {
  "AWS::S3::Bucket.DomainName": (name) => `${name}.s3.${URL_SUFFIX}`,
  "AWS::S3::Bucket.RegionalDomainName": (name) => `${name}.s3.${REGION}.${URL_SUFFIX}`,
  "AWS::S3::Bucket.DualStackDomainName": (name) => `${name}.s3.dualstack.${REGION}.${URL_SUFFIX}`,
  "AWS::S3::Bucket.WebsiteURL": (name) => `http://${name}.s3-website-${REGION}.${URL_SUFFIX}`,
  "AWS::CloudFront::Distribution.DomainName": (name) => `d${hashOf(name).slice(0, 13)}.cloudfront.net`,
  "AWS::ApiGatewayV2::Api.ApiEndpoint": (name) => `https://${name}.execute-api.${REGION}.${URL_SUFFIX}`,
  "AWS::DynamoDB::Table.StreamArn": (name, info) => `${arnOf(info, name)}/stream/2024-01-01T00:00:00.000`,
  "AWS::Lambda::Url.FunctionUrl": (name) => `https://${hashOf(name).slice(0, 32)}.lambda-url.${REGION}.on.aws/`,
}

export function attributeValue(info: TypeInfo, name: string, physicalId: string, attribute: string): string | string[] {
  const special = SPECIAL_ATTRIBUTES[`${info.type}.${attribute}`]
  if (special) return special(name, info)
  if (info.attributes?.get(attribute)) return [`${physicalId}-${attribute}-1`, `${physicalId}-${attribute}-2`]
  if (attribute === "Arn" || (info.refKind === "arn" && attribute.endsWith("Arn"))) return arnOf(info, name)
  if (info.refKind === "url" && attribute.endsWith("Url")) return refValue(info, name)
  if (attribute === info.nameProperty || attribute.endsWith("Name")) return name
  if (attribute.endsWith("Id")) return physicalId
  if (attribute.endsWith("Arn")) return `${arnOf(info, name)}/${attribute}`
  return `${physicalId}-${attribute}`
}

function serviceOf(type: string): string {
  return type.split("::")[1]?.toLowerCase() ?? "unknown"
}
