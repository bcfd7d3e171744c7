/**
 * One deploy or remove at a time per stage: a lock object in the assets bucket
 * (`locks/<app>/<stage>.json`), written with a conditional put (`If-None-Match: *`), which S3
 * refuses with 412 Precondition Failed when the key exists, so two machines cannot both take it.
 * It holds who took it and when, for the refusal message, and is deleted at the end. The lock is
 * read before the put, which costs one call and makes the refusal immediate.
 *
 * A run that dies (kill -9, a lost laptop) leaves the lock behind; `--force-unlock` deletes it
 * first. CloudFormation itself refuses a second operation on a busy stack, but two runs could
 * still interleave stack by stack and leave parameters from different builds; the lock is what
 * prevents that.
 * @module
 */
import { hostname, userInfo } from "node:os"
import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand, type S3Client } from "@aws-sdk/client-s3"
import { awsErrorCode, awsHttpStatus } from "../aws/errors.ts"
import { callAws, DeployError, explainAwsError } from "./errors.ts"

export interface LockHolder {
  /** The caller's identity (STS ARN). */
  identity: string
  host: string
  user: string
  pid: number
  command: string
  startedAt: string
}

export interface StageLock {
  key: string
  release(): Promise<void>
}

export interface LockOptions {
  s3: S3Client
  bucket: string
  app: string
  stage: string
  identity: string
  command: string
  /** Delete an existing lock first (a stale one, left by a run that died). */
  force?: boolean
  now?: () => Date
}

export function lockKey(app: string, stage: string): string {
  return `locks/${app}/${stage}.json`
}

export async function acquireStageLock(options: LockOptions): Promise<StageLock & { broken?: LockHolder }> {
  const key = lockKey(options.app, options.stage)
  let broken: LockHolder | undefined
  if (options.force) {
    broken = await readHolder(options.s3, options.bucket, key)
    await callAws(`deleting the lock of stage ${options.stage}`, () => options.s3.send(new DeleteObjectCommand({ Bucket: options.bucket, Key: key })))
  }
  const holder: LockHolder = {
    identity: options.identity,
    host: hostname(),
    user: safeUserName(),
    pid: process.pid,
    command: options.command,
    startedAt: (options.now ?? (() => new Date()))().toISOString(),
  }
  // Read first: a held lock is refused with its holder at once, and an S3 emulator that ignores
  // If-None-Match still cannot hand the lock to a second run started later.
  if (!options.force) {
    const current = await readHolder(options.s3, options.bucket, key)
    if (current) throw lockedError(options, current, options.now?.() ?? new Date())
  }
  try {
    await options.s3.send(
      new PutObjectCommand({ Bucket: options.bucket, Key: key, Body: `${JSON.stringify(holder, null, 2)}\n`, ContentType: "application/json", IfNoneMatch: "*" }),
    )
  } catch (error) {
    // 412: the key exists. 409 ConditionalRequestConflict: another conditional write to the key
    // is in flight, which means another run is taking the lock right now.
    if (awsHttpStatus(error) === 412 || awsHttpStatus(error) === 409 || awsErrorCode(error) === "PreconditionFailed") {
      throw lockedError(options, await readHolder(options.s3, options.bucket, key), options.now?.() ?? new Date())
    }
    throw explainAwsError(error, `taking the lock of stage ${options.stage}`)
  }
  const release = async () => {
    await callAws(`releasing the lock of stage ${options.stage}`, () => options.s3.send(new DeleteObjectCommand({ Bucket: options.bucket, Key: key })))
  }
  return { key, release, ...(broken ? { broken } : {}) }
}

async function readHolder(s3: S3Client, bucket: string, key: string): Promise<LockHolder | undefined> {
  try {
    const answer = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }))
    const text = await answer.Body?.transformToString()
    return text ? (JSON.parse(text) as LockHolder) : undefined
  } catch {
    // Released between our put and this read, or not ours to parse: the refusal says less.
    return undefined
  }
}

function lockedError(options: LockOptions, holder: LockHolder | undefined, now: Date): DeployError {
  const who = holder
    ? `\`${holder.command}\` by ${holder.identity} (${holder.user}@${holder.host}, pid ${holder.pid}), started ${holder.startedAt} (${formatAge(now.getTime() - Date.parse(holder.startedAt))} ago)`
    : "another run (its lock could not be read)"
  return new DeployError(
    "StageLocked",
    `Stage "${options.stage}" of app "${options.app}" is locked by ${who}.`,
    `wait for it to finish. If it is not running any more (it crashed or was killed), run again with --force-unlock.`,
  )
}

export function formatAge(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000))
  if (seconds < 60) return `${seconds}s`
  const minutes = Math.round(seconds / 60)
  if (minutes < 60) return `${minutes} min`
  const hours = Math.round(minutes / 60)
  return hours < 48 ? `${hours} h` : `${Math.round(hours / 24)} days`
}

function safeUserName(): string {
  try {
    return userInfo().username
  } catch {
    return "unknown"
  }
}
