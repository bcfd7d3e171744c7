/**
 * The bootstrap stack: one per account and region, named `SSTBootstrap`, holding the assets
 * bucket every app's templates refer to (`sst-assets-<account>-<region>`, see
 * compiler/assets.ts) and the version of this template.
 *
 * It is created by the first deploy in an account and region without being asked, upgraded
 * when {@link BOOTSTRAP_VERSION} is newer than the deployed one (never downgraded: a newer sst
 * may have upgraded it), and deployed on request by `sst bootstrap`. It asks for no IAM roles:
 * deploys run with the caller's own credentials.
 * @module
 */
import { ASSETS_BUCKET_NAME_TEMPLATE } from "../../compiler/assets.ts"
import type { AwsClients } from "../aws/clients.ts"
import type { Reporter } from "./events.ts"
import { describeStack, isBusy, type StackState } from "./stack-state.ts"
import { deployStack } from "./deploy-stack.ts"
import { createEngineContext, type EngineContext, type StackOutcome } from "./engine.ts"
import { getCallerIdentity } from "../aws/identity.ts"
import { callAws, DeployError } from "./errors.ts"
import { sleep } from "./poll.ts"

export const BOOTSTRAP_STACK_NAME = "SSTBootstrap"
/** Bump when the template below changes; deploys upgrade older bootstrap stacks. */
export const BOOTSTRAP_VERSION = 1

export function assetsBucketName(account: string, region: string): string {
  return ASSETS_BUCKET_NAME_TEMPLATE.replace("${AWS::AccountId}", account).replace("${AWS::Region}", region)
}

export function bootstrapTemplate(): Record<string, unknown> {
  return {
    AWSTemplateFormatVersion: "2010-09-09",
    Description: "sst bootstrap: the assets bucket of sst apps in this account and region",
    Resources: {
      AssetsBucket: {
        Type: "AWS::S3::Bucket",
        // Kept when the stack is deleted: templates of deployed stacks point into it.
        DeletionPolicy: "Retain",
        UpdateReplacePolicy: "Retain",
        Properties: {
          BucketName: { "Fn::Sub": ASSETS_BUCKET_NAME_TEMPLATE },
          BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: "AES256" } }] },
          PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
          OwnershipControls: { Rules: [{ ObjectOwnership: "BucketOwnerEnforced" }] },
          // Parts of an upload that died are invisible and billed; drop them after a day.
          LifecycleConfiguration: { Rules: [{ Id: "AbortIncompleteUploads", Status: "Enabled", AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 } }] },
        },
      },
      AssetsBucketPolicy: {
        Type: "AWS::S3::BucketPolicy",
        Properties: {
          Bucket: { Ref: "AssetsBucket" },
          PolicyDocument: {
            Version: "2012-10-17",
            Statement: [
              {
                Sid: "DenyInsecureTransport",
                Effect: "Deny",
                Principal: "*",
                Action: "s3:*",
                Resource: [{ "Fn::GetAtt": ["AssetsBucket", "Arn"] }, { "Fn::Join": ["", [{ "Fn::GetAtt": ["AssetsBucket", "Arn"] }, "/*"]] }],
                Condition: { Bool: { "aws:SecureTransport": "false" } },
              },
            ],
          },
        },
      },
    },
    Outputs: {
      BucketName: { Description: "The assets bucket", Value: { Ref: "AssetsBucket" } },
      Version: { Description: "The version of this bootstrap template", Value: String(BOOTSTRAP_VERSION) },
    },
  }
}

export interface BootstrapInfo {
  bucket: string
  version: number
  /** What this run did to the bootstrap stack. */
  action: "present" | "created" | "upgraded"
}

export interface BootstrapOptions {
  account: string
  region: string
  /** Deploy the template even when the deployed version is current (`sst bootstrap`). */
  force?: boolean
  tags?: Record<string, string>
}

