/**
 * The props of `Cognito` (SST v1's names), including the CDK `UserPoolProps` and
 * `UserPoolClientOptions` that v1 apps pass through `cdk.userPool` and `cdk.userPoolClient`,
 * with plain strings where the CDK had enum objects (`"openid"` for `OAuthScope.OPENID`,
 * `"Google"` for `UserPoolClientIdentityProvider.GOOGLE`; the CDK's objects are accepted too).
 * @module
 */
import { z } from "zod"
import { assertSameShape } from "../../compiler/index.ts"
import { DurationSchema, type Duration } from "../function/duration.ts"
import type { FunctionDefinition, FunctionProps } from "../function/props.ts"

/** User-pool triggers by SST v1's names, with the LambdaConfig key each one sets. */
export const TRIGGERS = {
  createAuthChallenge: "CreateAuthChallenge",
  customEmailSender: "CustomEmailSender",
  customMessage: "CustomMessage",
  customSmsSender: "CustomSMSSender",
  defineAuthChallenge: "DefineAuthChallenge",
  postAuthentication: "PostAuthentication",
  postConfirmation: "PostConfirmation",
  preAuthentication: "PreAuthentication",
  preSignUp: "PreSignUp",
  preTokenGeneration: "PreTokenGeneration",
  userMigration: "UserMigration",
  verifyAuthChallengeResponse: "VerifyAuthChallengeResponse",
} as const

export type CognitoTriggerName = keyof typeof TRIGGERS
export type CognitoUserPoolTriggers = { [K in CognitoTriggerName]?: FunctionDefinition }

export type CognitoLogin = "email" | "phone" | "username" | "preferredUsername"

/** Identity providers of the identity pool (SST v1's `identityPoolFederation`). */
export interface CognitoIdentityPoolFederationProps {
  /** An OpenID Connect provider for Auth0. @example auth0: { domain: "myorg.us.auth0.com", clientId: "abc" } */
  auth0?: { domain: string; clientId: string }
  amazon?: { appId: string }
  apple?: { servicesId: string }
  facebook?: { appId: string }
  google?: { clientId: string }
  twitter?: { consumerKey: string; consumerSecret: string }
  cdk?: { cfnIdentityPool?: CognitoCfnIdentityPoolProps }
}

/** Overrides of the identity pool's properties (CDK `CfnIdentityPoolProps` names). */
export interface CognitoCfnIdentityPoolProps {
  identityPoolName?: string
  /** @default true */
  allowUnauthenticatedIdentities?: boolean
  allowClassicFlow?: boolean
  developerProviderName?: string
  openIdConnectProviderArns?: string[]
  samlProviderArns?: string[]
  supportedLoginProviders?: Record<string, string>
}

export type StandardAttributeName =
  | "address" | "birthdate" | "email" | "familyName" | "gender" | "givenName" | "locale" | "middleName" | "fullname"
  | "nickname" | "phoneNumber" | "profilePicture" | "preferredUsername" | "profilePage" | "timezone" | "lastUpdateTime" | "website"

/** A custom attribute (the CDK's `StringAttribute`, `NumberAttribute`, ... as plain data). */
export interface CognitoCustomAttribute {
  type: "String" | "Number" | "Boolean" | "DateTime"
  /** @default false */
  mutable?: boolean
  minLen?: number
  maxLen?: number
  min?: number
  max?: number
}

