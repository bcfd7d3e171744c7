import assert from "node:assert/strict"
import { test } from "node:test"
import { Aws, CfnResource, CoreStack, Fn, hasToken } from "./index.ts"
import { splitTokens } from "./tokens.ts"
import { coreApp, emitTemplates } from "../test/helpers/core.ts"

test("each App numbers its own markers: two apps in one process never share entries", () => {
  const first = coreApp()
  const second = coreApp()
  const a = new CfnResource(new CoreStack(first, "Main"), "Jobs", { type: "AWS::SQS::Queue" })
  const b = new CfnResource(new CoreStack(second, "Main"), "Jobs", { type: "AWS::SQS::Queue" })
  assert.notEqual(a.ref, b.ref)
  assert.match(a.ref, /^\$\{Token\[\d+\.\d+\]\}$/)
})

test("hasToken can be asked twice in a row, and splitting afterwards still finds the marker", () => {
  const text = `arn:${Aws.PARTITION}:s3:::x`
  assert.equal(hasToken(text), true)
  assert.equal(hasToken(text), true)
  assert.deepEqual(splitTokens(text), [{ literal: "arn:" }, { key: "pseudo:AWS::Partition" }, { literal: ":s3:::x" }])
  assert.equal(hasToken("plain"), false)
})

test("a value of literals and pseudo parameters carries its own JSON in its marker", () => {
  const marker = Fn.join("-", [Aws.REGION, "x"])
  assert.match(marker, /^\$\{Token\[json:[A-Za-z0-9_-]+\]\}$/)
  const app = coreApp()
  new CfnResource(new CoreStack(app, "Main"), "Out", { type: "AWS::SSM::Parameter", properties: { Value: marker } })
  assert.deepEqual(emitTemplates(app).templates.Main.Resources.Out.Properties.Value, { "Fn::Join": ["-", [{ Ref: "AWS::Region" }, "x"]] })
})

test("markers never reach a template", () => {
  const app = coreApp()
  const stack = new CoreStack(app, "Main")
  const jobs = new CfnResource(stack, "Jobs", { type: "AWS::SQS::Queue" })
  new CfnResource(stack, "Out", {
    type: "AWS::SSM::Parameter",
    properties: { Value: `${jobs.ref}:${Aws.REGION}:${Fn.sub("${AWS::Partition}")}:${Fn.select(0, Fn.split(",", jobs.getAtt("Arn")))}` },
  })
  assert.doesNotMatch(emitTemplates(app).result.stacks[0].body, /Token\[/)
})
