import assert from "node:assert/strict"
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { test } from "node:test"
import { catchValidation, emit, synth, testApp } from "../test/helpers/synth.ts"
import { validateTemplate } from "../test/helpers/validate-template.ts"
import { Function } from "./Function.ts"
import { ReactStaticSite } from "./ReactStaticSite.ts"
import { Stack } from "./Stack.ts"
import { StaticSite } from "./StaticSite.ts"
import { ViteStaticSite } from "./ViteStaticSite.ts"

/** An app root holding the folders sites point at. */
function appRoot(files: Record<string, string> = {}): string {
  const root = mkdtempSync(join(tmpdir(), "sst-static-site-"))
  mkdirSync(join(root, "web"))
  for (const [path, content] of Object.entries(files)) writeFileSync(join(root, path), content)
  return root
}

test("StaticSite serves a private, encrypted bucket through CloudFront with an Origin Access Control", () => {
  const { template, result } = synth((stack) => new StaticSite(stack, "site", { path: "web", buildOutput: "dist", buildCommand: "npm run build" }), testApp({ root: appRoot() }))
  assert.deepEqual(validateTemplate(template), [])
  const r = template.Resources
  assert.deepEqual(Object.keys(r), ["siteBucket", "siteOriginAccessControl", "siteDistribution", "siteBucketPolicy"])
  assert.deepEqual(r.siteBucket.Properties.PublicAccessBlockConfiguration, { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true })
  assert.equal(r.siteBucket.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm, "AES256")
  assert.equal(r.siteBucket.DeletionPolicy, undefined, "a site's bucket is deleted with its stack")
  assert.deepEqual(result.manifest.stacks[0].emptyOnRemove, ["siteBucket"])
  assert.equal(r.siteOriginAccessControl.Properties.OriginAccessControlConfig.Name, "test-notes-Main-site")
  const config = r.siteDistribution.Properties.DistributionConfig
  assert.deepEqual(config.Origins[0].OriginAccessControlId, { "Fn::GetAtt": ["siteOriginAccessControl", "Id"] })
  assert.deepEqual(config.Origins[0].S3OriginConfig, { OriginAccessIdentity: "" })
  assert.equal(config.DefaultCacheBehavior.ViewerProtocolPolicy, "redirect-to-https")
  assert.equal(config.DefaultCacheBehavior.Compress, true)
  assert.equal(config.DefaultRootObject, "index.html")
  assert.deepEqual(config.CustomErrorResponses, [
    { ErrorCode: 403, ResponseCode: 200, ResponsePagePath: "/index.html" },
    { ErrorCode: 404, ResponseCode: 200, ResponsePagePath: "/index.html" },
  ])
  const statement = r.siteBucketPolicy.Properties.PolicyDocument.Statement[0]
  assert.deepEqual(statement.Principal, { Service: "cloudfront.amazonaws.com" })
  assert.equal(statement.Action, "s3:GetObject")
  assert.deepEqual(statement.Condition.StringEquals["AWS:SourceArn"], {
    "Fn::Join": ["", ["arn:", { Ref: "AWS::Partition" }, ":cloudfront::", { Ref: "AWS::AccountId" }, ":distribution/", { Ref: "siteDistribution" }]],
  })
})

test("StaticSite with an error page answers missing paths with it and status 404", () => {
  const { template } = synth((stack) => new StaticSite(stack, "site", { path: "web", errorPage: "404.html", indexPage: "home.html" }), testApp({ root: appRoot() }))
  const config = template.Resources.siteDistribution.Properties.DistributionConfig
  assert.equal(config.DefaultRootObject, "home.html")
  assert.deepEqual(config.CustomErrorResponses, [
    { ErrorCode: 403, ResponseCode: 404, ResponsePagePath: "/404.html" },
    { ErrorCode: 404, ResponseCode: 404, ResponsePagePath: "/404.html" },
  ])
})