/** Makes sure the bootstrap stack exists at our version or newer; returns its bucket. */
export async function ensureBootstrap(ctx: EngineContext, options: BootstrapOptions): Promise<BootstrapInfo> {
  let state = await describeStack(ctx.cloudFormation, BOOTSTRAP_STACK_NAME)
  // Another deploy may be creating or upgrading it right now: always wait for the bootstrap.
  while (state && isBusy(state.status)) {
    await sleep(ctx.pollMs, ctx.signal)
    state = await describeStack(ctx.cloudFormation, state.stackId)
  }
  const deployedVersion = Number(state?.outputs.Version ?? NaN)
  const current = state !== undefined && (state.status.endsWith("_COMPLETE") && !state.status.startsWith("ROLLBACK") && !state.status.startsWith("DELETE")) && deployedVersion >= BOOTSTRAP_VERSION
  if (current && !options.force) return checked(state as StackState, options, "present")
  const action = state && Number.isFinite(deployedVersion) ? "upgraded" : "created"
  ctx.report({
    type: "step",
    message: action === "created"
      ? `Bootstrapping ${BOOTSTRAP_STACK_NAME} (assets bucket) in account ${options.account}, ${options.region}`
      : `Updating ${BOOTSTRAP_STACK_NAME} to version ${BOOTSTRAP_VERSION} (deployed: ${state?.outputs.Version ?? "unknown"})`,
  })
  const outcome: StackOutcome = await deployStack(
    // The bucket must be ready before anything is uploaded: standard mode, with rollback.
    { ...ctx, wait: true, express: false, rollback: true },
    { name: BOOTSTRAP_STACK_NAME, templateBody: `${JSON.stringify(bootstrapTemplate(), null, 2)}\n`, parameters: {}, tags: options.tags ?? {}, resourcePaths: { AssetsBucket: "SSTBootstrap/AssetsBucket", AssetsBucketPolicy: "SSTBootstrap/AssetsBucketPolicy" } },
    state ?? null,
  )
  if (outcome.status === "failed") {
    // Two first deploys in a fresh account race to create it; the loser waits for the winner.
    const raced = await describeStack(ctx.cloudFormation, BOOTSTRAP_STACK_NAME)
    if (!state && raced && (isBusy(raced.status) || raced.status === "CREATE_COMPLETE")) return ensureBootstrap(ctx, { ...options, force: false })
    const f = outcome.failure
    throw new DeployError(
      "BootstrapFailed",
      `The bootstrap stack ${BOOTSTRAP_STACK_NAME} could not be deployed: ${f.summary}${f.logicalId ? `; ${f.logicalId} (${f.resourceType})` : ""}${f.reason ? `: ${f.reason}` : ""}`,
      f.fix ?? "check that the credentials may create CloudFormation stacks and S3 buckets in this account and region.",
    )
  }
  const after = await describeStack(ctx.cloudFormation, BOOTSTRAP_STACK_NAME)
  if (!after) throw new Error("internal: the bootstrap stack is missing right after its deploy")
  return checked(after, options, outcome.status === "unchanged" ? "present" : action)
}

function checked(state: StackState, options: BootstrapOptions, action: BootstrapInfo["action"]): BootstrapInfo {
  const expected = assetsBucketName(options.account, options.region)
  const bucket = state.outputs.BucketName
  if (bucket !== expected) {
    throw new DeployError(
      "BootstrapMismatch",
      `The stack ${BOOTSTRAP_STACK_NAME} in ${options.region} names the bucket ${JSON.stringify(bucket ?? null)}, and templates refer to ${expected}.`,
      `the stack was not made by this sst: delete ${BOOTSTRAP_STACK_NAME} (its bucket is kept), then deploy again.`,
    )
  }
  return { bucket, version: Number(state.outputs.Version), action }
}

export interface BootstrapRunOptions {
  clients: AwsClients
  report: Reporter
  tags?: Record<string, string>
  pollMs?: number
  signal?: AbortSignal
}

/** `sst bootstrap`: deploys the bootstrap stack of the clients' account and region. */
export async function runBootstrap(options: BootstrapRunOptions): Promise<BootstrapInfo & { account: string }> {
  const identity = await callAws("reading the caller's identity (STS GetCallerIdentity)", () => getCallerIdentity(options.clients.sts))
  const engine = createEngineContext(options.clients.cloudFormation, { ...options, wait: true }, { express: false, rollback: true })
  const info = await ensureBootstrap(engine, { account: identity.account, region: options.clients.region, force: true, ...(options.tags ? { tags: options.tags } : {}) })
  return { ...info, account: identity.account }
}
