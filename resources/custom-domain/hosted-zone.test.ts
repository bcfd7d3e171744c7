import assert from "node:assert/strict"
import { test } from "node:test"
import { synth } from "../../test/helpers/synth.ts"
import { validateTemplate } from "../../test/helpers/validate-template.ts"
import { defaultZoneName, hostedZoneFor } from "./hosted-zone.ts"
import { findZoneId } from "./lambda/find-zone.ts"

test("hostedZoneFor looks a zone up by name at deploy time, through one lookup function per stack", () => {
  const { template } = synth((stack) => {
    const zone = hostedZoneFor(stack, "Zone", "example.com")
    hostedZoneFor(stack, "Other", "example.org")
    stack.addOutputs({ Id: zone.hostedZoneId })
  })
  assert.deepEqual(template.Resources.Zone.Properties, { ServiceToken: { "Fn::GetAtt": ["SSTHostedZoneLookup", "Arn"] }, ZoneName: "example.com" })
  assert.deepEqual(template.Outputs!.Id.Value, { "Fn::GetAtt": ["Zone", "HostedZoneId"] })
  assert.equal(Object.values(template.Resources).filter((r: any) => r.Type === "AWS::Lambda::Function").length, 1)
  assert.deepEqual(template.Resources.SSTHostedZoneLookupRole.Properties.Policies[0].PolicyDocument.Statement, [{ Effect: "Allow", Action: "route53:ListHostedZonesByName", Resource: "*" }])
  assert.equal(template.Resources.SSTHostedZoneLookup.Properties.Handler, "hosted-zone-lookup.handler")
  assert.equal(template.Resources.SSTHostedZoneLookup.Properties.Code.S3Key, "assets/unpackaged/Main/SSTHostedZoneLookup.zip")
  assert.deepEqual(validateTemplate(template), [])
})

test("hostedZoneFor uses a zone given by id as it is", () => {
  const { template } = synth((stack) => {
    const zone = hostedZoneFor(stack, "Zone", "example.com", { hostedZoneId: "Z123" })
    stack.addOutputs({ Id: zone.hostedZoneId })
  })
  assert.equal(template.Outputs!.Id.Value, "Z123")
  assert.equal(template.Resources.SSTHostedZoneLookup, undefined)
})

test("the lookup picks the public zone of that name, and finds nothing for another name", () => {
  const zones = [
    { Id: "/hostedzone/ZOTHER", Name: "example.co." },
    { Id: "/hostedzone/ZPRIVATE", Name: "example.com.", Config: { PrivateZone: true } },
    { Id: "/hostedzone/ZPUBLIC", Name: "example.com.", Config: { PrivateZone: false } },
  ]
  assert.equal(findZoneId(zones, "example.com"), "ZPUBLIC")
  assert.equal(findZoneId(zones, "example.com."), "ZPUBLIC")
  assert.equal(findZoneId(zones.slice(0, 2), "example.com"), "ZPRIVATE")
  assert.equal(findZoneId(zones, "example.org"), undefined)
})

test("defaultZoneName drops the first label", () => {
  assert.equal(defaultZoneName("api.example.com"), "example.com")
  assert.equal(defaultZoneName("a.b.example.co.uk"), "b.example.co.uk")
})
