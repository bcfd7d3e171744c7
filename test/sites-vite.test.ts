// End to end for the frontends of the seed page: examples/vite-static-site (an Api whose URL
// reaches a real Vite app as VITE_API_URL) and examples/react-app (a Vite + React app under
// ReactStaticSite, in another stack than its Api), built with the real build and the real
// `vite build`, their stacks deployed by the deployer to the local CloudFormation fake, then their
// files uploaded by deploySite to S3 (s3rver) and invalidated on the CloudFront fake, over HTTP.
// Each app is installed from the npm registry (npm ci) when its node_modules is missing.

import assert from "node:assert/strict"
import { execFileSync } from "node:child_process"
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { after, before, describe, test } from "node:test"
import { GetObjectCommand } from "@aws-sdk/client-s3"
import { buildApp } from "../cli/build-app.ts"
import { createCloudFrontClient } from "../cli/aws/cloudfront.ts"
import { deployApp } from "../cli/deploy/deploy-app.ts"
import { describeStack } from "../cli/deploy/stack-state.ts"
import { deploySite, type DeploySiteResult } from "../cli/sites/deploy-site.ts"
import { IMMUTABLE, REVALIDATE } from "../cli/sites/site-files.ts"
import type { ManifestSite } from "../compiler/manifest.ts"
import { startCloudFrontFake, type CloudFrontFake } from "./fakes/cloudfront/index.ts"
import { startLocalAws, type LocalAws } from "./helpers/local-aws.ts"

const EXAMPLES = join(import.meta.dirname, "..", "examples")

let aws: LocalAws
let cloudFront: CloudFrontFake

before(async () => {
  aws = await startLocalAws({ delayMs: 2 })
  cloudFront = await startCloudFrontFake({ completeAfterPolls: 1 })
})

after(async () => {
  await aws?.close()
  await cloudFront?.close()
})

/** A copy of the example, its site's node_modules linked from the example (installed once). */
function copyExample(example: string, siteFolder: string): string {
  const web = join(EXAMPLES, example, siteFolder)
  if (!existsSync(join(web, "node_modules", "vite"))) execFileSync("npm", ["ci", "--no-audit", "--no-fund"], { cwd: web, stdio: "ignore" })
  const dir = mkdtempSync(join(tmpdir(), `sst-${example}-`))
  const skipped = new Set([join(EXAMPLES, example, ".sst"), join(web, "node_modules"), join(web, "dist"), join(web, "build")])
  cpSync(join(EXAMPLES, example), dir, { recursive: true, filter: (source) => !skipped.has(source) })
  symlinkSync(join(web, "node_modules"), join(dir, siteFolder, "node_modules"), "dir")
  return dir
}

/** `sst deploy` as the deployer and deploySite do it: build (sites included), stacks, then each site's files. */
async function deploy(dir: string): Promise<{ site: ManifestSite; result: DeploySiteResult; outputs: Record<string, Record<string, string>> }> {
  const build = await buildApp({ cwd: dir, stage: "dev", skipSites: false, env: { ...process.env } })
  const clients = aws.clients()
  const deployed = await deployApp({ manifest: build.result.manifest, distDir: build.distDir, root: dir, clients, report: () => {}, pollMs: 10 })
  assert.equal(deployed.ok, true, JSON.stringify(deployed.stacks))
  const outputs: Record<string, Record<string, string>> = {}
  for (const stack of build.result.manifest.stacks) outputs[stack.name] = (await describeStack(clients.cloudFormation, stack.name))?.outputs ?? {}
  const site = build.result.manifest.sites?.[0] as ManifestSite
  // CloudFormation made the bucket; the fake does not reach into S3, so the test does.
  await aws.s3.createBucket(outputs[site.stack][site.bucketOutput])
  const result = await deploySite(site, {
    outputs,
    s3: clients.s3,
    cloudfront: createCloudFrontClient({ env: { AWS_ENDPOINT_URL_CLOUDFRONT: cloudFront.endpoint }, credentials: { accessKeyId: aws.env.AWS_ACCESS_KEY_ID, secretAccessKey: aws.env.AWS_SECRET_ACCESS_KEY } }),
    root: dir,
    invalidationPollMs: 5,
  })
  return { site, result, outputs }
}

async function get(bucket: string, key: string): Promise<{ body: string; contentType?: string; cacheControl?: string }> {
  const answer = await aws.clients().s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }))
  return { body: (await answer.Body?.transformToString()) ?? "", contentType: answer.ContentType, cacheControl: answer.CacheControl }
}

function builtScript(dir: string, site: ManifestSite): string {
  return readdirSync(join(dir, site.buildDir, "assets")).find((name) => name.endsWith(".js")) as string
}

describe("examples/vite-static-site", { concurrency: false }, () => {
  let dir: string
  before(() => (dir = copyExample("vite-static-site", "web")))
  after(() => rmSync(dir, { recursive: true, force: true }))

  test("the deployed JavaScript holds the deployed API's URL, served with the right headers", async () => {
    const invalidations = cloudFront.invalidations.length
    const { site, result, outputs } = await deploy(dir)
    const apiUrl = outputs["dev-vite-static-site-MyStack"].ApiEndpoint
    assert.match(apiUrl, /^https:\/\/.+\.execute-api\.us-east-1\.amazonaws\.com$/)
    const script = builtScript(dir, site)
    assert.match(readFileSync(join(dir, site.buildDir, "assets", script), "utf8"), /\{\{ VITE_API_URL \}\}\/notes/, "sst build works offline: the build sees a placeholder")
    assert.match(readFileSync(join(dir, "web", "src", "sst-env.d.ts"), "utf8"), /readonly VITE_API_URL: string/)

    const js = await get(result.bucket, `assets/${script}`)
    assert.ok(js.body.includes(`${apiUrl}/notes`), `the uploaded script fetches ${apiUrl}/notes:\n${js.body}`)
    assert.ok(!js.body.includes("{{ VITE_API_URL }}"))
    assert.equal(js.contentType, "text/javascript; charset=utf-8")
    assert.equal(js.cacheControl, IMMUTABLE)
    const page = await get(result.bucket, "index.html")
    assert.equal(page.contentType, "text/html; charset=utf-8")
    assert.equal(page.cacheControl, REVALIDATE)
    assert.ok(result.invalidationId)
    assert.equal(cloudFront.invalidations.length, invalidations + 1)
  })

  test("a redeploy with no change uploads nothing and invalidates nothing", async () => {
    const invalidations = cloudFront.invalidations.length
    const { result } = await deploy(dir)
    assert.deepEqual(result.uploaded, [])
    assert.deepEqual(result.deleted, [])
    assert.equal(result.invalidationId, undefined)
    assert.equal(cloudFront.invalidations.length, invalidations)
  })
})

describe("examples/react-app", () => {
  let dir: string
  before(() => (dir = copyExample("react-app", "frontend")))
  after(() => rmSync(dir, { recursive: true, force: true }))

  test("the React bundle in the bucket calls the API of the other stack", async () => {
    const { site, result, outputs } = await deploy(dir)
    const apiUrl = outputs["dev-react-app-Api"].ApiEndpoint
    const js = await get(result.bucket, `assets/${builtScript(dir, site)}`)
    assert.ok(js.body.includes(`${apiUrl}/hello`), "REACT_APP_API_URL is the deployed API's URL")
    assert.equal(site.type, "ReactStaticSite")
  })
})
