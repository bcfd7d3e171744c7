/**
 * Authorizers of an HTTP API: `jwt`, `user_pool` (a JWT authorizer whose issuer is the Cognito
 * pool) and `lambda` (REQUEST type, with its own invoke permission), as SST v1 configured them.
 * @module
 */
import { Aws, CfnResource, type Construct } from "../../compiler/index.ts"
import { toSeconds } from "../function/duration.ts"
import type { ApiAuthorizer, ApiLambdaAuthorizer } from "./props.ts"

/** Where SST v1 read the identity from by default. */
const DEFAULT_IDENTITY_SOURCE = ["$request.header.Authorization"]

export interface HttpApiRef {
  /** `Ref` of the `AWS::ApiGatewayV2::Api`. */
  apiId: string
  region: string
}

/** Creates the authorizer `key` of `authorizer` in `scope`; returns the `AWS::ApiGatewayV2::Authorizer`. */
export function createHttpAuthorizer(scope: Construct, key: string, authorizer: ApiAuthorizer, api: HttpApiRef): CfnResource {
  const id = `Authorizer_${key.replace(/[^A-Za-z0-9_-]/g, "")}`
  const common = { ApiId: api.apiId, Name: authorizer.name ?? key, IdentitySource: authorizer.identitySource ?? DEFAULT_IDENTITY_SOURCE }
  if (authorizer.type === "lambda") return createLambdaAuthorizer(scope, id, authorizer, api, common)
  const jwt =
    authorizer.type === "jwt"
      ? { Issuer: authorizer.jwt.issuer, Audience: authorizer.jwt.audience }
      : {
          Issuer: `https://cognito-idp.${authorizer.userPool.region ?? api.region}.amazonaws.com/${authorizer.userPool.id}`,
          // CDK, under SST v1, made a client when none was named: a JWT authorizer needs an audience.
          Audience: authorizer.userPool.clientIds ?? [
            new CfnResource(scope, `${id}_Client`, { type: "AWS::Cognito::UserPoolClient", properties: { UserPoolId: authorizer.userPool.id } }).ref,
          ],
        }
  return new CfnResource(scope, id, { type: "AWS::ApiGatewayV2::Authorizer", properties: { ...common, AuthorizerType: "JWT", JwtConfiguration: jwt } })
}

function createLambdaAuthorizer(scope: Construct, id: string, authorizer: ApiLambdaAuthorizer, api: HttpApiRef, common: Record<string, unknown>): CfnResource {
  const simple = (authorizer.responseTypes ?? ["iam"]).includes("simple")
  const resource = new CfnResource(scope, id, {
    type: "AWS::ApiGatewayV2::Authorizer",
    properties: {
      ...(common as Record<string, string>),
      AuthorizerType: "REQUEST",
      AuthorizerUri: lambdaInvocationUri(authorizer.function.functionArn, api.region),
      AuthorizerPayloadFormatVersion: simple ? "2.0" : "1.0",
      EnableSimpleResponses: simple ? true : undefined,
      // SST v1 cached nothing unless told to.
      AuthorizerResultTtlInSeconds: authorizer.resultsCacheTtl === undefined ? 0 : toSeconds(authorizer.resultsCacheTtl),
    },
  })
  new CfnResource(scope, `${id}_Permission`, {
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

/** The URI API Gateway calls a Lambda function through (authorizers, WebSocket and REST integrations). */
export function lambdaInvocationUri(functionArn: string, region: string): string {
  return `arn:${Aws.PARTITION}:apigateway:${region}:lambda:path/2015-03-31/functions/${functionArn}/invocations`
}
