/**
 * The local AWS the deployer's tests run against, over real HTTP on 127.0.0.1: the
 * CloudFormation fake, S3 (s3rver behind test/fakes/s3) and STS (test/fakes/sts), with the
 * environment variables that point the deployer's own SDK clients at them.
 *
 * The assets bucket is created in S3 up front: on AWS the SSTBootstrap stack creates it, but the
 * CloudFormation fake does not reach into the S3 emulator.
 * @module
 */
import { createAwsClients, type AwsClients } from "../../cli/aws/clients.ts"
import { startCloudFormationFake, type CloudFormationFake } from "../fakes/cloudformation/index.ts"
import { startS3Fake, type S3Fake } from "../fakes/s3/index.ts"
import { startStsFake, type StsFake } from "../fakes/sts/index.ts"

export const ACCOUNT = "123456789012"
export const REGION = "us-east-1"
export const ASSETS_BUCKET = `sst-assets-${ACCOUNT}-${REGION}`

export interface SentCommand {
  service: "cloudformation" | "s3" | "sts"
  command: string
  input: Record<string, unknown>
}

/** Clients that also record every command they send (name and input), for assertions. */
export type RecordingClients = AwsClients & { sent: SentCommand[] }

export interface LocalAws {
  cloudFormation: CloudFormationFake
  s3: S3Fake
  sts: StsFake
  /** Variables for a child process (or for createAwsClients' env). */
  env: Record<string, string>
  /** Fresh SDK clients pointed at the local servers, as the CLI builds them. */
  clients(): RecordingClients
  close(): Promise<void>
}

export async function startLocalAws(options: { delayMs?: number } = {}): Promise<LocalAws> {
  const [cloudFormation, s3, sts] = await Promise.all([
    startCloudFormationFake({ delayMs: options.delayMs ?? 2 }),
    startS3Fake({ buckets: [ASSETS_BUCKET] }),
    startStsFake({ account: ACCOUNT }),
  ])
  const env = {
    AWS_ENDPOINT_URL_CLOUDFORMATION: cloudFormation.endpoint,
    AWS_ENDPOINT_URL_S3: s3.endpoint,
    AWS_ENDPOINT_URL_STS: sts.endpoint,
    AWS_ACCESS_KEY_ID: "AKIDLOCAL",
    AWS_SECRET_ACCESS_KEY: "local-secret",
    AWS_REGION: REGION,
  }
  const opened: AwsClients[] = []
  return {
    cloudFormation,
    s3,
    sts,
    env,
    clients: () => {
      const clients = createAwsClients({ region: REGION, env: { ...env }, credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY } })
      const sent: SentCommand[] = []
      record(clients.cloudFormation, "cloudformation", sent)
      record(clients.s3, "s3", sent)
      record(clients.sts, "sts", sent)
      opened.push(clients)
      return Object.assign(clients, { sent })
    },
    close: async () => {
      for (const clients of opened) clients.destroy()
      await Promise.all([cloudFormation.close(), s3.close(), sts.close()])
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
