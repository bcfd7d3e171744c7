import assert from "node:assert/strict"
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { test } from "node:test"
import { catchValidation, emit, synth, testApp, statementsOf } from "../test/helpers/synth.ts"
import { validateTemplate } from "../test/helpers/validate-template.ts"
import { Function } from "./Function.ts"
import { NextjsSite } from "./NextjsSite.ts"
import { Stack } from "./Stack.ts"

/** A Next.js app's source: the template reads only its public/ folder. */
function appRoot(): string {
  const root = mkdtempSync(join(tmpdir(), "sst-nextjs-"))
  mkdirSync(join(root, "web", "public", "images"), { recursive: true })
  writeFileSync(join(root, "web", "public", "robots.txt"), "")
  writeFileSync(join(root, "web", "public", ".DS_Store"), "")
  return root
}

test("NextjsSite: OpenNext's functions behind CloudFront, static files from the bucket's _assets", () => {
  const { template } = synth((stack) => new NextjsSite(stack, "site", { path: "web/" }), testApp({ root: appRoot() }))
  assert.deepEqual(validateTemplate(template), [])
  const r = template.Resources
  const server = r.siteServerFunction.Properties
  assert.deepEqual(server.Code.S3Key, "assets/unpackaged/Main/site/ServerFunction.zip")
  assert.equal(server.Handler, "sst-server.handler")
  assert.equal(server.Runtime, "nodejs22.x")
  assert.deepEqual(Object.keys(server.Environment.Variables).filter((k) => !k.startsWith("SST_") && k !== "AWS_NODEJS_CONNECTION_REUSE_ENABLED"), [
    "CACHE_BUCKET_NAME",
    "CACHE_BUCKET_KEY_PREFIX",
    "CACHE_BUCKET_REGION",
    "REVALIDATION_QUEUE_URL",
    "REVALIDATION_QUEUE_REGION",
    "CACHE_DYNAMO_TABLE",
  ])
  assert.equal(r.siteImageFunction.Properties.Handler, "index.handler")
  assert.deepEqual(r.siteImageFunction.Properties.Environment.Variables.BUCKET_KEY_PREFIX, "_assets")
  assert.equal(r.siteRevalidationQueue.Properties.FifoQueue, true)
  assert.deepEqual(r.siteRevalidationEvents.Properties.EventSourceArn, { "Fn::GetAtt": ["siteRevalidationQueue", "Arn"] })
  assert.equal(r.siteRevalidationTable.Properties.BillingMode, "PAY_PER_REQUEST")

  const config = r.siteDistribution.Properties.DistributionConfig
  assert.deepEqual(config.Origins.map((o: { Id: string }) => o.Id), ["S3", "Server", "ImageOptimizer"])
  assert.equal(config.Origins[0].OriginPath, "/_assets")
  assert.deepEqual(config.Origins[1].DomainName, { "Fn::Select": [2, { "Fn::Split": ["/", { "Fn::GetAtt": ["siteServerFunctionUrl", "FunctionUrl"] }] }] })
  assert.equal(config.DefaultCacheBehavior.TargetOriginId, "Server")
  assert.deepEqual(config.DefaultCacheBehavior.AllowedMethods, ["GET", "HEAD", "OPTIONS", "PUT", "PATCH", "POST", "DELETE"])
  assert.deepEqual(config.DefaultCacheBehavior.CachePolicyId, { Ref: "siteServerCachePolicy" })
  assert.deepEqual(
    config.CacheBehaviors.map((b: { PathPattern: string; TargetOriginId: string }) => `${b.PathPattern} → ${b.TargetOriginId}`),
    ["_next/image* → ImageOptimizer", "_next/data/* → Server", "_next/* → S3", "BUILD_ID → S3", "images/* → S3", "robots.txt → S3"],
  )
})

