import assert from "node:assert/strict"
import { test } from "node:test"
import type { ManifestStack } from "../../compiler/manifest.ts"
import { DeployError } from "./errors.ts"
import { packedCount, resolveParameters } from "./parameters.ts"

function consumer(type: "String" | "CommaDelimitedList"): ManifestStack {
  return {
    id: "Api",
    name: "dev-notes-Api",
    templateFile: "dev-notes-Api.template.json",
    templateBytes: 0,
    uploadTemplate: false,
    resourceCount: 1,
    dependencies: ["dev-notes-Database"],
    parameters: { XrefDatabasePack1: { stack: "dev-notes-Database", output: "XrefApiPack1", type } },
    outputs: [],
    tags: {},
    assets: [],
    resourcePaths: {},
  }
}
const picks = (count: number) => ({ Resources: { R: { Properties: { V: Array.from({ length: count }, (_, i) => ({ "Fn::Select": [i, { Ref: "XrefDatabasePack1" }] })) } } } })

function refusal(run: () => unknown): DeployError {
  try {
    run()
  } catch (error) {
    if (error instanceof DeployError) return error
    throw error
  }
  throw new Error("expected a DeployError")
}

test("parameters take their producers' outputs", () => {
  assert.deepEqual(resolveParameters(consumer("CommaDelimitedList"), picks(2), () => ({ XrefApiPack1: "arn:a,arn:b" })), { XrefDatabasePack1: "arn:a,arn:b" })
  assert.equal(packedCount(picks(25), "XrefDatabasePack1"), 25)
  assert.equal(packedCount(picks(3), "Other"), undefined)
})

test("a packed value with the wrong number of items is refused, naming both stacks", () => {
  const error = refusal(() => resolveParameters(consumer("CommaDelimitedList"), picks(3), () => ({ XrefApiPack1: "arn:a,arn:b" })))
  assert.equal(error.code, "PackedValueCountMismatch")
  assert.match(error.problem, /^Parameter XrefDatabasePack1 of stack dev-notes-Api expects 3 values from stack dev-notes-Database, joined with ",", and got 2: "arn:a,arn:b"\./)
})

test("a value over 4,096 bytes is refused before CloudFormation sees it", () => {
  const long = Array.from({ length: 2 }, () => "x".repeat(2100)).join(",")
  const error = refusal(() => resolveParameters(consumer("CommaDelimitedList"), picks(2), () => ({ XrefApiPack1: long })))
  assert.equal(error.code, "ParameterTooLong")
  assert.match(error.problem, /would carry 4201 bytes from output XrefApiPack1 of dev-notes-Database; CloudFormation allows 4096 bytes per parameter value\./)
})

test("a producer that is not deployed, or lacks the output, is named with the fix", () => {
  assert.equal(refusal(() => resolveParameters(consumer("String"), {}, () => undefined)).code, "ProducerNotDeployed")
  const missing = refusal(() => resolveParameters(consumer("String"), {}, () => ({})))
  assert.equal(missing.code, "ProducerOutputMissing")
  assert.equal(missing.message, "Stack dev-notes-Api needs output XrefApiPack1 of stack dev-notes-Database for its parameter XrefDatabasePack1, and dev-notes-Database has no such output.\n  Fix: deploy dev-notes-Database with this build first (sst deploy, which deploys the stacks in order), then dev-notes-Api.")
})
