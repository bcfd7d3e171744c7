// A real Next.js app (examples/nextjs) through the real pipeline: `sst build` runs OpenNext
// (@opennextjs/aws from npm), packages the server, image and revalidation functions from its
// output and emits a valid template; the server function's handler, invoked locally with a
// function URL event, renders the page with the deployed API's URL; the stack is deployed to the
// local CloudFormation fake and the static files uploaded under _assets/.
// The app is installed from the npm registry (npm ci) when its node_modules is missing.

import assert from "node:assert/strict"
import { execFileSync } from "node:child_process"
import { cpSync, existsSync, mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { after, before, test } from "node:test"
import { GetObjectCommand } from "@aws-sdk/client-s3"
import { buildApp, type BuildOutput } from "../cli/build-app.ts"
import { installExampleDependencies } from "./helpers/examples.ts"
import { deployApp } from "../cli/deploy/deploy-app.ts"
import { describeStack } from "../cli/deploy/stack-state.ts"
import { IMMUTABLE } from "../cli/sites/site-files.ts"
import type { ManifestSite } from "../compiler/manifest.ts"
import { startLocalAws, type LocalAws } from "./helpers/local-aws.ts"
import { validateTemplate } from "./helpers/validate-template.ts"

const EXAMPLE = join(import.meta.dirname, "..", "examples", "nextjs")
const API_URL = "https://abc123.execute-api.us-east-1.amazonaws.com"

let dir: string
let build: BuildOutput
let aws: LocalAws | undefined

before(async () => {
  const site = join(EXAMPLE, "site")
  if (!existsSync(join(site, "node_modules", "next"))) installExampleDependencies(site)
  dir = mkdtempSync(join(tmpdir(), "sst-nextjs-"))
  // A copy with its own node_modules: Turbopack resolves nothing outside the app's folder.
  const skipped = new Set([join(EXAMPLE, ".sst"), join(site, ".next"), join(site, ".open-next")])
  cpSync(EXAMPLE, dir, { recursive: true, verbatimSymlinks: true, filter: (source) => !skipped.has(source) })
  build = await buildApp({ cwd: dir, stage: "dev", skipSites: false, env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } })
})

after(async () => {
  await aws?.close()
  if (dir) rmSync(dir, { recursive: true, force: true })
})

test("sst build runs OpenNext and packages its functions into a valid template", () => {
  const [stack] = build.result.stacks
  assert.deepEqual(validateTemplate(stack.template), [])
  const ids = build.result.manifest.assets.map((asset) => asset.id)
  for (const fn of ["ServerFunction", "ImageFunction", "RevalidationFunction"]) assert.ok(ids.includes(`Site/Site/${fn}`), `${fn} is packaged: ${ids.join(", ")}`)
  const server = (stack.template.Resources.SiteServerFunction as { Properties: { Code: { S3Key: string }; Handler: string } }).Properties
  assert.match(server.Code.S3Key, /^assets\/[0-9a-f]{64}\.zip$/)
  assert.equal(server.Handler, "sst-server.handler")
  for (const file of ["_assets/BUILD_ID", "_assets/robots.txt"]) assert.ok(existsSync(join(dir, ".sst/dist/sites/Site/Site", file)), file)
})

test("the server function renders the page, with the deploy-time API URL in place of its placeholder", () => {
  const handlerDir = join(dir, "site/.open-next/server-functions/default")
  const script = `
    const { handler } = await import(${JSON.stringify(join(handlerDir, "sst-server.mjs"))});
    const event = { version: "2.0", routeKey: "$default", rawPath: "/", rawQueryString: "", isBase64Encoded: false,
      headers: { host: "abc.lambda-url.us-east-1.on.aws", "x-forwarded-host": "d111.cloudfront.net", accept: "text/html" },
      requestContext: { http: { method: "GET", path: "/", protocol: "HTTP/1.1", sourceIp: "127.0.0.1", userAgent: "test" }, domainName: "abc.lambda-url.us-east-1.on.aws", requestId: "1", routeKey: "$default", stage: "$default", time: "", timeEpoch: 0, accountId: "1", apiId: "abc", domainPrefix: "abc" } };
    const response = await handler(event, { getRemainingTimeInMillis: () => 10000, awsRequestId: "1" });
    const body = response.isBase64Encoded ? Buffer.from(response.body, "base64").toString() : response.body;
    process.stdout.write(JSON.stringify({ status: response.statusCode, body }));`
  const out = execFileSync(process.execPath, ["--input-type=module", "-e", script], {
    env: { PATH: process.env.PATH, AWS_REGION: "us-east-1", NEXT_PUBLIC_API_URL: API_URL, SST_SITE_PLACEHOLDERS: '["NEXT_PUBLIC_API_URL"]' },
    encoding: "utf8",
  })
  const { status, body } = JSON.parse(out) as { status: number; body: string }
  assert.equal(status, 200)
  assert.match(body, /<h1>Hello from Next\.js<\/h1>/)
  assert.ok(body.includes(API_URL), "the placeholder is replaced by the function's environment")
  assert.ok(!body.includes("{{ NEXT_PUBLIC_API_URL }}"))
})

test("deployed: the stack to CloudFormation, the static files to the bucket's _assets/", async () => {
  aws = await startLocalAws({ delayMs: 2 })
  const clients = aws.clients()
  // deployApp uploads the site after its stack, to the bucket the stack created in S3.
  const deployed = await deployApp({ manifest: build.result.manifest, distDir: build.distDir, root: dir, clients, report: () => {}, pollMs: 10 })
  assert.equal(deployed.ok, true, JSON.stringify({ stacks: deployed.stacks, sites: deployed.sites }))
  const site = build.result.manifest.sites?.[0] as ManifestSite
  assert.deepEqual(deployed.sites.map((s) => [s.id, s.status, s.invalidated]), [[site.id, "deployed", true]])
  const bucket = (await describeStack(clients.cloudFormation, site.stack))?.outputs[site.bucketOutput] as string
  const keys = await aws.s3.keys(bucket)
  assert.ok(keys.includes("_assets/robots.txt"))
  assert.ok(keys.some((key) => key.startsWith("_cache/")), "the incremental cache is uploaded")
  const chunk = keys.find((key) => key.startsWith("_assets/_next/static/chunks/")) as string
  const object = await clients.s3.send(new GetObjectCommand({ Bucket: bucket, Key: chunk }))
  assert.equal(object.CacheControl, IMMUTABLE)
})
