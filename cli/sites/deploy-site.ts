/**
 * Deploying a site's files, once its stack is deployed: resolve the values known only now,
 * put them into the built files, upload what changed, remove what is stale, invalidate the CDN.
 *
 * Decision: rewrite, not rebuild. `sst build` ran the site's build command with `{{ KEY }}` for
 * every value known only after deploy (compiler/packager/sites/build-sites.ts); here the
 * placeholders in the built `.js` and `.html` files are replaced by the values read from the
 * site stack's outputs, as SST v1 did. A deploy then needs no toolchain for the site, takes no
 * longer than the upload, and ships exactly the build that `sst build` checked. The trade-off: a
 * build that transforms a value (parses the URL, hashes it) sees the placeholder, not the value;
 * such a site reads the value at run time instead.
 *
 * Order: non-HTML files first, then pages, so a page never refers to a file not yet there; then
 * stale files are deleted (`purgeFiles`), the distribution invalidated when anything changed,
 * and the deploy record written last (see bucket-sync.ts for why that makes a deploy resumable).
 * Unchanged files are not uploaded, and a deploy that changes nothing writes nothing and makes
 * no invalidation.
 * @module
 */
import { existsSync } from "node:fs"
import { join } from "node:path"
import type { CloudFrontClient } from "@aws-sdk/client-cloudfront"
import type { S3Client } from "@aws-sdk/client-s3"
import type { ManifestOutputRef, ManifestSite } from "../../compiler/manifest.ts"
import { DeployError } from "../deploy/errors.ts"
import { deleteObjects, headObject, listObjects, readRecord, RECORD_KEY, recordOf, runPool, sameRecord, uploadFile, writeRecord, type DeployRecord } from "./bucket-sync.ts"
import { createInvalidation, DEFAULT_INVALIDATION_POLL_MS, DEFAULT_INVALIDATION_TIMEOUT_MS, waitForInvalidation } from "./invalidate.ts"
import { readSiteFiles, type SiteFile } from "./site-files.ts"

export const DEFAULT_UPLOAD_CONCURRENCY = 16

export interface SiteLogEvent {
  level: "info" | "warning"
  /** The site's construct path, e.g. "Web/site". */
  site: string
  message: string
}

export interface DeploySiteOptions {
  /** Outputs of the deployed stacks: stack name → output key → value (all outputs, internal ones too). */
  outputs: Readonly<Record<string, Readonly<Record<string, string>> | undefined>>
  s3: S3Client
  cloudfront: CloudFrontClient
  /** App root (absolute): the built files are under `<root>/<site.buildDir>`. */
  root: string
  log?: (event: SiteLogEvent) => void
  /** Uploads at once. @default 16 */
  concurrency?: number
  /** @default 5000 */
  invalidationPollMs?: number
  /** How long to wait for the invalidation when the site asks to. @default 15 minutes */
  invalidationTimeoutMs?: number
  signal?: AbortSignal
}

export interface DeploySiteResult {
  site: string
  bucket: string
  distributionId: string
  /** Keys uploaded, in upload order. */
  uploaded: string[]
  /** Stale keys deleted. */
  deleted: string[]
  /** Files already in the bucket as they are. */
  unchanged: number
  /** Set when the distribution was invalidated. */
  invalidationId?: string
  /** Whether the invalidation was seen Completed (only waited for with `waitForInvalidation`). */
  invalidationCompleted?: boolean
}

