// End to end, the seed page's promise: `sst deploy` of examples/vite-static-site (an Api whose
// `api.url` reaches a Vite site as VITE_API_URL) puts the API's real URL, the one CloudFormation
// gives the stack's output, into the JavaScript served from the site's bucket. Built with the real
// build and `vite build`, deployed by deployApp to the local CloudFormation fake, whose buckets
// exist in S3 (s3rver) as in an account; invalidations go to the CloudFront fake, over HTTP.
// Each test continues from the state the previous one left, as a developer's day would.

import assert from "node:assert/strict"
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { after, before, test } from "node:test"
import { DeleteStackCommand, DescribeStackEventsCommand, DescribeStacksCommand } from "@aws-sdk/client-cloudformation"
import { GetObjectCommand } from "@aws-sdk/client-s3"
import { buildApp } from "../cli/build-app.ts"
import { deployApp } from "../cli/deploy/deploy-app.ts"
import { removeApp } from "../cli/deploy/remove-app.ts"
import { RECORD_KEY } from "../cli/sites/bucket-sync.ts"
import { formatRemoveResult } from "../cli/ui/deploy-summary.ts"
import type { ManifestSite } from "../compiler/manifest.ts"
import { copyExample } from "./helpers/examples.ts"
import { startLocalAws, type LocalAws } from "./helpers/local-aws.ts"

const STACK = "dev-vite-static-site-MyStack"
const PLACEHOLDER = "{{ VITE_API_URL }}"

let aws: LocalAws
let dir: string

before(async () => {
  aws = await startLocalAws({ delayMs: 2 })
  dir = copyExample("vite-static-site", "web")
})

after(async () => {
  await aws?.close()
  if (dir) rmSync(dir, { recursive: true, force: true })
})

/** `sst deploy`: the real build (the site's `vite build` included), then deployApp; what it sent where. */
async function deploy() {
  const build = await buildApp({ cwd: dir, stage: "dev", skipSites: false, env: { ...process.env } })
  const clients = aws.clients()
  const s3Before = aws.s3.calls.length
  const invalidationsBefore = aws.cloudFront.invalidations.length
  const result = await deployApp({ manifest: build.result.manifest, distDir: build.distDir, root: dir, clients, report: () => {}, pollMs: 10 })
  assert.equal(result.ok, true, JSON.stringify({ stacks: result.stacks, sites: result.sites }))
  const site = build.result.manifest.sites?.[0] as ManifestSite
  // Writes to the site's bucket; the stage lock lives in the assets bucket.
  const writes = aws.s3.calls
    .slice(s3Before)
    .filter((c) => c.bucket === bucketName() && (c.method === "PUT" || c.method === "DELETE" || (c.method === "POST" && c.query === "delete")))
    .map((c) => `${c.method} ${c.key ?? c.query}`)
  return { result, site, sent: clients.sent, writes, invalidations: aws.cloudFront.invalidations.slice(invalidationsBefore) }
}

/** The stack's outputs as the CloudFormation fake evaluated them. */
function outputs(): Record<string, string> {
  const stack = aws.cloudFormation.stacks().find((s) => s.stackName === STACK)
  assert.ok(stack, `${STACK} is deployed`)
  return stack.outputs
}

function bucketName(): string | undefined {
  return aws.cloudFormation.stacks().find((s) => s.stackName === STACK)?.outputs.siteSstSiteBucket
}

async function read(bucket: string, key: string): Promise<string> {
  const answer = await aws.clients().s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }))
  return (await answer.Body?.transformToString("utf8")) ?? ""
}

function builtScripts(site: ManifestSite): string[] {
  return readdirSync(join(dir, site.buildDir, "assets")).filter((name) => name.endsWith(".js"))
}