/** Props of the user pool, as SST v1 apps passed CDK's `UserPoolProps`. */
export interface CognitoUserPoolProps {
  /** @default "<stage>-<app>-<id>" */
  userPoolName?: string
  /** @default true */
  selfSignUpEnabled?: boolean
  /** @default false */
  signInCaseSensitive?: boolean
  standardAttributes?: { [K in StandardAttributeName]?: { required?: boolean; mutable?: boolean } }
  customAttributes?: Record<string, CognitoCustomAttribute>
  /** @default "OFF" */
  mfa?: "OFF" | "ON" | "OPTIONAL"
  /** @default { sms: true, otp: false } when mfa is on */
  mfaSecondFactor?: { sms: boolean; otp: boolean }
  mfaMessage?: string
  passwordPolicy?: { minLength?: number; requireLowercase?: boolean; requireUppercase?: boolean; requireDigits?: boolean; requireSymbols?: boolean; tempPasswordValidity?: Duration }
  /** @default "PHONE_WITHOUT_MFA_AND_EMAIL" */
  accountRecovery?: "EMAIL_ONLY" | "PHONE_ONLY_WITHOUT_MFA" | "PHONE_WITHOUT_MFA_AND_EMAIL" | "EMAIL_AND_PHONE_WITHOUT_MFA" | "PHONE_AND_EMAIL" | "NONE"
  /** @default the login attributes email and phone */
  autoVerify?: { email?: boolean; phone?: boolean }
  userVerification?: { emailSubject?: string; emailBody?: string; emailStyle?: "CODE" | "LINK"; smsMessage?: string }
  userInvitation?: { emailSubject?: string; emailBody?: string; smsMessage?: string }
  /** Emails from SES instead of Cognito's default sender. */
  email?: { from?: string; replyTo?: string; sourceArn?: string; configurationSet?: string }
  deletionProtection?: boolean
  advancedSecurityMode?: "OFF" | "AUDIT" | "ENFORCED"
  deviceTracking?: { challengeRequiredOnNewDevice: boolean; deviceOnlyRememberedOnUserPrompt: boolean }
  keepOriginal?: { email?: boolean; phone?: boolean }
  /** The KMS key the custom email and SMS sender triggers decrypt codes with (its ARN or `{ keyArn }`). */
  customSenderKmsKey?: string | { keyArn: string }
  /** @default "retain": the user pool is kept when it leaves the stack */
  removalPolicy?: "destroy" | "retain" | "snapshot"
}

/** An OAuth scope: its name ("openid", "resource/scope") or the CDK's `{ scopeName }`. */
export type CognitoOAuthScope = string | { scopeName: string }
/** An identity provider of a client: "COGNITO", "Google", "Facebook", "LoginWithAmazon", "SignInWithApple", a provider's name, or `{ name }`. */
export type CognitoClientIdentityProvider = string | { name: string }

/** Props of the user pool client, as SST v1 apps passed CDK's `UserPoolClientOptions`. */
export interface CognitoUserPoolClientProps {
  userPoolClientName?: string
  /** @default false */
  generateSecret?: boolean
  authFlows?: { adminUserPassword?: boolean; custom?: boolean; userPassword?: boolean; userSrp?: boolean }
  /** @default false */
  disableOAuth?: boolean
  oAuth?: {
    /** @default authorization code and implicit grants */
    flows?: { authorizationCodeGrant?: boolean; implicitCodeGrant?: boolean; clientCredentials?: boolean }
    /** @default ["https://example.com"] (the CDK's placeholder) */
    callbackUrls?: string[]
    logoutUrls?: string[]
    /** @default ["profile", "phone", "email", "openid", "aws.cognito.signin.user.admin"] */
    scopes?: CognitoOAuthScope[]
  }
  preventUserExistenceErrors?: boolean
  /** @default ["COGNITO"] */
  supportedIdentityProviders?: CognitoClientIdentityProvider[]
  idTokenValidity?: Duration
  accessTokenValidity?: Duration
  refreshTokenValidity?: Duration
  enableTokenRevocation?: boolean
  readAttributes?: string[]
  writeAttributes?: string[]
}

/** An existing user pool (`{ userPoolId }`, optionally its ARN). */
export interface CognitoImportedUserPool {
  userPoolId: string
  userPoolArn?: string
}

/** An existing user pool client. */
export interface CognitoImportedUserPoolClient {
  userPoolClientId: string
}

/** Props of {@link Cognito}. */
export interface CognitoProps {
  /**
   * What users sign in with. @default username
   * @example login: ["email", "phone"]
   */
  login?: CognitoLogin[]
  /** User-pool triggers, as functions. @example triggers: { preSignUp: "functions/pre-sign-up.main" } */
  triggers?: CognitoUserPoolTriggers
  /** The identity pool's providers; `false` creates no identity pool. @default true (the user pool only) */
  identityPoolFederation?: boolean | CognitoIdentityPoolFederationProps
  /** @example defaults: { function: { timeout: 20 } } */
  defaults?: { function?: FunctionProps }
  cdk?: {
    /** Overrides the construct id. */
    id?: string
    userPool?: CognitoUserPoolProps | CognitoImportedUserPool
    userPoolClient?: CognitoUserPoolClientProps | CognitoImportedUserPoolClient
  }
}

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === "object" && !Array.isArray(value)
const anyValue = <T>(message: string) => z.custom<T>((value) => value !== undefined, { message })