export async function deploySite(site: ManifestSite, options: DeploySiteOptions): Promise<DeploySiteResult> {
  const { s3, cloudfront, signal } = options
  const log = (level: SiteLogEvent["level"], message: string) => options.log?.({ level, site: site.id, message })
  const read = (ref: ManifestOutputRef, what: string) => readOutput(site, options.outputs, ref, what)
  const bucket = read({ stack: site.stack, output: site.bucketOutput }, "the bucket's name")
  const distributionId = read({ stack: site.stack, output: site.distributionOutput }, "the distribution's id")
  const replacements = site.replaceValues.map((r) => ({ ...r, replace: typeof r.replace === "string" ? r.replace : read(r.replace, `the value of ${r.search}`) }))
  if (!existsSync(join(options.root, site.buildDir))) {
    throw new DeployError("SiteNotBuilt", `Site ${site.id} has no build in ${site.buildDir}.`, "run sst build (or sst deploy, which builds first) before deploying the site.")
  }

  const prefix = site.bucketPrefix ?? ""
  const recordKey = prefix + RECORD_KEY
  const files = readSiteFiles(options.root, site, replacements)
  const [existing, record] = await Promise.all([listObjects(s3, bucket, prefix, signal), readRecord(s3, bucket, recordKey, signal)])
  const wanted = recordOf(files, prefix)
  const concurrency = options.concurrency ?? DEFAULT_UPLOAD_CONCURRENCY
  const uploads = await filesToUpload(files, { s3, bucket, prefix, existing, record, concurrency, signal })
  const pages = uploads.filter((file) => /\.html?$/i.test(file.path))
  const uploaded: string[] = []
  const upload = async (file: SiteFile) => {
    await uploadFile(s3, bucket, prefix + file.path, file, signal)
    uploaded.push(prefix + file.path)
  }
  await runPool(uploads.filter((file) => !pages.includes(file)), concurrency, upload)
  await runPool(pages, concurrency, upload)
  if (uploads.length > 0) log("info", `uploaded ${uploads.length} of ${files.length} files to ${bucket}`)

  const deleted = site.purgeFiles ? [...existing.keys()].filter((key) => key !== recordKey && !(key in wanted.files)).sort() : []
  await deleteObjects(s3, bucket, deleted, signal)
  if (deleted.length > 0) log("info", `deleted ${deleted.length} stale ${deleted.length === 1 ? "file" : "files"} from ${bucket}`)

  const result: DeploySiteResult = { site: site.id, bucket, distributionId, uploaded, deleted, unchanged: files.length - uploads.length }
  // Nothing changed since the last completed deploy: no invalidation, and the record stays.
  if (record && sameRecord(record, wanted) && deleted.length === 0) return result
  result.invalidationId = await createInvalidation(cloudfront, distributionId, signal)
  log("info", `invalidating distribution ${distributionId} (${result.invalidationId})`)
  if (site.waitForInvalidation) {
    const timeoutMs = options.invalidationTimeoutMs ?? DEFAULT_INVALIDATION_TIMEOUT_MS
    const pollMs = options.invalidationPollMs ?? DEFAULT_INVALIDATION_POLL_MS
    result.invalidationCompleted = await waitForInvalidation(cloudfront, distributionId, result.invalidationId, { pollMs, timeoutMs, ...(signal ? { signal } : {}) })
    if (!result.invalidationCompleted) {
      log("warning", `invalidation ${result.invalidationId} of ${distributionId} was not complete after ${Math.round(timeoutMs / 1000)} s; CloudFront finishes it on its own`)
    }
  }
  await writeRecord(s3, bucket, recordKey, wanted, signal)
  return result
}

/**
 * The files whose object is missing, differs, or has other headers. A file the record does not
 * list but whose object has its MD5 was uploaded by an interrupted deploy: its headers are read
 * (HeadObject) rather than assumed, so a resumed deploy uploads only what did not land.
 */
async function filesToUpload(
  files: readonly SiteFile[],
  at: { s3: S3Client; bucket: string; prefix: string; existing: ReadonlyMap<string, string>; record: DeployRecord | undefined; concurrency: number; signal?: AbortSignal | undefined },
): Promise<SiteFile[]> {
  const stale = new Set<SiteFile>()
  const unknown: SiteFile[] = []
  for (const file of files) {
    const key = at.prefix + file.path
    const before = at.record?.files[key]
    if (at.existing.get(key) !== file.md5) stale.add(file)
    else if (!before) unknown.push(file)
    else if (before.contentType !== file.contentType || before.cacheControl !== file.cacheControl) stale.add(file)
  }
  await runPool(unknown, at.concurrency, async (file) => {
    const before = await headObject(at.s3, at.bucket, at.prefix + file.path, at.signal)
    if (before.contentType !== file.contentType || before.cacheControl !== file.cacheControl) stale.add(file)
  })
  return files.filter((file) => stale.has(file))
}

/** Deploys several sites one after another (each uploads in parallel already). */
export async function deploySites(sites: readonly ManifestSite[], options: DeploySiteOptions): Promise<DeploySiteResult[]> {
  const results: DeploySiteResult[] = []
  for (const site of sites) results.push(await deploySite(site, options))
  return results
}

function readOutput(site: ManifestSite, outputs: DeploySiteOptions["outputs"], ref: ManifestOutputRef, what: string): string {
  const stack = outputs[ref.stack]
  const value = stack?.[ref.output]
  if (value !== undefined) return value
  throw new DeployError(
    "SiteOutputMissing",
    stack
      ? `Site ${site.id} needs ${what} from output ${ref.output} of stack ${ref.stack}, which the stack does not have.`
      : `Site ${site.id} needs ${what} from stack ${ref.stack}, whose outputs were not read.`,
    stack ? "deploy the site's stack again (sst deploy), so its template has the output." : `deploy ${ref.stack} first, then the site.`,
  )
}
