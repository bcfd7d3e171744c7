import assert from "node:assert/strict"
import { test } from "node:test"
import { catchValidation, synth } from "../../test/helpers/synth.ts"
import { validateTemplate } from "../../test/helpers/validate-template.ts"
import { Api } from "../Api.ts"
import { CfnResource } from "../../compiler/index.ts"
import { WebSocketApi } from "../WebSocketApi.ts"

test("Api customDomain as a string: certificate validated in the looked-up zone, regional domain, mapping and A/AAAA records", () => {
  let api!: Api
  const { template } = synth((stack) => {
    api = new Api(stack, "Api", { customDomain: "api.example.com", routes: { "GET /": "functions/home.main" } })
  })
  const r = template.Resources
  assert.equal(api.customDomainUrl, "https://api.example.com")
  assert.equal(r.ApiHostedZone.Properties.ZoneName, "example.com")
  assert.deepEqual(r.ApiCertificate.Properties, {
    DomainName: "api.example.com",
    ValidationMethod: "DNS",
    DomainValidationOptions: [{ DomainName: "api.example.com", HostedZoneId: { "Fn::GetAtt": ["ApiHostedZone", "HostedZoneId"] } }],
  })
  assert.deepEqual(r.ApiDomainName.Properties, { DomainName: "api.example.com", DomainNameConfigurations: [{ CertificateArn: { Ref: "ApiCertificate" }, EndpointType: "REGIONAL" }] })
  assert.deepEqual(r.ApiMapping.Properties, { ApiId: { Ref: "Api" }, DomainName: { Ref: "ApiDomainName" }, Stage: { Ref: "ApiStage" } })
  assert.deepEqual(
    [r.ApiAliasRecord.Properties, r.ApiAliasRecordAAAA.Properties.Type],
    [
      {
        Name: "api.example.com.",
        Type: "A",
        HostedZoneId: { "Fn::GetAtt": ["ApiHostedZone", "HostedZoneId"] },
        AliasTarget: { DNSName: { "Fn::GetAtt": ["ApiDomainName", "RegionalDomainName"] }, HostedZoneId: { "Fn::GetAtt": ["ApiDomainName", "RegionalHostedZoneId"] } },
      },
      "AAAA",
    ],
  )
  assert.deepEqual(validateTemplate(template), [])
})

test("Api customDomain with a zone, a path and a zone id: the URL ends in the path and a slash; no lookup", () => {
  let api!: Api
  const { template } = synth((stack) => {
    api = new Api(stack, "Api", { customDomain: { domainName: "api.example.com", hostedZone: "example.com", path: "v1", cdk: { hostedZone: { hostedZoneId: "Z0123" } } } })
  })
  assert.equal(api.customDomainUrl, "https://api.example.com/v1/")
  assert.equal(template.Resources.ApiMapping.Properties.ApiMappingKey, "v1")
  assert.equal(template.Resources.ApiHostedZone, undefined)
  assert.equal(template.Resources.ApiCertificate.Properties.DomainValidationOptions[0].HostedZoneId, "Z0123")
})

test("Api customDomain outside Route 53 takes the certificate given and makes no records", () => {
  const { template } = synth((stack) => new Api(stack, "Api", { customDomain: { domainName: "api.example.com", isExternalDomain: true, cdk: { certificate: { certificateArn: "arn:aws:acm:us-east-1:1:certificate/x" } } } }))
  const r = template.Resources
  assert.equal(r.ApiDomainName.Properties.DomainNameConfigurations[0].CertificateArn, "arn:aws:acm:us-east-1:1:certificate/x")
  assert.equal(r.ApiCertificate, undefined)
  assert.equal(r.ApiAliasRecord, undefined)
  assert.equal(r.ApiHostedZone, undefined)
})

test("a second Api maps itself under another path of the first Api's domain", () => {
  let second!: Api
  const { template } = synth((stack) => {
    const first = new Api(stack, "First", { customDomain: "api.example.com" })
    second = new Api(stack, "Second", { customDomain: { path: "v2", cdk: { domainName: first.cdk.domainName } } })
  })
  assert.equal(second.customDomainUrl, "https://api.example.com/v2/")
  assert.deepEqual(template.Resources.SecondMapping.Properties, { ApiId: { Ref: "Second" }, DomainName: { Ref: "FirstDomainName" }, Stage: { Ref: "SecondStage" }, ApiMappingKey: "v2" })
  assert.equal(template.Resources.SecondDomainName, undefined)
})

test("Api customDomain problems: capitals, external without certificate, a reference without zone, no name", () => {
  const error = catchValidation(() =>
    synth((stack) => {
      const parameter = new CfnResource(stack, "Name", { type: "AWS::SSM::Parameter", properties: { Type: "String", Value: "x" } })
      new Api(stack, "A", { customDomain: "Api.Example.com" })
      new Api(stack, "B", { customDomain: { domainName: "b.example.com", isExternalDomain: true } })
      new Api(stack, "C", { customDomain: { domainName: parameter.getAtt("Value") } })
      new Api(stack, "D", { customDomain: { path: "v1" } })
    }),
  )
  assert.deepEqual(
    error.problems.map((p) => [p.path, p.code, p.property]),
    [
      ["notes/test/Main/A", "DomainNameNotLowerCase", "customDomain"],
      ["notes/test/Main/B", "ExternalDomainNeedsCertificate", "customDomain.cdk.certificate"],
      ["notes/test/Main/C", "HostedZoneRequired", "customDomain.hostedZone"],
      ["notes/test/Main/D", "MissingDomainName", "customDomain.domainName"],
    ],
  )
  assert.equal(error.problems[0].fix, 'write "api.example.com".')
})

test("WebSocketApi customDomain maps the app's stage and gives a wss:// URL", () => {
  let api!: WebSocketApi
  const { template } = synth((stack) => {
    api = new WebSocketApi(stack, "Ws", { customDomain: "ws.example.com", routes: { $connect: "functions/connect.main" } })
    new CfnResource(stack, "Probe", { type: "AWS::SSM::Parameter", properties: { Type: "String", Value: api.customDomainUrl! } })
  })
  assert.equal(api.customDomainUrl, "wss://ws.example.com")
  assert.deepEqual(template.Resources.WsMapping.Properties.Stage, { Ref: "WsStage" })
  assert.deepEqual(validateTemplate(template), [])
})
