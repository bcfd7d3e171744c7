import { CfnResource, StackContext, use } from "@serverless-stack/resources"
import { Database } from "./Database"

export function Api({ stack, app }: StackContext) {
  const { table, deadLetters } = use(Database)

  const role = new CfnResource(stack, "HandlerRole", {
    type: "AWS::IAM::Role",
    properties: {
      AssumeRolePolicyDocument: {
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }],
      },
      ManagedPolicyArns: [`arn:${stack.partition}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole`],
      Policies: [
        {
          PolicyName: "notes-table",
          PolicyDocument: {
            Version: "2012-10-17",
            Statement: [
              {
                Effect: "Allow",
                Action: ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query", "dynamodb:DeleteItem"],
                Resource: [table.getAtt("Arn"), `${table.getAtt("Arn")}/index/*`],
              },
              { Effect: "Allow", Action: ["sqs:SendMessage"], Resource: deadLetters.getAtt("Arn") },
            ],
          },
        },
      ],
    },
  })

  const handler = new CfnResource(stack, "ListNotes", {
    type: "AWS::Lambda::Function",
    properties: {
      FunctionName: app.logicalPrefixedName("list-notes"),
      Runtime: "nodejs22.x",
      Handler: "index.handler",
      Role: role.getAtt("Arn"),
      MemorySize: 1024,
      Timeout: 10,
      Code: {
        ZipFile: "exports.handler = async () => ({ statusCode: 200, body: JSON.stringify([]) })",
      },
      Environment: { Variables: { TABLE_NAME: table.ref, SST_APP: app.name, SST_STAGE: app.stage } },
      DeadLetterConfig: { TargetArn: deadLetters.getAtt("Arn") },
    },
  })

  const url = new CfnResource(stack, "ListNotesUrl", {
    type: "AWS::Lambda::Url",
    properties: { TargetFunctionArn: handler.getAtt("Arn"), AuthType: "NONE" },
  })
  new CfnResource(stack, "ListNotesUrlPermission", {
    type: "AWS::Lambda::Permission",
    properties: {
      Action: "lambda:InvokeFunctionUrl",
      FunctionName: handler.ref,
      Principal: "*",
      FunctionUrlAuthType: "NONE",
    },
  })

  stack.addOutputs({
    ApiEndpoint: url.getAtt("FunctionUrl"),
    NotesUrl: { value: `${url.getAtt("FunctionUrl")}notes`, description: "List the notes" },
  })
}