test("sst deploy serves JavaScript that holds the API's deployed URL, not a placeholder, from the bucket the stack created", async (t) => {
  const { result, site, writes, invalidations } = await deploy()
  const values = outputs()
  const apiUrl = values.siteSstSiteEnvVITEAPIURL as string
  t.diagnostic(`VITE_API_URL in the deployed JavaScript: ${apiUrl}`)
  assert.match(apiUrl, /^https:\/\/[\w-]+\.execute-api\.us-east-1\.amazonaws\.com$/)
  assert.equal(values.ApiEndpoint, apiUrl, "the site gets the value the user's ApiEndpoint output shows")

  // The bucket is the one CloudFormation created (the fake's provision hook), named by its Ref.
  const bucket = values.siteSstSiteBucket as string
  const resource = aws.cloudFormation.stacks().find((s) => s.stackName === STACK)?.resources.find((r) => r.logicalId === "siteBucket")
  assert.equal(resource?.physicalId, bucket)
  assert.ok((await aws.s3.buckets()).includes(bucket), `${bucket} exists in S3`)

  const scripts = builtScripts(site)
  assert.equal(scripts.length, 1)
  const script = `assets/${scripts[0]}`
  assert.ok(readFileSync(join(dir, site.buildDir, script), "utf8").includes(`${PLACEHOLDER}/notes`), "the build saw the placeholder: sst build needs no deployed stack")
  const served = await read(bucket, script)
  assert.ok(served.includes(`fetch(\`${apiUrl}/notes\`)`), `the served script fetches ${apiUrl}/notes:\n${served}`)
  assert.ok(!served.includes(PLACEHOLDER))

  assert.deepEqual(result.sites, [{ id: "MyStack/site", stack: STACK, status: "deployed", uploaded: 2, deleted: 0, invalidated: true }])
  assert.deepEqual(writes, [`PUT ${script}`, "PUT index.html", `PUT ${RECORD_KEY}`], "assets before the page that loads them; the record last")
  assert.deepEqual((await aws.s3.keys(bucket)).sort(), [RECORD_KEY, script, "index.html"].sort())
  assert.deepEqual(invalidations.map((i) => [i.distributionId, i.paths]), [[values.siteSstSiteDistribution, ["/*"]]])
})

test("a redeploy with no change uploads nothing and creates no invalidation", async () => {
  const { result, writes, invalidations, sent } = await deploy()
  assert.deepEqual(result.stacks.map((s) => [s.name, s.status]), [[STACK, "unchanged"]])
  assert.deepEqual(result.sites.map((s) => [s.status, s.uploaded, s.deleted, s.invalidated]), [["unchanged", 0, 0, false]])
  assert.deepEqual(writes, [])
  assert.deepEqual(invalidations, [])
  assert.deepEqual(sent.filter((c) => c.service === "cloudfront"), [])
})

test("changing a site file uploads only that file and invalidates once; the stack is left alone", async () => {
  const page = join(dir, "web", "index.html")
  writeFileSync(page, readFileSync(page, "utf8").replace("<title>Notes</title>", "<title>My notes</title>"))
  const { result, writes, invalidations, sent } = await deploy()
  assert.deepEqual(result.stacks.map((s) => [s.name, s.status]), [[STACK, "unchanged"]])
  assert.deepEqual(result.sites.map((s) => [s.status, s.uploaded, s.deleted, s.invalidated]), [["deployed", 1, 0, true]])
  assert.deepEqual(writes, ["PUT index.html", `PUT ${RECORD_KEY}`])
  assert.match(await read(outputs().siteSstSiteBucket as string, "index.html"), /<title>My notes<\/title>/)
  assert.equal(invalidations.length, 1)
  assert.deepEqual(sent.filter((c) => c.service === "cloudfront" && c.command === "CreateInvalidation").length, 1)
})

test("CloudFormation alone cannot delete the site's stack while its bucket holds the site; sst remove empties it and deletes the stack", async () => {
  const bucket = outputs().siteSstSiteBucket as string
  const files = await aws.s3.keys(bucket)
  const clients = aws.clients()
  await clients.cloudFormation.send(new DeleteStackCommand({ StackName: STACK }))
  let status = ""
  while (!status || status.endsWith("_IN_PROGRESS")) {
    await new Promise((resolve) => setTimeout(resolve, 10))
    status = (await clients.cloudFormation.send(new DescribeStacksCommand({ StackName: STACK }))).Stacks?.[0]?.StackStatus ?? ""
  }
  assert.equal(status, "DELETE_FAILED")
  const events = (await clients.cloudFormation.send(new DescribeStackEventsCommand({ StackName: STACK }))).StackEvents ?? []
  const failure = events.find((e) => e.LogicalResourceId === "siteBucket" && e.ResourceStatus === "DELETE_FAILED")
  assert.match(failure?.ResourceStatusReason ?? "", /^The bucket you tried to delete is not empty \(Service: Amazon S3; Status Code: 409; Error Code: BucketNotEmpty; Request ID: \w+; Proxy: null\)$/)
  assert.deepEqual(await aws.s3.keys(bucket), files, "the site is still there")

  const build = await buildApp({ cwd: dir, stage: "dev", mode: "remove", env: { ...process.env } })
  const removed = await removeApp({ manifest: build.result.manifest, root: dir, clients, report: () => {}, pollMs: 10 })
  assert.equal(removed.ok, true, formatRemoveResult(removed, 0))
  assert.deepEqual(removed.stacks.map((s) => [s.name, s.status, s.emptied]), [[STACK, "removed", files.length]])
  assert.ok(!(await aws.s3.buckets()).includes(bucket), `${bucket} is deleted with its stack`)
  assert.deepEqual(aws.cloudFormation.stacks().map((s) => s.stackName), ["SSTBootstrap"])
})