const STANDARD_ATTRIBUTES = ["address", "birthdate", "email", "familyName", "gender", "givenName", "locale", "middleName", "fullname", "nickname", "phoneNumber", "profilePicture", "preferredUsername", "profilePage", "timezone", "lastUpdateTime", "website"] as const
const AttributeSettings = z.strictObject({ required: z.boolean().optional(), mutable: z.boolean().optional() }).optional()

export const UserPoolPropsSchema = z.strictObject({
  userPoolName: z.string().min(1).max(128).optional(),
  selfSignUpEnabled: z.boolean().optional(),
  signInCaseSensitive: z.boolean().optional(),
  standardAttributes: z.strictObject(Object.fromEntries(STANDARD_ATTRIBUTES.map((name) => [name, AttributeSettings])) as Record<StandardAttributeName, typeof AttributeSettings>).optional(),
  customAttributes: z
    .record(
      z.string(),
      z.strictObject({
        type: z.enum(["String", "Number", "Boolean", "DateTime"]),
        mutable: z.boolean().optional(),
        minLen: z.number().int().nonnegative().optional(),
        maxLen: z.number().int().positive().optional(),
        min: z.number().optional(),
        max: z.number().optional(),
      }),
    )
    .optional(),
  mfa: z.enum(["OFF", "ON", "OPTIONAL"]).optional(),
  mfaSecondFactor: z.strictObject({ sms: z.boolean(), otp: z.boolean() }).optional(),
  mfaMessage: z.string().optional(),
  passwordPolicy: z
    .strictObject({
      minLength: z.number().int().min(6).max(99).optional(),
      requireLowercase: z.boolean().optional(),
      requireUppercase: z.boolean().optional(),
      requireDigits: z.boolean().optional(),
      requireSymbols: z.boolean().optional(),
      tempPasswordValidity: DurationSchema.optional(),
    })
    .optional(),
  accountRecovery: z.enum(["EMAIL_ONLY", "PHONE_ONLY_WITHOUT_MFA", "PHONE_WITHOUT_MFA_AND_EMAIL", "EMAIL_AND_PHONE_WITHOUT_MFA", "PHONE_AND_EMAIL", "NONE"]).optional(),
  autoVerify: z.strictObject({ email: z.boolean().optional(), phone: z.boolean().optional() }).optional(),
  userVerification: z
    .strictObject({ emailSubject: z.string().optional(), emailBody: z.string().optional(), emailStyle: z.enum(["CODE", "LINK"]).optional(), smsMessage: z.string().optional() })
    .optional(),
  userInvitation: z.strictObject({ emailSubject: z.string().optional(), emailBody: z.string().optional(), smsMessage: z.string().optional() }).optional(),
  email: z.strictObject({ from: z.string().optional(), replyTo: z.string().optional(), sourceArn: z.string().optional(), configurationSet: z.string().optional() }).optional(),
  deletionProtection: z.boolean().optional(),
  advancedSecurityMode: z.enum(["OFF", "AUDIT", "ENFORCED"]).optional(),
  deviceTracking: z.strictObject({ challengeRequiredOnNewDevice: z.boolean(), deviceOnlyRememberedOnUserPrompt: z.boolean() }).optional(),
  keepOriginal: z.strictObject({ email: z.boolean().optional(), phone: z.boolean().optional() }).optional(),
  customSenderKmsKey: z.union([z.string().min(1), z.object({ keyArn: z.string().min(1) })]).optional(),
  removalPolicy: z.enum(["destroy", "retain", "snapshot"]).optional(),
})
assertSameShape<CognitoUserPoolProps, z.input<typeof UserPoolPropsSchema>>()

