/**
 * The sites of a deploy: once a site's stack is deployed (or unchanged), its built files get the
 * deploy-time values, go up to its bucket, and its CDN is invalidated when something changed
 * (cli/sites/deploy-site.ts). A site whose stack failed or was skipped is skipped too. Sites go
 * one after another: each uploads its own files in parallel already. Ctrl-C (the signal) stops
 * the deploy as Interrupted, as it does while stacks deploy, rather than failing the site.
 * @module
 */
import type { CloudFrontClient } from "@aws-sdk/client-cloudfront"
import type { S3Client } from "@aws-sdk/client-s3"
import type { Manifest } from "../../compiler/manifest.ts"
import { deploySite } from "../sites/deploy-site.ts"
import { DeployError } from "./errors.ts"
import type { Reporter } from "./events.ts"
import { throwIfAborted } from "./poll.ts"

export interface SiteReport {
  id: string
  stack: string
  status: "deployed" | "unchanged" | "failed" | "skipped"
  uploaded?: number
  deleted?: number
  invalidated?: boolean
  /** Why it failed, or which stack blocked it. */
  detail?: string
}

export interface DeploySitesOptions {
  manifest: Manifest
  root: string
  s3: S3Client
  cloudFront: CloudFrontClient
  /** Every output of every stack known in this run, internal ones included. */
  outputs: ReadonlyMap<string, Record<string, string> | undefined>
  /** Stacks deployed or unchanged in this run. */
  readyStacks: ReadonlySet<string>
  /** Stacks this run was asked to deploy; sites of other stacks are left alone. */
  selectedStacks: ReadonlySet<string>
  report: Reporter
  signal?: AbortSignal
}

export async function deploySites(options: DeploySitesOptions): Promise<SiteReport[]> {
  const reports: SiteReport[] = []
  for (const site of options.manifest.sites ?? []) {
    throwIfAborted(options.signal)
    if (!options.selectedStacks.has(site.stack)) continue
    if (!options.readyStacks.has(site.stack)) {
      reports.push({ id: site.id, stack: site.stack, status: "skipped", detail: `stack ${site.stack} was not deployed` })
      continue
    }
    options.report({ type: "notice", stack: site.stack, level: "info", message: `${site.id}: uploading the site` })
    try {
      const result = await deploySite(site, {
        outputs: Object.fromEntries(options.outputs),
        s3: options.s3,
        cloudfront: options.cloudFront,
        root: options.root,
        log: (event) => options.report({ type: "notice", stack: site.stack, level: event.level, message: `${event.site}: ${event.message}` }),
        ...(options.signal ? { signal: options.signal } : {}),
      })
      const changed = result.uploaded.length > 0 || result.deleted.length > 0
      reports.push({ id: site.id, stack: site.stack, status: changed ? "deployed" : "unchanged", uploaded: result.uploaded.length, deleted: result.deleted.length, invalidated: result.invalidationId !== undefined })
    } catch (error) {
      // An aborted call fails with the SDK's AbortError: that is the user stopping, not the site.
      throwIfAborted(options.signal)
      const detail = error instanceof DeployError ? `${error.problem}${error.fix ? ` ${error.fix}` : ""}` : (error as Error).message
      reports.push({ id: site.id, stack: site.stack, status: "failed", detail })
    }
  }
  return reports
}