test("StaticSite attributes are references to the bucket and the distribution", () => {
  const app = testApp({ root: appRoot() })
  const stack = new Stack(app, "Web")
  const site = new StaticSite(stack, "site", { path: "web" })
  stack.addOutputs({ Url: site.url, Bucket: site.bucketName, Arn: site.bucketArn, Id: site.distributionId, Domain: site.distributionDomain })
  const outputs = emit(app).template.Outputs as Record<string, { Value: unknown }>
  assert.deepEqual(outputs.Url.Value, { "Fn::Join": ["", ["https://", { "Fn::GetAtt": ["siteDistribution", "DomainName"] }]] })
  assert.deepEqual(outputs.Bucket.Value, { Ref: "siteBucket" })
  assert.deepEqual(outputs.Arn.Value, { "Fn::GetAtt": ["siteBucket", "Arn"] })
  assert.deepEqual(outputs.Id.Value, { Ref: "siteDistribution" })
  assert.deepEqual(outputs.Domain.Value, { "Fn::GetAtt": ["siteDistribution", "DomainName"] })
  assert.equal(site.customDomainUrl, undefined)
})

test("StaticSite tells the deployer what to upload; references in environment become internal outputs", () => {
  const app = testApp({ root: appRoot() })
  const api = new Stack(app, "Api")
  const fn = new Function(api, "Handler", { handler: "functions/api.main", url: true })
  const web = new Stack(app, "Web")
  new StaticSite(web, "site", {
    path: "./web/",
    buildCommand: "npm run build",
    buildOutput: "dist",
    environment: { VITE_API_URL: fn.url as string, VITE_STAGE: "test" },
    replaceValues: [{ files: "*.json", search: "__REGION__", replace: "us-east-1" }],
    fileOptions: [{ exclude: "*", include: ["*.json"], cacheControl: "max-age=60" }],
    purgeFiles: false,
    waitForInvalidation: false,
  })
  const { templates, result } = emit(app)
  assert.deepEqual(validateTemplate(templates.Web), [])
  assert.deepEqual(result.manifest.sites, [
    {
      id: "Web/site",
      type: "StaticSite",
      stack: "test-notes-Web",
      path: "web",
      buildCommand: "npm run build",
      buildOutput: "dist",
      buildDir: ".sst/dist/sites/Web/site",
      environment: { VITE_API_URL: { stack: "test-notes-Web", output: "siteSstSiteEnvVITEAPIURL" }, VITE_STAGE: "test" },
      replaceValues: [
        { files: "*.{js,mjs,cjs,html,htm}", search: "{{ VITE_API_URL }}", replace: { stack: "test-notes-Web", output: "siteSstSiteEnvVITEAPIURL" } },
        { files: "*.json", search: "__REGION__", replace: "us-east-1" },
      ],
      fileOptions: [{ include: ["*.json"], exclude: ["*"], cacheControl: "max-age=60" }],
      purgeFiles: false,
      waitForInvalidation: false,
      bucketOutput: "siteSstSiteBucket",
      distributionOutput: "siteSstSiteDistribution",
    },
  ])
  const outputs = templates.Web.Outputs as Record<string, { Value: unknown }>
  assert.deepEqual(outputs.siteSstSiteEnvVITEAPIURL.Value, { Ref: "XrefApiHandlerUrlFunctionUrl" })
  const webStack = result.manifest.stacks.find((s) => s.id === "Web")
  assert.deepEqual(webStack?.outputs, [], "internal outputs are not the user's")
  assert.deepEqual(webStack?.dependencies, ["test-notes-Api"])
})

test("an Api's function and a site may refer to each other: bound, the URL is read from SSM", () => {
  const app = testApp({ root: appRoot() })
  const api = new Stack(app, "Api")
  const fn = new Function(api, "Handler", { handler: "functions/api.main", url: true })
  const web = new Stack(app, "Web")
  const site = new ViteStaticSite(web, "site", { path: "web", environment: { VITE_API_URL: fn.url as string } })
  fn.bind([site])
  const { templates, result } = emit(app)
  assert.deepEqual(result.manifest.stacks.map((s) => [s.id, s.dependencies]), [["Api", []], ["Web", ["test-notes-Api"]]])
  assert.equal(templates.Api.Resources.Handler.Properties.Environment.Variables.SST_ViteStaticSite_url_site, "__FETCH_FROM_SSM__")
  const parameter = templates.Web.Resources.siteParameterurl
  assert.equal(parameter.Properties.Name, "/sst/notes/test/ViteStaticSite/site/url")
  assert.deepEqual(parameter.Properties.Value, { "Fn::Join": ["", ["https://", { "Fn::GetAtt": ["siteDistribution", "DomainName"] }]] })
  assert.deepEqual(validateTemplate(templates.Api), [])
  assert.deepEqual(validateTemplate(templates.Web), [])
})

