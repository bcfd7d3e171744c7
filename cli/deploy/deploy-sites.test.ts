import assert from "node:assert/strict"
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { createServer } from "node:http"
import type { AddressInfo } from "node:net"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { test } from "node:test"
import { S3Client } from "@aws-sdk/client-s3"
import type { Manifest, ManifestSite } from "../../compiler/manifest.ts"
import { createCloudFrontClient } from "../aws/cloudfront.ts"
import { deploySites } from "./deploy-sites.ts"
import type { DeployError } from "./errors.ts"

const STACK = "dev-app-Web"
const site: ManifestSite = {
  id: "Web/site",
  type: "StaticSite",
  stack: STACK,
  path: "web",
  buildOutput: "dist",
  buildDir: ".sst/dist/sites/Web/site",
  environment: {},
  replaceValues: [],
  fileOptions: [],
  purgeFiles: true,
  waitForInvalidation: false,
  bucketOutput: "siteBucket",
  distributionOutput: "siteDistribution",
}

test("Ctrl-C during a site's upload stops the deploy as Interrupted, not as a failed site", async () => {
  const root = mkdtempSync(join(tmpdir(), "sst-sites-"))
  mkdirSync(join(root, site.buildDir), { recursive: true })
  writeFileSync(join(root, site.buildDir, "index.html"), "<h1>hi</h1>")
  // An S3 that never answers: the abort is what ends the call.
  const silent = createServer(() => {})
  await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve))
  const credentials = { accessKeyId: "AKIDLOCAL", secretAccessKey: "local-secret" }
  const s3 = new S3Client({ region: "us-east-1", endpoint: `http://127.0.0.1:${(silent.address() as AddressInfo).port}`, forcePathStyle: true, credentials, maxAttempts: 1 })
  const controller = new AbortController()
  const manifest: Manifest = { version: 1, app: "app", stage: "dev", region: "us-east-1", stacks: [], assets: [], sites: [site, { ...site, id: "Web/other" }] }
  try {
    setTimeout(() => controller.abort(), 50)
    await assert.rejects(
      deploySites({
        manifest,
        root,
        s3,
        cloudFront: createCloudFrontClient({ env: {}, credentials }),
        outputs: new Map([[STACK, { siteBucket: "bucket", siteDistribution: "E2EXAMPLE" }]]),
        readyStacks: new Set([STACK]),
        selectedStacks: new Set([STACK]),
        report: () => {},
        signal: controller.signal,
      }),
      (error: DeployError) => error.code === "Interrupted",
    )
  } finally {
    s3.destroy()
    silent.closeAllConnections()
    silent.close()
    rmSync(root, { recursive: true, force: true })
  }
})
