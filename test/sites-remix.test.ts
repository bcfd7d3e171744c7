// A real Remix app (examples/remix, Vite layout) through the real pipeline: `sst build` runs the
// app's build, writes the Lambda adapter and bundles it with the server build into the server
// function's zip; the template is valid; the zip's handler, invoked locally with a function URL
// event, renders the page with the value of its environment; the browser build is laid out for
// the bucket. The app is installed from the npm registry (npm ci) when its node_modules is missing.

import assert from "node:assert/strict"
import { execFileSync } from "node:child_process"
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { dirname, join } from "node:path"
import { after, before, test } from "node:test"
import { buildApp, type BuildOutput } from "../cli/build-app.ts"
import { installExampleDependencies } from "./helpers/examples.ts"
import { writeServerWrapper } from "../compiler/packager/sites/server-wrapper.ts"
import { readZip } from "./fixtures/functions/read-zip.ts"
import { validateTemplate } from "./helpers/validate-template.ts"

const EXAMPLE = join(import.meta.dirname, "..", "examples", "remix")

let dir: string
let build: BuildOutput

before(async () => {
  const web = join(EXAMPLE, "web")
  if (!existsSync(join(web, "node_modules", "@remix-run", "dev"))) installExampleDependencies(web)
  dir = mkdtempSync(join(tmpdir(), "sst-remix-"))
  const skipped = new Set([join(EXAMPLE, ".sst"), join(web, "build"), join(web, ".cache")])
  cpSync(EXAMPLE, dir, { recursive: true, verbatimSymlinks: true, filter: (source) => !skipped.has(source) })
  build = await buildApp({ cwd: dir, stage: "dev", skipSites: false, env: { ...process.env } })
})

after(() => {
  if (dir) rmSync(dir, { recursive: true, force: true })
})

test("sst build bundles the Remix server build into a valid template's server function", () => {
  const [stack] = build.result.stacks
  assert.deepEqual(validateTemplate(stack.template), [])
  assert.ok(build.result.manifest.assets.some((asset) => asset.id === "Site/Site/ServerFunction"))
  assert.deepEqual(readdirSync(join(dir, ".sst/dist/sites/Site/Site")).sort(), ["assets", "robots.txt"])
})

test("the server function's handler renders the page from a function URL event", () => {
  const asset = build.result.manifest.assets.find((a) => a.id === "Site/Site/ServerFunction")
  assert.ok(asset)
  const unpacked = mkdtempSync(join(tmpdir(), "sst-remix-zip-"))
  for (const entry of readZip(readFileSync(join(dir, asset.file)))) {
    mkdirSync(dirname(join(unpacked, entry.name)), { recursive: true })
    writeFileSync(join(unpacked, entry.name), entry.data)
  }
  const handler = (build.result.stacks[0].template.Resources.SiteServerFunction as { Properties: { Handler: string } }).Properties.Handler
  const module = handler.slice(0, handler.lastIndexOf("."))
  const file = readdirSync(join(unpacked, dirname(module))).find((name) => name.startsWith(`${module.split("/").pop()}.`)) as string
  const script = `
    const { handler } = await import(${JSON.stringify(join(unpacked, dirname(module), file))});
    const event = { version: "2.0", routeKey: "$default", rawPath: "/", rawQueryString: "", isBase64Encoded: false,
      headers: { host: "abc.lambda-url.us-east-1.on.aws", "x-forwarded-host": "d111.cloudfront.net", accept: "text/html" },
      requestContext: { http: { method: "GET", path: "/", protocol: "HTTP/1.1", sourceIp: "127.0.0.1", userAgent: "test" } } };
    const response = await handler(event);
    process.stdout.write(JSON.stringify(response));`
  try {
    const out = execFileSync(process.execPath, ["--input-type=module", "-e", script], { env: { PATH: process.env.PATH, TABLE_NAME: "dev-remix-Notes" }, encoding: "utf8", cwd: unpacked })
    const response = JSON.parse(out) as { statusCode: number; headers: Record<string, string>; body: string; isBase64Encoded: boolean }
    assert.equal(response.statusCode, 200)
    assert.equal(response.isBase64Encoded, false)
    assert.match(response.headers["content-type"], /^text\/html/)
    assert.match(response.body, /<h1>Hello from Remix<\/h1>/)
    assert.match(response.body, /Table: <!-- -->dev-remix-Notes/)
  } finally {
    rmSync(unpacked, { recursive: true, force: true })
  }
})

test("the Lambda@Edge adapter renders the page from a CloudFront origin-request event", () => {
  const file = join(dir, "web", "build", "sst-edge-server.mjs")
  writeServerWrapper(file, { kind: "remix-edge", file: "build/sst-edge-server.mjs", serverBuild: "./server/index.js" })
  const script = `
    const { handler } = await import(${JSON.stringify(file)});
    const request = { clientIp: "127.0.0.1", method: "GET", uri: "/", querystring: "",
      headers: { host: [{ key: "Host", value: "bucket.s3.us-east-1.amazonaws.com" }], "x-forwarded-host": [{ key: "X-Forwarded-Host", value: "d111.cloudfront.net" }] } };
    const response = await handler({ Records: [{ cf: { config: {}, request } }] });
    process.stdout.write(JSON.stringify(response));`
  const out = execFileSync(process.execPath, ["--input-type=module", "-e", script], { env: { PATH: process.env.PATH, TABLE_NAME: "edge-table" }, encoding: "utf8" })
  const response = JSON.parse(out) as { status: string; headers: Record<string, { key: string; value: string }[]>; body: string; bodyEncoding: string }
  assert.equal(response.status, "200")
  assert.equal(response.bodyEncoding, "text")
  assert.match(response.headers["content-type"][0].value, /^text\/html/)
  assert.match(response.body, /<h1>Hello from Remix<\/h1>/)
})
