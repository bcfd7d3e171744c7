/**
 * Access logs of an API Gateway v2 stage (HTTP and WebSocket APIs), as SST v1 wrote them: one JSON
 * object per request, to a log group under `/aws/vendedlogs/apis/` (the prefix CloudWatch Logs
 * expects for vended logs, which keeps its resource policy small).
 * @module
 */
import { z } from "zod"
import { assertSameShape, CfnResource, type Construct, type Value } from "../../compiler/index.ts"
import { LOG_RETENTION_DAYS, type LogRetention } from "../function/log-retention.ts"

export interface AccessLogProps {
  /** The log format (`$context` variables). @default SST v1's JSON format */
  format?: string
  /** Send the logs to this destination (a log group or Firehose ARN) instead of a new log group. */
  destinationArn?: string
  /** How long the new log group keeps logs. @default "infinite" */
  retention?: LogRetention
}

export const AccessLogSchema = z.strictObject({
  format: z.string().min(1).optional(),
  destinationArn: z.string().min(1).optional(),
  retention: z.enum(Object.keys(LOG_RETENTION_DAYS) as [LogRetention, ...LogRetention[]]).optional(),
})
assertSameShape<AccessLogProps, z.input<typeof AccessLogSchema>>()

// `status` and `responseLatency` are numbers: not quoted, so log queries can compare them.
const HTTP_FIELDS = [
  `"requestTime":"$context.requestTime"`,
  `"requestId":"$context.requestId"`,
  `"httpMethod":"$context.httpMethod"`,
  `"path":"$context.path"`,
  `"routeKey":"$context.routeKey"`,
  `"status":$context.status`,
  `"responseLatency":$context.responseLatency`,
  `"integrationRequestId":"$context.integration.requestId"`,
  `"integrationStatus":"$context.integration.status"`,
  `"integrationLatency":"$context.integration.latency"`,
  `"integrationServiceStatus":"$context.integration.integrationStatus"`,
  `"ip":"$context.identity.sourceIp"`,
  `"userAgent":"$context.identity.userAgent"`,
  `"cognitoIdentityId":"$context.identity.cognitoIdentityId"`,
]

const WEBSOCKET_FIELDS = [
  `"requestTime":"$context.requestTime"`,
  `"requestId":"$context.requestId"`,
  `"eventType":"$context.eventType"`,
  `"routeKey":"$context.routeKey"`,
  `"status":$context.status`,
  `"integrationRequestId":"$context.awsEndpointRequestId"`,
  `"integrationStatus":"$context.integrationStatus"`,
  `"integrationLatency":"$context.integrationLatency"`,
  `"integrationServiceStatus":"$context.integration.integrationStatus"`,
  `"ip":"$context.identity.sourceIp"`,
  `"userAgent":"$context.identity.userAgent"`,
  `"cognitoIdentityId":"$context.identity.cognitoIdentityId"`,
  `"connectedAt":"$context.connectedAt"`,
  `"connectionId":"$context.connectionId"`,
]

export const HTTP_ACCESS_LOG_FORMAT = `{${HTTP_FIELDS.join(",")}}`
export const WEBSOCKET_ACCESS_LOG_FORMAT = `{${WEBSOCKET_FIELDS.join(",")}}`

export interface AccessLogTarget {
  /** "<stage>-<app>-<id>", the API's name. */
  apiName: string
  apiId: string
  stageName: string
  protocol: "http" | "websocket"
}

export interface AccessLog {
  /** The stage's `AccessLogSettings`. */
  settings: Record<string, Value>
  /** The log group created for it, unless a destination was given. */
  logGroup?: CfnResource
}

/** Creates the log group (as `LogGroup` in `scope`) and returns the stage's settings; undefined when off. */
export function createAccessLog(scope: Construct, accessLog: boolean | string | AccessLogProps | undefined, target: AccessLogTarget): AccessLog | undefined {
  if (accessLog === false) return undefined
  const props: AccessLogProps = typeof accessLog === "object" ? accessLog : {}
  let logGroup: CfnResource | undefined
  let destinationArn = props.destinationArn
  if (!destinationArn) {
    logGroup = new CfnResource(scope, "LogGroup", {
      type: "AWS::Logs::LogGroup",
      properties: {
        LogGroupName: `/aws/vendedlogs/apis/${cleanLogGroupName(target.apiName)}-${target.apiId}/${cleanLogGroupName(target.stageName)}`,
        RetentionInDays: props.retention ? LOG_RETENTION_DAYS[props.retention] : undefined,
      },
      removalPolicy: "retain",
    })
    destinationArn = logGroup.getAtt("Arn")
  }
  const format = typeof accessLog === "string" ? accessLog : (props.format ?? (target.protocol === "http" ? HTTP_ACCESS_LOG_FORMAT : WEBSOCKET_ACCESS_LOG_FORMAT))
  return { settings: { DestinationArn: destinationArn, Format: format }, logGroup }
}

/** Log group names allow letters, digits and `.-_/#` only ("$default" becomes "default"). */
export function cleanLogGroupName(name: string): string {
  return name.replace(/[^.\-_/#A-Za-z0-9]/g, "")
}
