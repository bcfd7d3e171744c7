/**
 * CloudFront invalidations of a site after its files changed: one path, `/*` (one path is
 * billed once, however many files it covers), and optionally a wait until CloudFront reports it
 * `Completed`. A wait that runs out of time is a warning, not a failure: the files are uploaded
 * and the invalidation goes on without us (SST v1 failed deploys on its waiter's limit, #1397).
 * @module
 */
import { CreateInvalidationCommand, GetInvalidationCommand, type CloudFrontClient } from "@aws-sdk/client-cloudfront"
import { randomUUID } from "node:crypto"
import { callAws } from "../deploy/errors.ts"

export const DEFAULT_INVALIDATION_POLL_MS = 5_000
export const DEFAULT_INVALIDATION_TIMEOUT_MS = 15 * 60_000

/** Starts an invalidation of every path; returns its id. */
export async function createInvalidation(cloudfront: CloudFrontClient, distributionId: string, signal?: AbortSignal): Promise<string> {
  const answer = await callAws(`invalidating CloudFront distribution ${distributionId}`, () =>
    cloudfront.send(
      new CreateInvalidationCommand({
        DistributionId: distributionId,
        // Unique per request: CloudFront answers a repeated reference with the earlier invalidation.
        InvalidationBatch: { CallerReference: `sst-${randomUUID()}`, Paths: { Quantity: 1, Items: ["/*"] } },
      }),
      { abortSignal: signal },
    ),
  )
  const id = answer.Invalidation?.Id
  if (!id) throw new Error(`internal: CloudFront created an invalidation of ${distributionId} without an id`)
  return id
}

/** Polls until the invalidation is Completed; false when `timeoutMs` ran out first. */
export async function waitForInvalidation(
  cloudfront: CloudFrontClient,
  distributionId: string,
  id: string,
  options: { pollMs: number; timeoutMs: number; signal?: AbortSignal },
): Promise<boolean> {
  const deadline = Date.now() + options.timeoutMs
  for (;;) {
    const answer = await callAws(`reading invalidation ${id} of CloudFront distribution ${distributionId}`, () =>
      cloudfront.send(new GetInvalidationCommand({ DistributionId: distributionId, Id: id }), { abortSignal: options.signal }),
    )
    if (answer.Invalidation?.Status === "Completed") return true
    if (Date.now() + options.pollMs > deadline) return false
    await new Promise((resolve) => setTimeout(resolve, options.pollMs))
    options.signal?.throwIfAborted()
  }
}