test("StaticSite refuses a path that is not a folder of the app", () => {
  const error = catchValidation(() => synth((stack) => new StaticSite(stack, "site", { path: "frontend" }), testApp({ root: appRoot() })))
  assert.equal(error.problems[0].code, "SitePathNotFound")
  assert.equal(error.problems[0].path, "notes/test/Main/site")
  assert.match(error.message, /path is "frontend", but there is no such folder in the app/)
})

test("StaticSite refuses unknown props and names the closest one", () => {
  const error = catchValidation(() =>
    // @ts-expect-error the type refuses it already; JavaScript callers reach the schema
    synth((stack) => new StaticSite(stack, "site", { path: "web", buildOuput: "dist" }), testApp({ root: appRoot() })),
  )
  assert.equal(error.problems[0].code, "UnknownProp")
  assert.equal(error.problems[0].construct, "StaticSite")
  assert.match(error.message, /did you mean "buildOutput"\?/)
})

test("customDomain in us-east-1: a DNS-validated certificate, aliases, records and the alias redirect", () => {
  const { template } = synth(
    (stack) =>
      new StaticSite(stack, "site", {
        path: "web",
        customDomain: { domainName: "www.example.com", domainAlias: "example.com", hostedZone: "example.com", cdk: { hostedZone: { hostedZoneId: "Z123" } } },
      }),
    testApp({ root: appRoot() }),
  )
  assert.deepEqual(validateTemplate(template), [])
  const r = template.Resources
  assert.equal(r.siteCertificate.Properties.DomainName, "www.example.com")
  assert.deepEqual(r.siteCertificate.Properties.SubjectAlternativeNames, ["example.com"])
  assert.deepEqual(r.siteCertificate.Properties.DomainValidationOptions, [
    { DomainName: "www.example.com", HostedZoneId: "Z123" },
    { DomainName: "example.com", HostedZoneId: "Z123" },
  ])
  const config = r.siteDistribution.Properties.DistributionConfig
  assert.deepEqual(config.Aliases, ["www.example.com", "example.com"])
  assert.deepEqual(config.ViewerCertificate, { AcmCertificateArn: { Ref: "siteCertificate" }, SslSupportMethod: "sni-only", MinimumProtocolVersion: "TLSv1.2_2021" })
  assert.equal(config.DefaultCacheBehavior.FunctionAssociations[0].EventType, "viewer-request")
  assert.match(r.siteAliasRedirect.Properties.FunctionCode, /host !== "example.com"/)
  assert.deepEqual(
    Object.keys(r).filter((id) => r[id].Type === "AWS::Route53::RecordSet"),
    ["siteAliasRecord", "siteAliasRecordAAAA", "siteDomainAliasAliasRecord", "siteDomainAliasAliasRecordAAAA"],
  )
  assert.equal(r.siteAliasRecord.Properties.Name, "www.example.com.")
  assert.equal(r.siteAliasRecord.Properties.HostedZoneId, "Z123")
  assert.equal(r.siteAliasRecord.Properties.AliasTarget.HostedZoneId, "Z2FDTNDATAQYW2")
  assert.equal(r.siteDomainAliasAliasRecord.Properties.Name, "example.com.")
})

