import assert from "node:assert/strict"
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { dirname, join } from "node:path"
import { after, before, beforeEach, describe, test } from "node:test"
import { GetObjectCommand, S3Client } from "@aws-sdk/client-s3"
import type { ManifestSite } from "../../compiler/manifest.ts"
import { startCloudFrontFake, type CloudFrontFake } from "../../test/fakes/cloudfront/index.ts"
import { startS3Fake, type S3Fake } from "../../test/fakes/s3/index.ts"
import { createCloudFrontClient } from "../aws/cloudfront.ts"
import { RECORD_KEY } from "./bucket-sync.ts"
import { deploySite, type DeploySiteOptions } from "./deploy-site.ts"
import { IMMUTABLE, REVALIDATE, REVALIDATE_CACHEABLE } from "./site-files.ts"

const BUCKET = "dev-notes-web-sitebucket-1a2b3c"
const DISTRIBUTION = "E2EXAMPLE123"
const API_URL = "https://abc123.execute-api.us-east-1.amazonaws.com"
const credentials = { accessKeyId: "AKIDLOCAL", secretAccessKey: "local-secret" }

let s3Fake: S3Fake
let cloudFrontFake: CloudFrontFake
let s3: S3Client
let root: string

const site: ManifestSite = {
  id: "Web/site",
  type: "ViteStaticSite",
  stack: "dev-notes-Web",
  path: "web",
  buildCommand: "npm run build",
  buildOutput: "dist",
  buildDir: ".sst/dist/sites/Web/site",
  environment: { VITE_API_URL: { stack: "dev-notes-Web", output: "siteSstSiteEnvVITEAPIURL" }, VITE_STAGE: "dev" },
  replaceValues: [{ files: "*.{js,mjs,cjs,html,htm}", search: "{{ VITE_API_URL }}", replace: { stack: "dev-notes-Web", output: "siteSstSiteEnvVITEAPIURL" } }],
  fileOptions: [],
  purgeFiles: true,
  waitForInvalidation: true,
  bucketOutput: "siteSstSiteBucket",
  distributionOutput: "siteSstSiteDistribution",
}

const outputs = { "dev-notes-Web": { siteSstSiteBucket: BUCKET, siteSstSiteDistribution: DISTRIBUTION, siteSstSiteEnvVITEAPIURL: API_URL } }

function writeBuild(files: Record<string, string>): void {
  const dir = join(root, site.buildDir)
  rmSync(dir, { recursive: true, force: true })
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true })
    writeFileSync(join(dir, path), content)
  }
}

const BUILD = {
  "index.html": '<!doctype html><script type="module" src="/assets/index-BXk9e5Bf.js"></script>',
  "assets/index-BXk9e5Bf.js": 'const api="{{ VITE_API_URL }}";fetch(`${api}/notes`)',
  "assets/logo.svg": "<svg/>",
  "favicon.ico": "ico",
}

function options(extra: Partial<DeploySiteOptions> = {}): DeploySiteOptions {
  return { outputs, s3, cloudfront: createCloudFrontClient({ env: { AWS_ENDPOINT_URL_CLOUDFRONT: cloudFrontFake.endpoint }, credentials }), root, invalidationPollMs: 5, ...extra }
}

async function object(key: string): Promise<{ body: string; contentType?: string; cacheControl?: string }> {
  const answer = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }))
  return { body: (await answer.Body?.transformToString()) ?? "", contentType: answer.ContentType, cacheControl: answer.CacheControl }
}

function s3Writes(from: number): string[] {
  return s3Fake.calls.slice(from).filter((c) => c.method === "PUT" || c.method === "DELETE" || (c.method === "POST" && c.query === "delete")).map((c) => `${c.method} ${c.key ?? c.query}`)
}

before(async () => {
  s3Fake = await startS3Fake()
  cloudFrontFake = await startCloudFrontFake({ distributions: [DISTRIBUTION], completeAfterPolls: 2 })
  s3 = new S3Client({ region: "us-east-1", endpoint: s3Fake.endpoint, forcePathStyle: true, credentials })
})

