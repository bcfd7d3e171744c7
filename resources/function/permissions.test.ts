import assert from "node:assert/strict"
import { test } from "node:test"
import { CfnResource } from "../../compiler/index.ts"
import { Table } from "../../test/fixtures/functions/bindable-doubles.ts"
import { testApp } from "../../test/helpers/synth.ts"
import { Stack } from "../Stack.ts"
import { permissionsToStatements, PolicyStatement, type PermissionProblem, type Permissions } from "./permissions.ts"

function statements(permissions: Permissions) {
  const problems: PermissionProblem[] = []
  const result = permissionsToStatements(permissions, (p) => problems.push(p))
  return { result, problems }
}

test('"*" grants everything, only because the user wrote it', () => {
  assert.deepEqual(statements("*").result, [{ Effect: "Allow", Action: "*", Resource: "*" }])
  assert.deepEqual(statements(["*"]).result, [{ Effect: "Allow", Action: "*", Resource: "*" }])
})

test("a service grants <service>:* and an action grants itself, both on *", () => {
  assert.deepEqual(statements(["s3", "dynamodb:GetItem"]).result, [
    { Effect: "Allow", Action: "s3:*", Resource: "*" },
    { Effect: "Allow", Action: "dynamodb:GetItem", Resource: "*" },
  ])
})

test("a construct grants its binding's permissions, scoped to its ARNs", () => {
  const stack = new Stack(testApp(), "Main")
  const table = new Table(stack, "notes")
  assert.deepEqual(statements([table]).result, [{ Effect: "Allow", Action: "dynamodb:*", Resource: [table.tableArn, `${table.tableArn}/*`] }])
})

test("a raw resource grants <service>:* on its ARN; [target, grant] maps CDK grants to their actions", () => {
  const stack = new Stack(testApp(), "Main")
  const queue = new CfnResource(stack, "Jobs", { type: "AWS::SQS::Queue" })
  const bucket = { bucketArn: "arn:aws:s3:::uploads" }
  const { result, problems } = statements([queue, [bucket, "grantRead"], [{ tableArn: "arn:t" }, "grantReadData"]])
  assert.deepEqual(problems, [])
  assert.match(String(result[0].Resource), /^\$\{Token\[[0-9.]+\]\}$/)
  assert.deepEqual(result, [
    { Effect: "Allow", Action: "sqs:*", Resource: result[0].Resource },
    { Effect: "Allow", Action: ["s3:GetObject*", "s3:GetBucket*", "s3:List*"], Resource: ["arn:aws:s3:::uploads", "arn:aws:s3:::uploads/*"] },
    {
      Effect: "Allow",
      Action: ["dynamodb:BatchGetItem", "dynamodb:GetRecords", "dynamodb:GetShardIterator", "dynamodb:Query", "dynamodb:GetItem", "dynamodb:Scan", "dynamodb:ConditionCheckItem", "dynamodb:DescribeTable"],
      Resource: ["arn:t", "arn:t/index/*"],
    },
  ])
})

test("policy statements pass through in the CDK's and CloudFormation's spelling", () => {
  const { result } = statements([
    new PolicyStatement({ actions: ["ses:SendEmail"], resources: ["arn:aws:ses:us-east-1:1:identity/x"] }),
    { actions: ["sns:Publish"], resources: ["arn:aws:sns:us-east-1:1:t"], effect: "Deny" },
    { Effect: "Allow", Action: ["kms:Decrypt"], Resource: "arn:k", Condition: { StringEquals: { "kms:ViaService": "s3" } } },
  ])
  assert.deepEqual(result, [
    { Effect: "Allow", Action: "ses:SendEmail", Resource: "arn:aws:ses:us-east-1:1:identity/x" },
    { Effect: "Deny", Action: "sns:Publish", Resource: "arn:aws:sns:us-east-1:1:t" },
    { Effect: "Allow", Action: ["kms:Decrypt"], Resource: "arn:k", Condition: { StringEquals: { "kms:ViaService": "s3" } } },
  ])
})

test("an unknown grant names the grants the resource has; a bad string says how to write an action", () => {
  const { problems } = statements([[{ queueArn: "arn:q" }, "grantRead"], "S3 GetObject"])
  assert.equal(problems[0].code, "InvalidGrant")
  assert.equal(problems[0].property, "permissions[0]")
  assert.equal(problems[0].allowed, 'one of "grantSendMessages", "grantConsumeMessages", "grantPurge".')
  assert.equal(problems[1].code, "InvalidPermission")
  assert.equal(problems[1].problem, 'is "S3 GetObject", which is neither a service nor an action.')
})