export const UserPoolClientPropsSchema = z.strictObject({
  userPoolClientName: z.string().min(1).max(128).optional(),
  generateSecret: z.boolean().optional(),
  authFlows: z.strictObject({ adminUserPassword: z.boolean().optional(), custom: z.boolean().optional(), userPassword: z.boolean().optional(), userSrp: z.boolean().optional() }).optional(),
  disableOAuth: z.boolean().optional(),
  oAuth: z
    .strictObject({
      flows: z.strictObject({ authorizationCodeGrant: z.boolean().optional(), implicitCodeGrant: z.boolean().optional(), clientCredentials: z.boolean().optional() }).optional(),
      callbackUrls: z.array(z.string().min(1)).optional(),
      logoutUrls: z.array(z.string().min(1)).optional(),
      scopes: z.array(z.union([z.string().min(1), z.object({ scopeName: z.string().min(1) })])).optional(),
    })
    .optional(),
  preventUserExistenceErrors: z.boolean().optional(),
  supportedIdentityProviders: z.array(z.union([z.string().min(1), z.object({ name: z.string().min(1) })])).optional(),
  idTokenValidity: DurationSchema.optional(),
  accessTokenValidity: DurationSchema.optional(),
  refreshTokenValidity: DurationSchema.optional(),
  enableTokenRevocation: z.boolean().optional(),
  readAttributes: z.array(z.string()).optional(),
  writeAttributes: z.array(z.string()).optional(),
})
assertSameShape<CognitoUserPoolClientProps, z.input<typeof UserPoolClientPropsSchema>>()

export const ImportedUserPoolSchema = z.strictObject({ userPoolId: z.string().min(1), userPoolArn: z.string().optional() })
export const ImportedUserPoolClientSchema = z.strictObject({ userPoolClientId: z.string().min(1) })
assertSameShape<CognitoImportedUserPool, z.input<typeof ImportedUserPoolSchema>>()
assertSameShape<CognitoImportedUserPoolClient, z.input<typeof ImportedUserPoolClientSchema>>()

const required = (message: string) => z.string({ message }).min(1, { message })

export const FederationSchema = z.strictObject({
  auth0: z.strictObject({ domain: required("the Auth0 domain, e.g. \"myorg.us.auth0.com\""), clientId: required("the Auth0 application's client id") }).optional(),
  amazon: z.strictObject({ appId: z.string().min(1) }).optional(),
  apple: z.strictObject({ servicesId: z.string().min(1) }).optional(),
  facebook: z.strictObject({ appId: z.string().min(1) }).optional(),
  google: z.strictObject({ clientId: z.string().min(1) }).optional(),
  twitter: z.strictObject({ consumerKey: z.string().min(1), consumerSecret: z.string().min(1) }).optional(),
  cdk: z
    .strictObject({
      cfnIdentityPool: z
        .strictObject({
          identityPoolName: z.string().min(1).max(128).optional(),
          allowUnauthenticatedIdentities: z.boolean().optional(),
          allowClassicFlow: z.boolean().optional(),
          developerProviderName: z.string().optional(),
          openIdConnectProviderArns: z.array(z.string()).optional(),
          samlProviderArns: z.array(z.string()).optional(),
          supportedLoginProviders: z.record(z.string(), z.string()).optional(),
        })
        .optional(),
    })
    .optional(),
})
assertSameShape<CognitoIdentityPoolFederationProps, z.input<typeof FederationSchema>>()

function triggerShape() {
  const definition = anyValue<FunctionDefinition>("a handler string, function props or a Function").optional()
  return Object.fromEntries(Object.keys(TRIGGERS).map((name) => [name, definition])) as unknown as Record<CognitoTriggerName, typeof definition>
}

export const CognitoPropsSchema = z.strictObject({
  login: z.array(z.enum(["email", "phone", "username", "preferredUsername"])).optional(),
  triggers: z.strictObject(triggerShape()).optional(),
  // Checked against FederationSchema by the construct, so a problem names the nested property.
  identityPoolFederation: z.union([z.boolean(), anyValue<CognitoIdentityPoolFederationProps>("federation props")]).optional(),
  defaults: z.strictObject({ function: anyValue<FunctionProps>("function props").optional() }).optional(),
  cdk: z
    .strictObject({
      id: z.string().min(1).optional(),
      userPool: anyValue<CognitoUserPoolProps | CognitoImportedUserPool>("user pool props or an existing pool").optional(),
      userPoolClient: anyValue<CognitoUserPoolClientProps | CognitoImportedUserPoolClient>("client props or an existing client").optional(),
    })
    .optional(),
})
assertSameShape<CognitoProps, z.input<typeof CognitoPropsSchema>>()

/** Whether `cdk.userPool` is an existing pool rather than props for a new one. */
export function isImportedUserPool(value: unknown): value is CognitoImportedUserPool {
  return isObject(value) && typeof value.userPoolId === "string"
}

export function isImportedUserPoolClient(value: unknown): value is CognitoImportedUserPoolClient {
  return isObject(value) && typeof value.userPoolClientId === "string"
}
