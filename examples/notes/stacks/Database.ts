import { CfnResource, StackContext } from "@serverless-stack/resources"

export function Database({ stack }: StackContext) {
  const table = new CfnResource(stack, "Notes", {
    type: "AWS::DynamoDB::Table",
    properties: {
      BillingMode: "PAY_PER_REQUEST",
      AttributeDefinitions: [
        { AttributeName: "userId", AttributeType: "S" },
        { AttributeName: "noteId", AttributeType: "S" },
      ],
      KeySchema: [
        { AttributeName: "userId", KeyType: "HASH" },
        { AttributeName: "noteId", KeyType: "RANGE" },
      ],
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: { SSEEnabled: true },
    },
    removalPolicy: "retain",
  })

  const deadLetters = new CfnResource(stack, "DeadLetters", {
    type: "AWS::SQS::Queue",
    properties: { MessageRetentionPeriod: 1209600, SqsManagedSseEnabled: true },
  })

  stack.addOutputs({ TableName: table.ref })
  return { table, deadLetters }
}
