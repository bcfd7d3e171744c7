import assert from "node:assert/strict"
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { test } from "node:test"
import { catchValidation, synth, testApp, statementsOf } from "../test/helpers/synth.ts"
import { validateTemplate } from "../test/helpers/validate-template.ts"
import { RemixSite } from "./RemixSite.ts"
import { Table } from "./Table.ts"

function appRoot(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "sst-remix-"))
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(root, path, ".."), { recursive: true })
    writeFileSync(join(root, path), content)
  }
  return root
}

const VITE_APP = { "web/vite.config.ts": "", "web/public/favicon.ico": "" }
const CLASSIC_APP = { "web/remix.config.js": "", "web/public/favicon.ico": "", "web/public/build/root.js": "" }

test("RemixSite (Vite): a regional server function behind CloudFront, build/client from the bucket", () => {
  const { template, result } = synth((stack) => new RemixSite(stack, "site", { path: "web/", environment: { STAGE: "test" } }), testApp({ root: appRoot(VITE_APP) }))
  assert.deepEqual(validateTemplate(template), [])
  const r = template.Resources
  assert.equal(r.siteServerFunction.Properties.Handler, "build/sst-server.handler")
  assert.equal(r.siteServerFunction.Properties.Environment.Variables.STAGE, "test")
  const config = r.siteDistribution.Properties.DistributionConfig
  assert.equal(config.DefaultCacheBehavior.TargetOriginId, "Server")
  assert.equal(config.Origins[0].OriginPath, undefined)
  assert.deepEqual(config.CacheBehaviors.map((b: { PathPattern: string }) => b.PathPattern), ["assets/*", "favicon.ico"])
  const site = result.manifest.sites?.[0]
  assert.equal(site?.buildCommand, "npm run build")
  assert.deepEqual(site?.copy, [{ from: "build/client", to: "" }])
  assert.deepEqual(site?.serverWrapper, { kind: "remix", file: "build/sst-server.mjs", serverBuild: "./server/index.js" })
})

test("RemixSite (classic compiler): build/index.js, and public/ with its build/ folder from the bucket", () => {
  const { template, result } = synth((stack) => new RemixSite(stack, "site", { path: "web" }), testApp({ root: appRoot({ ...CLASSIC_APP, "web/yarn.lock": "" }) }))
  assert.deepEqual(validateTemplate(template), [])
  const behaviors = template.Resources.siteDistribution.Properties.DistributionConfig.CacheBehaviors
  assert.deepEqual(behaviors.map((b: { PathPattern: string }) => b.PathPattern), ["build/*", "favicon.ico"])
  const site = result.manifest.sites?.[0]
  assert.equal(site?.buildCommand, "yarn build")
  assert.deepEqual(site?.copy, [{ from: "public", to: "" }])
  assert.equal(site?.serverWrapper?.serverBuild, "./index.js")
})

test("RemixSite.attachPermissions grants the server function", () => {
  const { template } = synth((stack) => {
    const table = new Table(stack, "Notes", { fields: { id: "string" }, primaryIndex: { partitionKey: "id" } })
    const site = new RemixSite(stack, "site", { path: "web" })
    site.attachPermissions([table])
  }, testApp({ root: appRoot(VITE_APP) }))
  const statement = statementsOf(template.Resources, "siteServerFunction")[0]
  assert.equal(statement.Action, "dynamodb:*")
})

test("RemixSite edge: a Lambda@Edge version on the default behavior, no environment variables", () => {
  const { template } = synth((stack) => new RemixSite(stack, "site", { path: "web", edge: true, environment: { STAGE: "test" }, timeout: 60 }), testApp({ root: appRoot(VITE_APP) }))
  assert.deepEqual(validateTemplate(template), [])
  const r = template.Resources
  assert.equal(r.siteServerFunction.Properties.Environment, undefined)
  assert.equal(r.siteServerFunction.Properties.TracingConfig, undefined)
  assert.equal(r.siteServerFunction.Properties.Timeout, 30)
  assert.deepEqual(r.siteServerFunctionServiceRole.Properties.AssumeRolePolicyDocument.Statement[0].Principal.Service, ["lambda.amazonaws.com", "edgelambda.amazonaws.com"])
  assert.equal(r.siteServerFunctionUrl, undefined)
  const behavior = r.siteDistribution.Properties.DistributionConfig.DefaultCacheBehavior
  assert.equal(behavior.TargetOriginId, "S3")
  assert.deepEqual(behavior.LambdaFunctionAssociations, [{ EventType: "origin-request", LambdaFunctionARN: { Ref: "siteServerFunctionVersion" }, IncludeBody: true }])
})

test("RemixSite edge needs us-east-1 and values known at build time", () => {
  const error = catchValidation(() => synth((stack) => new RemixSite(stack, "site", { path: "web", edge: true, environment: { URL: stack.region === "x" ? "" : `${stack.account}` } }), testApp({ root: appRoot(VITE_APP), region: "eu-west-1" })))
  assert.deepEqual(error.problems.map((p) => p.code), ["EdgeRegion", "EdgeEnvironmentReference"])
  assert.match(error.message, /Fix: remove edge \(the server then runs in the app's region behind CloudFront\)/)
})
