// End to end for the frontends of the seed page: examples/vite-static-site (an Api whose URL
// reaches a real Vite app as VITE_API_URL) and examples/react-app (a Vite + React app under
// ReactStaticSite, in another stack than its Api), built with the real build and the real
// `vite build`, deployed by deployApp to the local CloudFormation fake (which creates the site's
// bucket in S3, s3rver), their files uploaded after their stacks and invalidated on the
// CloudFront fake, over HTTP. Each app is installed from the npm registry (npm ci) when its
// node_modules is missing. test/deploy-sites.test.ts follows a site through redeploys and removal.

import assert from "node:assert/strict"
import { readdirSync, readFileSync, rmSync } from "node:fs"
import { join } from "node:path"
import { after, before, describe, test } from "node:test"
import { GetObjectCommand } from "@aws-sdk/client-s3"
import { buildApp } from "../cli/build-app.ts"
import { deployApp, type DeployAppResult } from "../cli/deploy/deploy-app.ts"
import { describeStack } from "../cli/deploy/stack-state.ts"
import { IMMUTABLE, REVALIDATE } from "../cli/sites/site-files.ts"
import type { ManifestSite } from "../compiler/manifest.ts"
import { copyExample } from "./helpers/examples.ts"
import { startLocalAws, type LocalAws } from "./helpers/local-aws.ts"

let aws: LocalAws

before(async () => {
  aws = await startLocalAws({ delayMs: 2 })
})

after(async () => {
  await aws?.close()
})

/** `sst deploy`: build (sites included), then deployApp, which uploads each site after its stack. */
async function deploy(dir: string): Promise<{ site: ManifestSite; report: DeployAppResult["sites"][number]; bucket: string; outputs: Record<string, Record<string, string>> }> {
  const build = await buildApp({ cwd: dir, stage: "dev", skipSites: false, env: { ...process.env } })
  const clients = aws.clients()
  const deployed = await deployApp({ manifest: build.result.manifest, distDir: build.distDir, root: dir, clients, report: () => {}, pollMs: 10 })
  assert.equal(deployed.ok, true, JSON.stringify({ stacks: deployed.stacks, sites: deployed.sites }))
  const outputs: Record<string, Record<string, string>> = {}
  for (const stack of build.result.manifest.stacks) outputs[stack.name] = (await describeStack(clients.cloudFormation, stack.name))?.outputs ?? {}
  const site = build.result.manifest.sites?.[0] as ManifestSite
  assert.equal(deployed.sites.length, 1)
  return { site, report: deployed.sites[0]!, bucket: outputs[site.stack]![site.bucketOutput]!, outputs }
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
    const invalidations = aws.cloudFront.invalidations.length
    const { site, report, bucket, outputs } = await deploy(dir)
    const apiUrl = outputs["dev-vite-static-site-MyStack"]!.ApiEndpoint!
    assert.match(apiUrl, /^https:\/\/.+\.execute-api\.us-east-1\.amazonaws\.com$/)
    const script = builtScript(dir, site)
    assert.match(readFileSync(join(dir, site.buildDir, "assets", script), "utf8"), /\{\{ VITE_API_URL \}\}\/notes/, "sst build works offline: the build sees a placeholder")
    assert.match(readFileSync(join(dir, "web", "src", "sst-env.d.ts"), "utf8"), /readonly VITE_API_URL: string/)

    const js = await get(bucket, `assets/${script}`)
    assert.ok(js.body.includes(`${apiUrl}/notes`), `the uploaded script fetches ${apiUrl}/notes:\n${js.body}`)
    assert.ok(!js.body.includes("{{ VITE_API_URL }}"))
    assert.equal(js.contentType, "text/javascript; charset=utf-8")
    assert.equal(js.cacheControl, IMMUTABLE)
    const page = await get(bucket, "index.html")
    assert.equal(page.contentType, "text/html; charset=utf-8")
    assert.equal(page.cacheControl, REVALIDATE)
    assert.equal(report.invalidated, true)
    assert.equal(aws.cloudFront.invalidations.length, invalidations + 1)
  })

  test("a redeploy with no change uploads nothing and invalidates nothing", async () => {
    const invalidations = aws.cloudFront.invalidations.length
    const { report } = await deploy(dir)
    assert.deepEqual([report.status, report.uploaded, report.deleted, report.invalidated], ["unchanged", 0, 0, false])
    assert.equal(aws.cloudFront.invalidations.length, invalidations)
  })
})

describe("examples/react-app", () => {
  let dir: string
  before(() => (dir = copyExample("react-app", "frontend")))
  after(() => rmSync(dir, { recursive: true, force: true }))

  test("the React bundle in the bucket calls the API of the other stack", async () => {
    const { site, bucket, outputs } = await deploy(dir)
    const apiUrl = outputs["dev-react-app-Api"]!.ApiEndpoint
    const js = await get(bucket, `assets/${builtScript(dir, site)}`)
    assert.ok(js.body.includes(`${apiUrl}/hello`), "REACT_APP_API_URL is the deployed API's URL")
    assert.equal(site.type, "ReactStaticSite")
  })
})
