/**
 * What a resource is, as far as IAM cares (its service and ARNs), and the `grant…` methods of the
 * CDK that SST v1 apps name in `permissions: [[table, "grantReadData"]]`, as action lists.
 *
 * A resource is recognised by an ARN attribute (`tableArn`, `queueArn`, ... as our constructs and
 * CDK's expose them) or, for raw resources, by its CloudFormation type. Action lists follow the
 * CDK's grants so that an app keeps the same access.
 * @module
 */
import { CfnResource } from "../../compiler/index.ts"

export interface GrantTarget {
  /** IAM service prefix, e.g. "dynamodb". */
  service: string
  /** What `<service>:*` applies to (a table and its indexes, a bucket and its objects). */
  arns: string[]
}

/** ARN attributes by service; `children` adds `<arn>/*` (items of a table, objects of a bucket). */
const ARN_ATTRIBUTES: { attribute: string; service: string; children?: boolean }[] = [
  { attribute: "tableArn", service: "dynamodb", children: true },
  { attribute: "queueArn", service: "sqs" },
  { attribute: "topicArn", service: "sns" },
  { attribute: "bucketArn", service: "s3", children: true },
  { attribute: "eventBusArn", service: "events" },
  { attribute: "streamArn", service: "kinesis" },
  { attribute: "deliveryStreamArn", service: "firehose" },
  { attribute: "functionArn", service: "lambda" },
  { attribute: "stateMachineArn", service: "states" },
  { attribute: "clusterArn", service: "rds-data" },
]

/** Raw resources: the service and how to get the ARN. */
const RESOURCE_TYPES: Record<string, { service: string; arn: (r: CfnResource) => string; children?: boolean }> = {
  "AWS::DynamoDB::Table": { service: "dynamodb", arn: (r) => r.getAtt("Arn"), children: true },
  "AWS::SQS::Queue": { service: "sqs", arn: (r) => r.getAtt("Arn") },
  "AWS::SNS::Topic": { service: "sns", arn: (r) => r.ref },
  "AWS::S3::Bucket": { service: "s3", arn: (r) => r.getAtt("Arn"), children: true },
  "AWS::Events::EventBus": { service: "events", arn: (r) => r.getAtt("Arn") },
  "AWS::Kinesis::Stream": { service: "kinesis", arn: (r) => r.getAtt("Arn") },
  "AWS::KinesisFirehose::DeliveryStream": { service: "firehose", arn: (r) => r.getAtt("Arn") },
  "AWS::Lambda::Function": { service: "lambda", arn: (r) => r.getAtt("Arn") },
  "AWS::StepFunctions::StateMachine": { service: "states", arn: (r) => r.ref },
  "AWS::RDS::DBCluster": { service: "rds-data", arn: (r) => r.getAtt("DBClusterArn") },
}

/** The resource behind `value`, or undefined when it is none we know. */
export function grantTargetOf(value: unknown): GrantTarget | undefined {
  if (value instanceof CfnResource) {
    const known = RESOURCE_TYPES[value.type]
    if (!known) return undefined
    const arn = known.arn(value)
    return { service: known.service, arns: known.children ? [arn, `${arn}/*`] : [arn] }
  }
  if (value === null || typeof value !== "object") return undefined
  for (const { attribute, service, children } of ARN_ATTRIBUTES) {
    const arn = (value as Record<string, unknown>)[attribute]
    if (typeof arn === "string") return { service, arns: children ? [arn, `${arn}/*`] : [arn] }
  }
  return undefined
}

/** Resource types and attributes that `grantTargetOf` recognises, for error messages. */
export function describeGrantTargets(): string {
  return `objects with ${ARN_ATTRIBUTES.map((a) => a.attribute).join("/")}, or resources of type ${Object.keys(RESOURCE_TYPES).join(", ")}`
}

interface Grant {
  actions: string[]
  /** Which ARNs: the resource itself, its children ("/*"), or its indexes ("/index/*"). */
  on: ("self" | "children" | "indexes" | "versions")[]
}