test("NextjsSite tells sst build how to build with OpenNext and what to upload", () => {
  const app = testApp({ root: appRoot() })
  const api = new Stack(app, "Api")
  const fn = new Function(api, "Handler", { handler: "functions/api.main", url: true })
  const web = new Stack(app, "Web")
  new NextjsSite(web, "site", { path: "web", environment: { NEXT_PUBLIC_API_URL: fn.url as string, STAGE: "test" } })
  const { templates, result } = emit(app)
  const site = result.manifest.sites?.[0]
  assert.equal(site?.buildCommand, "npx --no-install open-next build")
  assert.deepEqual(site?.copy, [
    { from: ".open-next/assets", to: "_assets" },
    { from: ".open-next/cache", to: "_cache" },
  ])
  assert.deepEqual(site?.serverWrapper, { kind: "nextjs", file: ".open-next/server-functions/default/sst-server.mjs", serverBuild: "./index.mjs" })
  assert.deepEqual(site?.replaceValues, [
    { files: "*.{js,mjs,cjs,html,htm,json,cache,rsc,body,meta}", search: "{{ NEXT_PUBLIC_API_URL }}", replace: { stack: "test-notes-Web", output: "siteSstSiteEnvNEXTPUBLICAPIURL" } },
  ])
  const variables = templates.Web.Resources.siteServerFunction.Properties.Environment.Variables
  assert.deepEqual(variables.NEXT_PUBLIC_API_URL, { Ref: "XrefApiHandlerUrlFunctionUrl" }, "the server function gets the real value")
  assert.equal(variables.STAGE, "test")
  assert.equal(variables.SST_SITE_PLACEHOLDERS, '["NEXT_PUBLIC_API_URL"]')
  assert.deepEqual(validateTemplate(templates.Web), [])
})

test("NextjsSite.attachPermissions and permissions reach the server function only", () => {
  const { template } = synth((stack) => {
    const site = new NextjsSite(stack, "site", { path: "web", permissions: ["sns:Publish"], timeout: 20, memorySize: "2 GB" })
    site.attachPermissions(["dynamodb:GetItem"])
  }, testApp({ root: appRoot() }))
  const statements = statementsOf(template.Resources, "siteServerFunction")
  const actions = statements.flatMap((s: { Action: string | string[] }) => [s.Action].flat())
  assert.ok(actions.includes("sns:Publish") && actions.includes("dynamodb:GetItem"))
  assert.equal(template.Resources.siteServerFunction.Properties.Timeout, 20)
  assert.equal(template.Resources.siteServerFunction.Properties.MemorySize, 2048)
  const imageActions = statementsOf(template.Resources, "siteImageFunction").flatMap((s: { Action: string | string[] }) => [s.Action].flat())
  assert.deepEqual(imageActions, ["s3:GetObject"])
})

test("NextjsSite with a custom domain and its url for bind", () => {
  const app = testApp({ root: appRoot() })
  const stack = new Stack(app, "Web")
  const site = new NextjsSite(stack, "site", { path: "web", customDomain: { domainName: "www.example.com", domainAlias: "example.com", cdk: { hostedZone: { hostedZoneId: "Z1" } } } })
  const { template } = emit(app)
  assert.deepEqual(validateTemplate(template), [])
  assert.equal(site.customDomainUrl, "https://www.example.com")
  const association = template.Resources.siteDistribution.Properties.DistributionConfig.DefaultCacheBehavior.FunctionAssociations
  assert.deepEqual(association, [{ EventType: "viewer-request", FunctionARN: { "Fn::GetAtt": ["siteAliasRedirect", "FunctionARN"] } }])
  assert.match(template.Resources.siteAliasRedirect.Properties.FunctionCode, /x-forwarded-host/)
  assert.deepEqual(site.getFunctionBinding().variables.url, { type: "site_url", value: "https://www.example.com" })
})

test("NextjsSite refuses unknown props", () => {
  // @ts-expect-error the type refuses it already; JavaScript callers reach the schema
  const error = catchValidation(() => synth((stack) => new NextjsSite(stack, "site", { path: "web", enviroment: {} }), testApp({ root: appRoot() })))
  assert.equal(error.problems[0].code, "UnknownProp")
  assert.equal(error.problems[0].construct, "NextjsSite")
  assert.match(error.message, /did you mean "environment"\?/)
})
