/**
 * The execution role of a function and its policy.
 *
 * One role per function (unless the user shares one): the Lambda trust policy, the AWS managed
 * policy for CloudWatch Logs, and AWS's X-Ray write policy when tracing is on (X-Ray actions have
 * no resource-level permissions, so a managed policy keeps `*` out of our own statements). The
 * inline policy (`AWS::IAM::Policy`) exists only once there is a statement; its document is read at
 * emit, so permissions attached after the function was made still land in it.
 * @module
 */
import { Aws, CfnResource, Lazy, type Construct } from "../../compiler/index.ts"
import type { PolicyStatementJson } from "./permissions.ts"

const BASIC_EXECUTION = "service-role/AWSLambdaBasicExecutionRole"
const XRAY_WRITE = "AWSXRayDaemonWriteAccess"

export function createRole(scope: Construct, tracing: boolean): CfnResource {
  const managed = [BASIC_EXECUTION, ...(tracing ? [XRAY_WRITE] : [])]
  return new CfnResource(scope, "ServiceRole", {
    type: "AWS::IAM::Role",
    properties: {
      AssumeRolePolicyDocument: {
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }],
      },
      ManagedPolicyArns: managed.map((name) => `arn:${Aws.PARTITION}:iam::aws:policy/${name}`),
    },
  })
}

/** The inline policy of `role`, holding `statements` as they are at emit. */
export function createPolicy(scope: Construct, role: CfnResource, statements: readonly PolicyStatementJson[]): CfnResource {
  return new CfnResource(scope, "ServiceRoleDefaultPolicy", {
    type: "AWS::IAM::Policy",
    properties: {
      // Unique per function: functions that share a role each keep their own inline policy.
      PolicyName: `${scope.path.replace(/[^A-Za-z0-9]/g, "").slice(0, 110)}Policy`,
      PolicyDocument: { Version: "2012-10-17", Statement: new Lazy(() => [...statements], scope.app) },
      Roles: [role.ref],
    },
  })
}
