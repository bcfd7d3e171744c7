/**
 * Access logs of a REST API stage: SST v1's JSON format, and the account setting REST APIs need
 * before a stage may log at all.
 *
 * API Gateway refuses a REST stage with logging unless the account (per region) names an IAM role
 * it may write to CloudWatch Logs with (`AWS::ApiGateway::Account`). CDK created that role under
 * SST v1; so do we. The role is retained when the stack goes away: the setting is account-wide,
 * and other REST APIs of the account keep logging through it.
 * @module
 */
import { Aws, CfnResource, type Construct, type Value } from "../../compiler/index.ts"
import { LOG_RETENTION_DAYS } from "../function/log-retention.ts"
import type { AccessLogProps } from "../api/access-log.ts"

// `status` and `responseLatency` are numbers: not quoted, so log queries can compare them.
export const REST_ACCESS_LOG_FORMAT = `{${[
  `"requestTime":"$context.requestTime"`,
  `"requestId":"$context.requestId"`,
  `"httpMethod":"$context.httpMethod"`,
  `"path":"$context.path"`,
  `"resourcePath":"$context.resourcePath"`,
  `"status":$context.status`,
  `"responseLatency":$context.responseLatency`,
  `"xrayTraceId":"$context.xrayTraceId"`,
  `"integrationRequestId":"$context.integration.requestId"`,
  `"functionResponseStatus":"$context.integration.status"`,
  `"integrationLatency":"$context.integration.latency"`,
  `"integrationServiceStatus":"$context.integration.integrationStatus"`,
  `"ip":"$context.identity.sourceIp"`,
  `"userAgent":"$context.identity.userAgent"`,
  `"principalId":"$context.authorizer.principalId"`,
].join(",")}}`

export interface RestAccessLog {
  /** The stage's `AccessLogSetting`. */
  setting: Record<string, Value>
  logGroup?: CfnResource
  /** The account setting the stage must wait for. */
  account: CfnResource
}

export function createRestAccessLog(scope: Construct, accessLog: boolean | string | AccessLogProps | undefined): RestAccessLog | undefined {
  if (accessLog === false) return undefined
  const props: AccessLogProps = typeof accessLog === "object" ? accessLog : {}
  let logGroup: CfnResource | undefined
  if (!props.destinationArn) {
    logGroup = new CfnResource(scope, "LogGroup", {
      type: "AWS::Logs::LogGroup",
      properties: { RetentionInDays: props.retention ? LOG_RETENTION_DAYS[props.retention] : undefined },
      removalPolicy: "retain",
    })
  }
  const role = new CfnResource(scope, "CloudWatchRole", {
    type: "AWS::IAM::Role",
    properties: {
      AssumeRolePolicyDocument: {
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: "apigateway.amazonaws.com" }, Action: "sts:AssumeRole" }],
      },
      ManagedPolicyArns: [`arn:${Aws.PARTITION}:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs`],
    },
    deletionPolicy: "Retain",
    updateReplacePolicy: "Retain",
  })
  const account = new CfnResource(scope, "Account", { type: "AWS::ApiGateway::Account", properties: { CloudWatchRoleArn: role.getAtt("Arn") } })
  const format = typeof accessLog === "string" ? accessLog : (props.format ?? REST_ACCESS_LOG_FORMAT)
  return { setting: { DestinationArn: props.destinationArn ?? logGroup!.getAtt("Arn"), Format: format }, logGroup, account }
}
