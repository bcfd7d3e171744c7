import assert from "node:assert/strict"
import { test } from "node:test"
import { findDifference, normaliseJson } from "./compare.ts"

const template = { Parameters: { XrefA: { Type: "String" }, Size: { Type: "Number", Default: 3 } }, Resources: { Q: { Type: "AWS::SQS::Queue", Properties: { A: 1, B: 2 } } } }
const body = JSON.stringify(template, null, 2)
const tags = { "sst:app": "notes", "sst:stage": "dev" }

test("key order and formatting do not make a template different", () => {
  const reordered = JSON.stringify({ Resources: { Q: { Properties: { B: 2, A: 1 }, Type: "AWS::SQS::Queue" } }, Parameters: template.Parameters })
  assert.equal(findDifference({ templateBody: body, parameters: { XrefA: "x" }, tags }, { templateBody: reordered, parameters: { XrefA: "x", Size: "3" }, tags }), undefined)
  assert.equal(normaliseJson({ b: [{ d: 1, c: 2 }], a: null }), '{"a":null,"b":[{"c":2,"d":1}]}')
})

test("a changed template, parameter value, defaulted parameter or tag is a difference", () => {
  const desired = { templateBody: body, parameters: { XrefA: "x" }, tags }
  assert.equal(findDifference(desired, { templateBody: body.replace('"B": 2', '"B": 3'), parameters: { XrefA: "x", Size: "3" }, tags }), "template")
  assert.equal(findDifference(desired, { templateBody: body, parameters: { XrefA: "y", Size: "3" }, tags }), "parameter XrefA")
  assert.equal(findDifference(desired, { templateBody: body, parameters: { XrefA: "x", Size: "4" }, tags }), "parameter Size")
  assert.equal(findDifference(desired, { templateBody: body, parameters: { XrefA: "x", Size: "3" }, tags: { ...tags, team: "web" } }), "tags")
  assert.equal(findDifference(desired, { templateBody: undefined, parameters: {}, tags }), "no deployed template")
})
