/**
 * The local AWS the deployer's tests run against, over real HTTP on 127.0.0.1: the
 * CloudFormation fake, S3 (s3rver behind test/fakes/s3), CloudFront's invalidations
 * (test/fakes/cloudfront) and STS (test/fakes/sts), with the environment variables that point
 * the deployer's own SDK clients at them.
 *
 * As in a real account, a bucket a stack creates exists in S3 (the CloudFormation fake's
 * `provision` hook): sites upload to it, and deleting the stack fails while it holds objects,
 * with S3's reason. The assets bucket is also created in S3 up front, because some tests write to
 * it before the first deploy bootstraps; the SSTBootstrap stack then keeps it, where CloudFormation
 * would refuse a name already taken.
 * @module
 */
import { createAwsClients, type AwsClients } from "../../cli/aws/clients.ts"
import { startCloudFormationFake, type CloudFormationFake } from "../fakes/cloudformation/index.ts"
import type { Provisioners } from "../fakes/cloudformation/index.ts"
import { startCloudFrontFake, type CloudFrontFake } from "../fakes/cloudfront/index.ts"
import { S3FakeError, startS3Fake, type S3Fake } from "../fakes/s3/index.ts"
import { startStsFake, type StsFake } from "../fakes/sts/index.ts"

export const ACCOUNT = "123456789012"
export const REGION = "us-east-1"
export const ASSETS_BUCKET = `sst-assets-${ACCOUNT}-${REGION}`

export interface SentCommand {
  service: "cloudformation" | "s3" | "sts" | "cloudfront"
  command: string
  input: Record<string, unknown>
}

/** Clients that also record every command they send (name and input), for assertions. */
export type RecordingClients = AwsClients & { sent: SentCommand[] }

export interface LocalAws {
  cloudFormation: CloudFormationFake
  s3: S3Fake
  /** Accepts invalidations of any distribution id (the ids the CloudFormation fake gives). */
  cloudFront: CloudFrontFake
  sts: StsFake
  /** Variables for a child process (or for createAwsClients' env). */
  env: Record<string, string>
  /** Fresh SDK clients pointed at the local servers, as the CLI builds them. */
  clients(): RecordingClients
  close(): Promise<void>
}

export async function startLocalAws(options: { delayMs?: number } = {}): Promise<LocalAws> {
  const s3 = await startS3Fake({ buckets: [ASSETS_BUCKET] })
  const [cloudFormation, cloudFront, sts] = await Promise.all([
    startCloudFormationFake({ delayMs: options.delayMs ?? 2, provision: bucketsIn(s3) }),
    startCloudFrontFake({ completeAfterPolls: 1 }),
    startStsFake({ account: ACCOUNT }),
  ])
  const env = {
    AWS_ENDPOINT_URL_CLOUDFORMATION: cloudFormation.endpoint,
    AWS_ENDPOINT_URL_S3: s3.endpoint,
    AWS_ENDPOINT_URL_CLOUDFRONT: cloudFront.endpoint,
    AWS_ENDPOINT_URL_STS: sts.endpoint,
    AWS_ACCESS_KEY_ID: "AKIDLOCAL",
    AWS_SECRET_ACCESS_KEY: "local-secret",
    AWS_REGION: REGION,
  }
  const opened: AwsClients[] = []
  return {
    cloudFormation,
    s3,
    cloudFront,
    sts,
    env,
    clients: () => {
      const clients = createAwsClients({ region: REGION, env: { ...env }, credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY } })
      const sent: SentCommand[] = []
      record(clients.cloudFormation, "cloudformation", sent)
      record(clients.s3, "s3", sent)
      record(clients.sts, "sts", sent)
      record(clients.cloudFront, "cloudfront", sent)
      opened.push(clients)
      return Object.assign(clients, { sent })
    },
    close: async () => {
      for (const clients of opened) clients.destroy()
      // CloudFormation first: its background operations may still call into S3.
      await cloudFormation.close()
      await Promise.all([s3.close(), cloudFront.close(), sts.close()])
    },
  }
}

/**
 * Buckets a template creates are created in the S3 fake, and deleted with their stack. S3's
 * refusal to delete a bucket that holds objects becomes the resource's DELETE_FAILED reason, in
 * the words CloudFormation uses ("The bucket you tried to delete is not empty (Service: Amazon S3;
 * Status Code: 409; Error Code: BucketNotEmpty; ...)").
 */
function bucketsIn(s3: S3Fake): Provisioners {
  return {
    "AWS::S3::Bucket": {
      create: (name) => s3.createBucket(name),
      delete: async (name) => {
        try {
          await s3.deleteBucket(name)
        } catch (error) {
          if (!(error instanceof S3FakeError)) throw error
          throw new Error(`${error.message} (Service: Amazon S3; Status Code: ${error.status}; Error Code: ${error.code}; Request ID: ${error.requestId}; Proxy: null)`)
        }
      },
    },
  }
}

interface MiddlewareClient {
  middlewareStack: { add(middleware: (next: (args: { input: object }) => Promise<unknown>, context: { commandName?: string }) => (args: { input: object }) => Promise<unknown>, options: { step: "initialize" }): void }
}

function record(client: unknown, service: SentCommand["service"], sent: SentCommand[]): void {
  ;(client as MiddlewareClient).middlewareStack.add(
    (next, context) => async (args) => {
      sent.push({ service, command: (context.commandName ?? "").replace(/Command$/, ""), input: { ...args.input } as Record<string, unknown> })
      return next(args)
    },
    { step: "initialize" },
  )
}
