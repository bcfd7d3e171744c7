/**
 * How clients authorize against an AppSync API: the CDK-style `authorizationConfig` of SST v1
 * apps, turned into the GraphQLApi's properties. API key authorization (the CDK's default) also
 * needs an `AWS::AppSync::ApiKey`; a Lambda authorizer needs a permission for AppSync to invoke it.
 * @module
 */
import { CfnResource, type Construct, type Problem } from "../../compiler/index.ts"
import { toSeconds } from "../function/duration.ts"
import type { AppSyncAuthorizationMode } from "./props.ts"

/** The properties of one mode, as `AWS::AppSync::GraphQLApi` (default) or AdditionalAuthenticationProviders (additional) name them. */
export interface ModeProperties {
  AuthenticationType: string
  UserPoolConfig?: Record<string, unknown>
  OpenIDConnectConfig?: Record<string, unknown>
  LambdaAuthorizerConfig?: Record<string, unknown>
}

/** Which config each type requires. */
const REQUIRED_CONFIG = {
  AMAZON_COGNITO_USER_POOLS: "userPoolConfig",
  OPENID_CONNECT: "openIdConnectConfig",
  AWS_LAMBDA: "lambdaAuthorizerConfig",
} as const

export interface ModeContext {
  region: string
  /** The ARN of the authorizer function, created from `lambdaAuthorizerConfig.handler`. */
  authorizerArn?: string
  report(problem: Omit<Problem, "path" | "construct">): void
  property: string
}

/** The GraphQLApi properties of `mode`; `isDefault` adds the user pool's default action. */
export function modeProperties(mode: AppSyncAuthorizationMode, isDefault: boolean, context: ModeContext): ModeProperties {
  const type = mode.authorizationType
  const required = REQUIRED_CONFIG[type as keyof typeof REQUIRED_CONFIG]
  if (required && !mode[required]) {
    context.report({
      code: "MissingAuthorizationConfig",
      property: `${context.property}.${required}`,
      problem: `is missing; authorizationType ${JSON.stringify(type)} needs it.`,
      allowed: `${required} with authorizationType ${JSON.stringify(type)}.`,
      fix: `add ${required}, or choose another authorizationType.`,
    })
  }
  const properties: ModeProperties = { AuthenticationType: type }
  const pool = mode.userPoolConfig
  if (type === "AMAZON_COGNITO_USER_POOLS" && pool) {
    properties.UserPoolConfig = {
      UserPoolId: pool.userPool.userPoolId,
      AwsRegion: context.region,
      AppIdClientRegex: pool.appIdClientRegex,
      DefaultAction: isDefault ? (pool.defaultAction ?? "ALLOW") : undefined,
    }
  }
  const oidc = mode.openIdConnectConfig
  if (type === "OPENID_CONNECT" && oidc) {
    properties.OpenIDConnectConfig = { Issuer: oidc.oidcProvider, ClientId: oidc.clientId, AuthTTL: oidc.tokenExpiryFromAuth, IatTTL: oidc.tokenExpiryFromIssue }
  }
  const lambda = mode.lambdaAuthorizerConfig
  if (type === "AWS_LAMBDA" && lambda && context.authorizerArn) {
    properties.LambdaAuthorizerConfig = {
      AuthorizerUri: context.authorizerArn,
      AuthorizerResultTtlInSeconds: lambda.resultsCacheTtl === undefined ? undefined : toSeconds(lambda.resultsCacheTtl),
      IdentityValidationExpression: lambda.validationRegex,
    }
  }
  return properties
}

/** Lets AppSync (this API only) invoke the Lambda authorizer. */
export function allowAppSyncToInvoke(scope: Construct, id: string, functionArn: string, apiArn: string): CfnResource {
  return new CfnResource(scope, id, {
    type: "AWS::Lambda::Permission",
    properties: { Action: "lambda:InvokeFunction", FunctionName: functionArn, Principal: "appsync.amazonaws.com", SourceArn: apiArn },
  })
}
