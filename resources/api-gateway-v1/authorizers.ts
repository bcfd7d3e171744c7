/**
 * Authorizers of a REST API: Cognito user pools, and Lambda TOKEN and REQUEST authorizers (each
 * with the permission that lets API Gateway invoke its function).
 * @module
 */
import { Aws, CfnResource, type Construct } from "../../compiler/index.ts"
import { toSeconds } from "../function/duration.ts"
import { lambdaInvocationUri } from "../api/authorizers.ts"
import type { ApiGatewayV1ApiAuthorizer } from "./props.ts"

const DEFAULT_IDENTITY_SOURCE = "method.request.header.Authorization"

export function createRestAuthorizer(scope: Construct, key: string, authorizer: ApiGatewayV1ApiAuthorizer, api: { restApiId: string; region: string }): CfnResource {
  const id = `Authorizer_${key.replace(/[^A-Za-z0-9_-]/g, "")}`
  const common = {
    RestApiId: api.restApiId,
    Name: authorizer.name ?? key,
    // SST v1 cached nothing unless told to.
    AuthorizerResultTtlInSeconds: authorizer.resultsCacheTtl === undefined ? 0 : toSeconds(authorizer.resultsCacheTtl),
  }
  if (authorizer.type === "user_pools") {
    return new CfnResource(scope, id, {
      type: "AWS::ApiGateway::Authorizer",
      properties: {
        ...common,
        Type: "COGNITO_USER_POOLS",
        ProviderARNs: authorizer.userPoolIds.map((poolId) => `arn:${Aws.PARTITION}:cognito-idp:${api.region}:${Aws.ACCOUNT_ID}:userpool/${poolId}`),
        IdentitySource: authorizer.identitySource ?? DEFAULT_IDENTITY_SOURCE,
      },
    })
  }
  const resource = new CfnResource(scope, id, {
    type: "AWS::ApiGateway::Authorizer",
    properties: {
      ...common,
      Type: authorizer.type === "lambda_token" ? "TOKEN" : "REQUEST",
      AuthorizerUri: lambdaInvocationUri(authorizer.function.functionArn, api.region),
      IdentitySource: authorizer.type === "lambda_token" ? (authorizer.identitySource ?? DEFAULT_IDENTITY_SOURCE) : authorizer.identitySources.join(","),
      IdentityValidationExpression: authorizer.type === "lambda_token" ? authorizer.validationRegex : undefined,
    },
  })
  new CfnResource(scope, `${id}_Permission`, {
    type: "AWS::Lambda::Permission",
    properties: {
      Action: "lambda:InvokeFunction",
      FunctionName: authorizer.function.functionArn,
      Principal: "apigateway.amazonaws.com",
      SourceArn: `arn:${Aws.PARTITION}:execute-api:${api.region}:${Aws.ACCOUNT_ID}:${api.restApiId}/authorizers/${resource.ref}`,
    },
  })
  return resource
}
