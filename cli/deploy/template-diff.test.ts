import assert from "node:assert/strict"
import { test } from "node:test"
import { diffTemplates } from "./template-diff.ts"

test("the diff lists added, modified (per property) and removed resources, and changed outputs", () => {
  const before = {
    Resources: {
      Fn: { Type: "AWS::Lambda::Function", Properties: { MemorySize: 1024, Timeout: 10 } },
      Table: { Type: "AWS::DynamoDB::Table", Properties: {} },
      Kept: { Type: "AWS::S3::Bucket", DeletionPolicy: "Retain" },
    },
    Outputs: { Url: { Value: "a" }, Old: { Value: "b" } },
  }
  const after = {
    Resources: { Fn: { Type: "AWS::Lambda::Function", Properties: { MemorySize: 2048, Timeout: 10 }, DependsOn: ["Role"] }, Queue: { Type: "AWS::SQS::Queue" } },
    Outputs: { Url: { Value: "c" } },
  }
  const diff = diffTemplates(before, after, { Fn: "Api/Fn" })
  assert.deepEqual(diff.resources, [
    { logicalId: "Fn", resourceType: "AWS::Lambda::Function", action: "Modify", destroysData: false, path: "Api/Fn", properties: [{ name: "Properties.MemorySize", before: 1024, after: 2048 }, { name: "DependsOn", after: ["Role"] }] },
    { logicalId: "Queue", resourceType: "AWS::SQS::Queue", action: "Add", destroysData: false, properties: [] },
    { logicalId: "Table", resourceType: "AWS::DynamoDB::Table", action: "Remove", destroysData: true, properties: [] },
    { logicalId: "Kept", resourceType: "AWS::S3::Bucket", action: "Remove", destroysData: false, properties: [] },
  ])
  assert.deepEqual(diff.outputs, [{ name: "Old", action: "Remove" }, { name: "Url", action: "Modify" }])
})