const DYNAMO_READ = ["dynamodb:BatchGetItem", "dynamodb:GetRecords", "dynamodb:GetShardIterator", "dynamodb:Query", "dynamodb:GetItem", "dynamodb:Scan", "dynamodb:ConditionCheckItem", "dynamodb:DescribeTable"]
const DYNAMO_WRITE = ["dynamodb:BatchWriteItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:DescribeTable"]
const S3_READ = ["s3:GetObject*", "s3:GetBucket*", "s3:List*"]
const S3_PUT = ["s3:PutObject", "s3:PutObjectLegalHold", "s3:PutObjectRetention", "s3:PutObjectTagging", "s3:PutObjectVersionTagging", "s3:Abort*"]
const S3_WRITE = ["s3:DeleteObject*", ...S3_PUT]
const KINESIS_READ = ["kinesis:DescribeStreamSummary", "kinesis:GetRecords", "kinesis:GetShardIterator", "kinesis:ListShards", "kinesis:SubscribeToShard", "kinesis:DescribeStream", "kinesis:ListStreams"]
const KINESIS_WRITE = ["kinesis:ListShards", "kinesis:PutRecord", "kinesis:PutRecords"]

const GRANTS: Record<string, Record<string, Grant>> = {
  dynamodb: {
    grantReadData: { actions: DYNAMO_READ, on: ["self", "indexes"] },
    grantWriteData: { actions: DYNAMO_WRITE, on: ["self", "indexes"] },
    grantReadWriteData: { actions: unique([...DYNAMO_READ, ...DYNAMO_WRITE]), on: ["self", "indexes"] },
    grantFullAccess: { actions: ["dynamodb:*"], on: ["self", "indexes"] },
    grantStreamRead: { actions: ["dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator", "dynamodb:ListStreams"], on: ["self", "children"] },
  },
  sqs: {
    grantSendMessages: { actions: ["sqs:SendMessage", "sqs:GetQueueAttributes", "sqs:GetQueueUrl"], on: ["self"] },
    grantConsumeMessages: { actions: ["sqs:ReceiveMessage", "sqs:ChangeMessageVisibility", "sqs:GetQueueUrl", "sqs:DeleteMessage", "sqs:GetQueueAttributes"], on: ["self"] },
    grantPurge: { actions: ["sqs:PurgeQueue", "sqs:GetQueueAttributes", "sqs:GetQueueUrl"], on: ["self"] },
  },
  sns: { grantPublish: { actions: ["sns:Publish"], on: ["self"] } },
  s3: {
    grantRead: { actions: S3_READ, on: ["self", "children"] },
    grantWrite: { actions: S3_WRITE, on: ["self", "children"] },
    grantReadWrite: { actions: [...S3_READ, ...S3_WRITE], on: ["self", "children"] },
    grantPut: { actions: S3_PUT, on: ["children"] },
    grantDelete: { actions: ["s3:DeleteObject*"], on: ["children"] },
  },
  lambda: { grantInvoke: { actions: ["lambda:InvokeFunction"], on: ["self", "versions"] } },
  events: { grantPutEventsTo: { actions: ["events:PutEvents"], on: ["self"] } },
  kinesis: {
    grantRead: { actions: KINESIS_READ, on: ["self"] },
    grantWrite: { actions: KINESIS_WRITE, on: ["self"] },
    grantReadWrite: { actions: unique([...KINESIS_READ, ...KINESIS_WRITE]), on: ["self"] },
  },
  firehose: { grantPutRecords: { actions: ["firehose:PutRecord", "firehose:PutRecordBatch"], on: ["self"] } },
  states: {
    grantStartExecution: { actions: ["states:StartExecution"], on: ["self"] },
    grantRead: { actions: ["states:ListExecutions", "states:ListStateMachines", "states:DescribeExecution", "states:DescribeStateMachineForExecution", "states:GetExecutionHistory", "states:DescribeStateMachine"], on: ["self"] },
  },
}

/** The actions and ARNs of `grant` on `target`, or undefined when the service has no such grant. */
export function grantStatement(target: GrantTarget, grant: string): { actions: string[]; resources: string[] } | undefined {
  const found = GRANTS[target.service]?.[grant]
  if (!found) return undefined
  const self = target.arns[0]
  const resources = found.on.map((on) => (on === "self" ? self : on === "children" ? `${self}/*` : on === "indexes" ? `${self}/index/*` : `${self}:*`))
  return { actions: found.actions, resources }
}

/** The grant names known for a service, for error messages. */
export function knownGrants(service: string): string[] {
  return Object.keys(GRANTS[service] ?? {})
}

function unique(values: string[]): string[] {
  return [...new Set(values)]
}
