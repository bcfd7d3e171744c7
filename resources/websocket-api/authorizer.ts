/**
 * The Lambda authorizer of a WebSocket API (REQUEST type, on `$connect`) and its invoke permission.
 * @module
 */
import { Aws, CfnResource, type Construct } from "../../compiler/index.ts"
import { lambdaInvocationUri } from "../api/authorizers.ts"
import type { WebSocketApiLambdaAuthorizer } from "./props.ts"

export function createWebSocketAuthorizer(scope: Construct, authorizer: WebSocketApiLambdaAuthorizer, api: { apiId: string; region: string }): CfnResource {
  const resource = new CfnResource(scope, "Authorizer", {
    type: "AWS::ApiGatewayV2::Authorizer",
    properties: {
      ApiId: api.apiId,
      Name: authorizer.name ?? "WebSocketAuthorizer",
      AuthorizerType: "REQUEST",
      AuthorizerUri: lambdaInvocationUri(authorizer.function.functionArn, api.region),
      IdentitySource: authorizer.identitySource ?? ["route.request.header.Authorization"],
    },
  })
  new CfnResource(scope, "Authorizer_Permission", {
    type: "AWS::Lambda::Permission",
    properties: {
      Action: "lambda:InvokeFunction",
      FunctionName: authorizer.function.functionArn,
      Principal: "apigateway.amazonaws.com",
      SourceArn: `arn:${Aws.PARTITION}:execute-api:${api.region}:${Aws.ACCOUNT_ID}:${api.apiId}/authorizers/${resource.ref}`,
    },
  })
  return resource
}
