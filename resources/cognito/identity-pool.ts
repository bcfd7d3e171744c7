/**
 * The identity pool of a Cognito construct: its login providers (the user pool, Auth0 through an
 * OpenID Connect provider, and the social providers), the authenticated and unauthenticated
 * roles, and the attachment of both roles to the pool.
 *
 * SST v1 (through the CDK) gave both roles `cognito-sync:*`, `cognito-identity:*` and
 * `mobileanalytics:PutEvents` on `*`. Getting credentials needs none of them (GetId and
 * GetCredentialsForIdentity are unsigned calls), and both services they name are retired, so the
 * roles start empty: they get exactly what `attachPermissionsForAuthUsers` / `...UnauthUsers` grant.
 * @module
 */
import { CfnResource, type Construct } from "../../compiler/index.ts"
import type { CognitoIdentityPoolFederationProps } from "./props.ts"

/** Login provider names Cognito Identity uses for the social providers. */
const SOCIAL_PROVIDERS = {
  amazon: "www.amazon.com",
  facebook: "graph.facebook.com",
  google: "accounts.google.com",
  twitter: "api.twitter.com",
  apple: "appleid.apple.com",
} as const

export interface IdentityPoolParts {
  pool: CfnResource
  authRole: CfnResource
  unauthRole: CfnResource
}

export interface IdentityPoolContext {
  name: string
  region: string
  urlSuffix: string
  userPoolId: string
  userPoolClientId: string
}

export function createIdentityPool(scope: Construct, federation: CognitoIdentityPoolFederationProps, context: IdentityPoolContext): IdentityPoolParts {
  const overrides = federation.cdk?.cfnIdentityPool ?? {}
  const openIdConnectProviderArns = [...(overrides.openIdConnectProviderArns ?? [])]
  if (federation.auth0) {
    const domain = federation.auth0.domain.startsWith("https://") ? federation.auth0.domain : `https://${federation.auth0.domain}`
    const provider = new CfnResource(scope, "Auth0Provider", {
      type: "AWS::IAM::OIDCProvider",
      properties: { Url: domain, ClientIdList: [federation.auth0.clientId] },
    })
    openIdConnectProviderArns.unshift(provider.getAtt("Arn"))
  }
  const pool = new CfnResource(scope, "IdentityPool", {
    type: "AWS::Cognito::IdentityPool",
    properties: {
      IdentityPoolName: overrides.identityPoolName ?? context.name,
      AllowUnauthenticatedIdentities: overrides.allowUnauthenticatedIdentities ?? true,
      AllowClassicFlow: overrides.allowClassicFlow,
      DeveloperProviderName: overrides.developerProviderName,
      CognitoIdentityProviders: [{ ProviderName: `cognito-idp.${context.region}.${context.urlSuffix}/${context.userPoolId}`, ClientId: context.userPoolClientId }],
      SupportedLoginProviders: loginProviders(federation),
      OpenIdConnectProviderARNs: openIdConnectProviderArns.length > 0 ? openIdConnectProviderArns : undefined,
      SamlProviderARNs: overrides.samlProviderArns,
    },
  })
  const authRole = createIdentityRole(scope, "IdentityPoolAuthRole", pool, "authenticated")
  const unauthRole = createIdentityRole(scope, "IdentityPoolUnauthRole", pool, "unauthenticated")
  new CfnResource(scope, "IdentityPoolRoleAttachment", {
    type: "AWS::Cognito::IdentityPoolRoleAttachment",
    properties: { IdentityPoolId: pool.ref, Roles: { authenticated: authRole.getAtt("Arn"), unauthenticated: unauthRole.getAtt("Arn") } },
  })
  return { pool, authRole, unauthRole }
}

function loginProviders(federation: CognitoIdentityPoolFederationProps): Record<string, string> | undefined {
  const providers: Record<string, string> = {}
  if (federation.amazon) providers[SOCIAL_PROVIDERS.amazon] = federation.amazon.appId
  if (federation.facebook) providers[SOCIAL_PROVIDERS.facebook] = federation.facebook.appId
  if (federation.google) providers[SOCIAL_PROVIDERS.google] = federation.google.clientId
  if (federation.twitter) providers[SOCIAL_PROVIDERS.twitter] = `${federation.twitter.consumerKey};${federation.twitter.consumerSecret}`
  if (federation.apple) providers[SOCIAL_PROVIDERS.apple] = federation.apple.servicesId
  Object.assign(providers, federation.cdk?.cfnIdentityPool?.supportedLoginProviders ?? {})
  return Object.keys(providers).length > 0 ? providers : undefined
}

/** A role only identities of this pool, authenticated or not, can assume. */
function createIdentityRole(scope: Construct, id: string, pool: CfnResource, amr: "authenticated" | "unauthenticated"): CfnResource {
  return new CfnResource(scope, id, {
    type: "AWS::IAM::Role",
    properties: {
      AssumeRolePolicyDocument: {
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Principal: { Federated: "cognito-identity.amazonaws.com" },
            Action: "sts:AssumeRoleWithWebIdentity",
            Condition: {
              StringEquals: { "cognito-identity.amazonaws.com:aud": pool.ref },
              "ForAnyValue:StringLike": { "cognito-identity.amazonaws.com:amr": amr },
            },
          },
        ],
      },
    },
  })
}
