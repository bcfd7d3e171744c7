// Identifiers and time. Ids are derived from a seed (name and a counter) rather than drawn at
// random, so two runs of a test see the same ARNs and physical ids; the clock never repeats a
// timestamp, so sorting events by time gives the order they happened in.

import { createHash } from "node:crypto"

/** The account and region every stack lives in; the fake is one region of one account. */
export const ACCOUNT_ID = "123456789012"
export const REGION = "us-east-1"
export const PARTITION = "aws"
export const URL_SUFFIX = "amazonaws.com"

export function hashOf(seed: string): string {
  return createHash("sha256").update(seed).digest("hex")
}

/** A UUID-shaped id, as in stack and change set ARNs. */
export function uuidFrom(seed: string): string {
  const hex = hashOf(seed)
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`
}

/** CloudFormation ends generated names with 12 or 13 upper-case letters and digits. */
export function physicalSuffix(seed: string): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
  const bytes = createHash("sha256").update(seed).digest()
  let suffix = ""
  for (let i = 0; i < 12; i++) suffix += alphabet[bytes[i]! % alphabet.length]
  return suffix
}

export function stackArn(stackName: string, uuid: string): string {
  return `arn:${PARTITION}:cloudformation:${REGION}:${ACCOUNT_ID}:stack/${stackName}/${uuid}`
}

export function changeSetArn(changeSetName: string, uuid: string): string {
  return `arn:${PARTITION}:cloudformation:${REGION}:${ACCOUNT_ID}:changeSet/${changeSetName}/${uuid}`
}

export function isArn(value: string): boolean {
  return value.startsWith("arn:")
}

/** Wall-clock time that moves forward by at least a millisecond per reading. */
export class Clock {
  private last = 0

  now(): Date {
    this.last = Math.max(Date.now(), this.last + 1)
    return new Date(this.last)
  }
}