after(async () => {
  s3.destroy()
  await s3Fake.close()
  await cloudFrontFake.close()
})

describe("deploySite", { concurrency: false }, () => {
  beforeEach(async () => {
    root = mkdtempSync(join(tmpdir(), "sst-site-"))
    await s3Fake.createBucket(BUCKET)
    for (const key of await s3Fake.keys(BUCKET)) await fetch(`${s3Fake.endpoint}/${BUCKET}/${key}`, { method: "DELETE" })
    cloudFrontFake.invalidations.length = 0
    cloudFrontFake.calls.length = 0
  })

  test("uploads the build with the API URL in place of its placeholder, and the right headers", async () => {
    writeBuild(BUILD)
    const result = await deploySite(site, options())
    assert.deepEqual([...result.uploaded].sort(), ["assets/index-BXk9e5Bf.js", "assets/logo.svg", "favicon.ico", "index.html"])
    assert.equal(result.uploaded.at(-1), "index.html", "pages go last")
    const script = await object("assets/index-BXk9e5Bf.js")
    assert.equal(script.body, `const api="${API_URL}";fetch(\`\${api}/notes\`)`)
    assert.equal(script.contentType, "text/javascript; charset=utf-8")
    assert.equal(script.cacheControl, IMMUTABLE)
    const page = await object("index.html")
    assert.equal(page.contentType, "text/html; charset=utf-8")
    assert.equal(page.cacheControl, REVALIDATE)
    assert.equal((await object("assets/logo.svg")).cacheControl, REVALIDATE_CACHEABLE, "a file without a hash is revalidated")
    assert.equal((await object("favicon.ico")).contentType, "image/x-icon")
    assert.equal(cloudFrontFake.invalidations.length, 1)
    assert.deepEqual(cloudFrontFake.invalidations[0].paths, ["/*"])
    assert.equal(result.invalidationCompleted, true)
    assert.ok((await s3Fake.keys(BUCKET)).includes(RECORD_KEY))
  })

  test("a redeploy without changes uploads nothing, deletes nothing and invalidates nothing", async () => {
    writeBuild(BUILD)
    await deploySite(site, options())
    const from = s3Fake.calls.length
    const result = await deploySite(site, options())
    assert.deepEqual(result.uploaded, [])
    assert.deepEqual(result.deleted, [])
    assert.equal(result.unchanged, 4)
    assert.equal(result.invalidationId, undefined)
    assert.equal(cloudFrontFake.invalidations.length, 1)
    assert.deepEqual(s3Writes(from), [])
  })

  test("a changed build uploads only the changed files, removes stale ones and invalidates once", async () => {
    writeBuild(BUILD)
    await deploySite(site, options())
    const { "assets/index-BXk9e5Bf.js": _old, ...kept } = BUILD
    writeBuild({ ...kept, "index.html": BUILD["index.html"].replace("BXk9e5Bf", "C7yH2kLm"), "assets/index-C7yH2kLm.js": "v2" })
    const result = await deploySite(site, options())
    assert.deepEqual(result.uploaded, ["assets/index-C7yH2kLm.js", "index.html"])
    assert.deepEqual(result.deleted, ["assets/index-BXk9e5Bf.js"])
    assert.equal(cloudFrontFake.invalidations.length, 2)
    assert.deepEqual((await s3Fake.keys(BUCKET)).sort(), [RECORD_KEY, "assets/index-C7yH2kLm.js", "assets/logo.svg", "favicon.ico", "index.html"].sort())
  })

  test("a changed value of the environment re-uploads the files that hold it", async () => {
    writeBuild(BUILD)
    await deploySite(site, options())
    const moved = { "dev-notes-Web": { ...outputs["dev-notes-Web"], siteSstSiteEnvVITEAPIURL: "https://new.example.com" } }
    const result = await deploySite(site, options({ outputs: moved }))
    assert.deepEqual(result.uploaded, ["assets/index-BXk9e5Bf.js"])
    assert.match((await object("assets/index-BXk9e5Bf.js")).body, /https:\/\/new\.example\.com/)
    assert.ok(result.invalidationId)
  })

  test("fileOptions override the default headers; a later rule wins", async () => {
    writeBuild(BUILD)
    const custom: ManifestSite = {
      ...site,
      fileOptions: [
        { include: ["*.svg"], exclude: ["*"], cacheControl: "max-age=60" },
        { include: ["assets/*"], exclude: ["*.js"], cacheControl: "max-age=120", contentType: "image/svg+xml; charset=utf-8" },
      ],
    }
    await deploySite(custom, options())
    assert.deepEqual(await object("assets/logo.svg").then((o) => [o.cacheControl, o.contentType]), ["max-age=120", "image/svg+xml; charset=utf-8"])
    assert.equal((await object("assets/index-BXk9e5Bf.js")).cacheControl, IMMUTABLE, "excluded from the second rule")
    // Only headers changed: the files are uploaded again and the CDN invalidated.
    const result = await deploySite(site, options())
    assert.deepEqual(result.uploaded, ["assets/logo.svg"])
    assert.ok(result.invalidationId)
  })

  test("a deploy interrupted after some uploads is finished by the next one, which still invalidates", async () => {
    writeBuild(BUILD)
    await deploySite(site, options())
    writeBuild({ ...BUILD, "a.txt": "a", "b.txt": "b", "c.txt": "c" })
    const controller = new AbortController()
    let uploads = 0
    const interrupted = deploySite(site, {
      ...options({ concurrency: 1, signal: controller.signal }),
      s3: new Proxy(s3, {
        get(target, property) {
          if (property !== "send") return Reflect.get(target, property)
          return async (command: { constructor: { name: string } }, ...rest: unknown[]) => {
            const answer = await (target.send as (...args: unknown[]) => Promise<unknown>)(command, ...rest)
            if (command.constructor.name === "PutObjectCommand" && ++uploads === 2) controller.abort()
            return answer
          }
        },
      }),
    })
    await assert.rejects(interrupted)
    assert.equal(cloudFrontFake.invalidations.length, 1, "no invalidation before the uploads finished")
    const result = await deploySite(site, options())
    assert.deepEqual(result.uploaded, ["c.txt"])
    assert.ok(result.invalidationId, "the files changed since the last completed deploy")
    assert.equal(cloudFrontFake.invalidations.length, 2)
  })

  test("a missing output names the site, the stack and the output", async () => {
    writeBuild(BUILD)
    await assert.rejects(deploySite(site, options({ outputs: { "dev-notes-Web": { siteSstSiteBucket: BUCKET, siteSstSiteDistribution: DISTRIBUTION } } })), {
      code: "SiteOutputMissing",
      message: /Site Web\/site needs the value of \{\{ VITE_API_URL \}\} from output siteSstSiteEnvVITEAPIURL of stack dev-notes-Web/,
    })
    await assert.rejects(deploySite(site, options({ outputs: {} })), { code: "SiteOutputMissing", message: /whose outputs were not read/ })
  })

  test("without waitForInvalidation the invalidation is started but not awaited", async () => {
    writeBuild(BUILD)
    const result = await deploySite({ ...site, waitForInvalidation: false }, options())
    assert.ok(result.invalidationId)
    assert.equal(result.invalidationCompleted, undefined)
    assert.deepEqual(cloudFrontFake.calls.filter((c) => c.startsWith("GET")), [])
  })

  test("CloudFront's refusal names the distribution and what was being done", async () => {
    writeBuild(BUILD)
    const wrong = { "dev-notes-Web": { ...outputs["dev-notes-Web"], siteSstSiteDistribution: "EUNKNOWN" } }
    await assert.rejects(deploySite(site, options({ outputs: wrong })), {
      code: "AwsError",
      message: /AWS answered NoSuchDistribution while invalidating CloudFront distribution EUNKNOWN/,
    })
  })
})
