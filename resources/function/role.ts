/**
 * The execution role of a function and its policy.
 *
 * One role per function (unless the user shares one): the Lambda trust policy, the AWS managed
 * policy for CloudWatch Logs, and AWS's X-Ray write policy when tracing is on (X-Ray actions have
 * no resource-level permissions, so a managed policy keeps `*` out of our own statements).
 *
 * The function's statements are an inline policy of its own role (the role's `Policies`), not a
 * separate `AWS::IAM::Policy`: one resource less per function, which is what lets an Api of 100
 * routes with their own handlers fit CloudFormation's 500 resources per stack. A separate policy
 * is used only for a role the user shares, and where a resource both names the function and is
 * named by its permissions (a Cognito trigger granted on its own pool), which inline would make a
 * cycle. Documents are read at emit, so permissions attached later still land in them.
 * @module
 */
import { Aws, CfnResource, Lazy, type Construct } from "../../compiler/index.ts"
import type { PolicyStatementJson } from "./permissions.ts"

const BASIC_EXECUTION = "service-role/AWSLambdaBasicExecutionRole"
const XRAY_WRITE = "AWSXRayDaemonWriteAccess"

export function createRole(scope: Construct, tracing: boolean, inlineStatements: () => readonly PolicyStatementJson[]): CfnResource {
  const managed = [BASIC_EXECUTION, ...(tracing ? [XRAY_WRITE] : [])]
  return new CfnResource(scope, "ServiceRole", {
    type: "AWS::IAM::Role",
    properties: {
      AssumeRolePolicyDocument: {
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }],
      },
      ManagedPolicyArns: managed.map((name) => `arn:${Aws.PARTITION}:iam::aws:policy/${name}`),
      Policies: new Lazy(() => {
        const statements = inlineStatements()
        return statements.length === 0 ? undefined : [{ PolicyName: "Permissions", PolicyDocument: { Version: "2012-10-17", Statement: [...statements] } }]
      }, scope.app),
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