test("customDomain outside us-east-1 needs a certificate made in us-east-1", () => {
  const error = catchValidation(() => synth((stack) => new StaticSite(stack, "site", { path: "web", customDomain: "example.com" }), testApp({ root: appRoot(), region: "eu-west-1" })))
  assert.equal(error.problems[0].code, "CertificateRegion")
  assert.match(error.message, /Fix: create the certificate in us-east-1 \(aws acm request-certificate --region us-east-1 ...\) and pass it/)

  const { template } = synth(
    (stack) => new StaticSite(stack, "site", { path: "web", customDomain: { domainName: "example.com", cdk: { certificate: { certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/abc" } } } }),
    testApp({ root: appRoot(), region: "eu-west-1" }),
  )
  assert.equal(template.Resources.siteCertificate, undefined)
  assert.equal(template.Resources.siteDistribution.Properties.DistributionConfig.ViewerCertificate.AcmCertificateArn, "arn:aws:acm:us-east-1:123456789012:certificate/abc")
  assert.deepEqual(validateTemplate(template), [])
  assert.equal(template.Resources.siteHostedZone.Type, "Custom::SSTHostedZoneLookup", "a zone known by name is looked up at deploy time")
  assert.equal(template.Resources.siteHostedZone.Properties.ZoneName, "example.com")
  assert.deepEqual(template.Resources.siteAliasRecord.Properties.HostedZoneId, { "Fn::GetAtt": ["siteHostedZone", "HostedZoneId"] })
})

test("an external domain gets no records and needs a certificate", () => {
  const error = catchValidation(() => synth((stack) => new StaticSite(stack, "site", { path: "web", customDomain: { domainName: "example.com", isExternalDomain: true } }), testApp({ root: appRoot() })))
  assert.equal(error.problems[0].code, "ExternalDomainNeedsCertificate")
})

test("customDomainUrl and the bound URL use the custom domain", () => {
  const app = testApp({ root: appRoot() })
  const stack = new Stack(app, "Web")
  const site = new StaticSite(stack, "site", { path: "web", customDomain: "example.com" })
  assert.equal(site.customDomainUrl, "https://example.com")
  assert.equal(site.getFunctionBinding().variables.url.value, "https://example.com")
})

test("ViteStaticSite defaults to dist, npm run build, and types in src/sst-env.d.ts", () => {
  const { result } = synth((stack) => new ViteStaticSite(stack, "site", { path: "web", environment: { VITE_STAGE: "test" } }), testApp({ root: appRoot() }))
  const site = result.manifest.sites?.[0]
  assert.equal(site?.type, "ViteStaticSite")
  assert.equal(site?.buildOutput, "dist")
  assert.equal(site?.buildCommand, "npm run build")
  assert.equal(site?.typesFile, "src/sst-env.d.ts")
})

test("ViteStaticSite builds with yarn when the site has a yarn.lock, and takes typesPath", () => {
  const { result } = synth((stack) => new ViteStaticSite(stack, "site", { path: "web", typesPath: "types/env.d.ts" }), testApp({ root: appRoot({ "web/yarn.lock": "" }) }))
  assert.equal(result.manifest.sites?.[0].buildCommand, "yarn build")
  assert.equal(result.manifest.sites?.[0].typesFile, "types/env.d.ts")
})

test("ReactStaticSite defaults to build and refuses environment keys without REACT_APP_", () => {
  const { result } = synth((stack) => new ReactStaticSite(stack, "site", { path: "web", environment: { REACT_APP_API_URL: "https://api" } }), testApp({ root: appRoot() }))
  assert.equal(result.manifest.sites?.[0].buildOutput, "build")
  assert.equal(result.manifest.sites?.[0].buildCommand, "npm run build")

  const error = catchValidation(() => synth((stack) => new ReactStaticSite(stack, "site", { path: "web", environment: { API_URL: "https://api" } }), testApp({ root: appRoot() })))
  assert.deepEqual(error.problems[0], {
    code: "InvalidEnvironmentKey",
    path: "notes/test/Main/site",
    construct: "ReactStaticSite",
    property: "environment.API_URL",
    problem: 'does not start with "REACT_APP_", so Create React App would not pass it to the site\'s code.',
    allowed: 'keys that start with "REACT_APP_" (Create React App\'s rule for variables the build embeds).',
    fix: 'rename it to "REACT_APP_API_URL" and read process.env.REACT_APP_API_URL in the code.',
  })
})

test("cdk.bucket and cdk.distribution merge raw properties over ours", () => {
  const { template } = synth(
    (stack) => new StaticSite(stack, "site", { path: "web", cdk: { bucket: { Tags: [{ Key: "team", Value: "web" }] }, distribution: { PriceClass: "PriceClass_100", Comment: "docs" } } }),
    testApp({ root: appRoot() }),
  )
  assert.deepEqual(validateTemplate(template), [])
  assert.deepEqual(template.Resources.siteBucket.Properties.Tags, [{ Key: "team", Value: "web" }])
  assert.equal(template.Resources.siteBucket.Properties.PublicAccessBlockConfiguration.BlockPublicPolicy, true)
  assert.equal(template.Resources.siteDistribution.Properties.DistributionConfig.PriceClass, "PriceClass_100")
})
