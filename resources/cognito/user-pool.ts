/**
 * The user pool and its client as CloudFormation properties, from SST v1's `login` and the CDK
 * props v1 apps pass in `cdk.userPool` / `cdk.userPoolClient`. Defaults are the CDK's (and SST
 * v1's on top: self sign-up on, case-insensitive user names), so a v1 app gets the pool it had.
 * @module
 */
import { toSeconds } from "../function/duration.ts"
import type { CognitoLogin, CognitoUserPoolClientProps, CognitoUserPoolProps, StandardAttributeName } from "./props.ts"

/** CloudFormation's names of the standard attributes. */
const STANDARD_ATTRIBUTE_NAMES: Record<StandardAttributeName, string> = {
  address: "address",
  birthdate: "birthdate",
  email: "email",
  familyName: "family_name",
  gender: "gender",
  givenName: "given_name",
  locale: "locale",
  middleName: "middle_name",
  fullname: "name",
  nickname: "nickname",
  phoneNumber: "phone_number",
  profilePicture: "picture",
  preferredUsername: "preferred_username",
  profilePage: "profile",
  timezone: "zoneinfo",
  lastUpdateTime: "updated_at",
  website: "website",
}

/** The CDK's `AccountRecovery` choices as recovery mechanisms, by priority. */
const ACCOUNT_RECOVERY: Record<NonNullable<CognitoUserPoolProps["accountRecovery"]>, string[]> = {
  EMAIL_AND_PHONE_WITHOUT_MFA: ["verified_email", "verified_phone_number"],
  PHONE_WITHOUT_MFA_AND_EMAIL: ["verified_phone_number", "verified_email"],
  EMAIL_ONLY: ["verified_email"],
  PHONE_ONLY_WITHOUT_MFA: ["verified_phone_number"],
  PHONE_AND_EMAIL: [],
  NONE: ["admin_only"],
}

const VERIFY_MESSAGE = "The verification code to your new account is {####}"
const VERIFY_SUBJECT = "Verify your new account"
const VERIFY_LINK_MESSAGE = "Verify your account by clicking on {##Verify Email##}"
const DEFAULT_SCOPES = ["profile", "phone", "email", "openid", "aws.cognito.signin.user.admin"]

/** How users sign in: user names with aliases, or email/phone as the user name (the CDK's `signInAliases`). */
export function signInProperties(login: CognitoLogin[] | undefined): { UsernameAttributes?: string[]; AliasAttributes?: string[] } {
  const aliases = new Set(login ?? ["username"])
  const attributes = [...(aliases.has("email") ? ["email"] : []), ...(aliases.has("phone") ? ["phone_number"] : [])]
  if (aliases.has("username")) {
    const alias = [...attributes, ...(aliases.has("preferredUsername") ? ["preferred_username"] : [])]
    return alias.length > 0 ? { AliasAttributes: alias } : {}
  }
  return attributes.length > 0 ? { UsernameAttributes: attributes } : {}
}

/** Whether the pool sends SMS, and so needs a role to publish through SNS. */
export function usesSms(props: CognitoUserPoolProps, login: CognitoLogin[] | undefined): boolean {
  const phoneLogin = login?.includes("phone") ?? false
  const mfaSms = props.mfa !== undefined && props.mfa !== "OFF" && (props.mfaSecondFactor?.sms ?? true)
  return phoneLogin || props.autoVerify?.phone === true || mfaSms
}

export function userPoolProperties(props: CognitoUserPoolProps, login: CognitoLogin[] | undefined, name: string): Record<string, unknown> {
  const autoVerify = props.autoVerify ?? { email: login?.includes("email"), phone: login?.includes("phone") }
  const verification = props.userVerification ?? {}
  const style = verification.emailStyle === "LINK" ? "CONFIRM_WITH_LINK" : "CONFIRM_WITH_CODE"
  const emailMessage = verification.emailBody ?? (style === "CONFIRM_WITH_LINK" ? VERIFY_LINK_MESSAGE : VERIFY_MESSAGE)
  const emailSubject = verification.emailSubject ?? VERIFY_SUBJECT
  const smsMessage = verification.smsMessage ?? VERIFY_MESSAGE
  const recovery = ACCOUNT_RECOVERY[props.accountRecovery ?? "PHONE_WITHOUT_MFA_AND_EMAIL"]
  const verified = [...(autoVerify.email ? ["email"] : []), ...(autoVerify.phone ? ["phone_number"] : [])]
  return {
    UserPoolName: props.userPoolName ?? name,
    ...signInProperties(login),
    AutoVerifiedAttributes: verified.length > 0 ? verified : undefined,
    AdminCreateUserConfig: {
      AllowAdminCreateUserOnly: !(props.selfSignUpEnabled ?? true),
      InviteMessageTemplate: props.userInvitation
        ? { EmailMessage: props.userInvitation.emailBody, EmailSubject: props.userInvitation.emailSubject, SMSMessage: props.userInvitation.smsMessage }
        : undefined,
    },
    UsernameConfiguration: { CaseSensitive: props.signInCaseSensitive ?? false },
    EmailVerificationMessage: style === "CONFIRM_WITH_CODE" ? emailMessage : undefined,
    EmailVerificationSubject: style === "CONFIRM_WITH_CODE" ? emailSubject : undefined,
    SmsVerificationMessage: smsMessage,
    VerificationMessageTemplate: {
      DefaultEmailOption: style,
      ...(style === "CONFIRM_WITH_CODE" ? { EmailMessage: emailMessage, EmailSubject: emailSubject } : { EmailMessageByLink: emailMessage, EmailSubjectByLink: emailSubject }),
      SmsMessage: smsMessage,
    },
    AccountRecoverySetting: recovery.length > 0 ? { RecoveryMechanisms: recovery.map((mechanism, index) => ({ Name: mechanism, Priority: index + 1 })) } : undefined,
    Schema: schemaAttributes(props),
    MfaConfiguration: props.mfa,
    EnabledMfas: mfaTypes(props),
    SmsAuthenticationMessage: props.mfaMessage,
    Policies: props.passwordPolicy ? { PasswordPolicy: passwordPolicy(props.passwordPolicy) } : undefined,
    EmailConfiguration: props.email
      ? { EmailSendingAccount: props.email.sourceArn ? "DEVELOPER" : "COGNITO_DEFAULT", From: props.email.from, ReplyToEmailAddress: props.email.replyTo, SourceArn: props.email.sourceArn, ConfigurationSet: props.email.configurationSet }
      : undefined,
    DeletionProtection: props.deletionProtection === undefined ? undefined : props.deletionProtection ? "ACTIVE" : "INACTIVE",
    UserPoolAddOns: props.advancedSecurityMode ? { AdvancedSecurityMode: props.advancedSecurityMode } : undefined,
    DeviceConfiguration: props.deviceTracking
      ? { ChallengeRequiredOnNewDevice: props.deviceTracking.challengeRequiredOnNewDevice, DeviceOnlyRememberedOnUserPrompt: props.deviceTracking.deviceOnlyRememberedOnUserPrompt }
      : undefined,
    UserAttributeUpdateSettings: props.keepOriginal
      ? { AttributesRequireVerificationBeforeUpdate: [...(props.keepOriginal.email ? ["email"] : []), ...(props.keepOriginal.phone ? ["phone_number"] : [])] }
      : undefined,
  }
}

function schemaAttributes(props: CognitoUserPoolProps): Record<string, unknown>[] | undefined {
  const standard = Object.entries(props.standardAttributes ?? {}).map(([name, settings]) => ({
    Name: STANDARD_ATTRIBUTE_NAMES[name as StandardAttributeName],
    Mutable: settings?.mutable ?? true,
    Required: settings?.required ?? false,
  }))
  const custom = Object.entries(props.customAttributes ?? {}).map(([name, attribute]) => ({
    Name: name,
    AttributeDataType: attribute.type,
    Mutable: attribute.mutable ?? false,
    StringAttributeConstraints:
      attribute.type === "String" && (attribute.minLen !== undefined || attribute.maxLen !== undefined)
        ? { MinLength: attribute.minLen?.toString(), MaxLength: attribute.maxLen?.toString() }
        : undefined,
    NumberAttributeConstraints:
      attribute.type === "Number" && (attribute.min !== undefined || attribute.max !== undefined) ? { MinValue: attribute.min?.toString(), MaxValue: attribute.max?.toString() } : undefined,
  }))
  const all = [...standard, ...custom]
  return all.length > 0 ? all : undefined
}

function mfaTypes(props: CognitoUserPoolProps): string[] | undefined {
  if (props.mfa === undefined || props.mfa === "OFF") return undefined
  const factor = props.mfaSecondFactor ?? { sms: true, otp: false }
  return [...(factor.sms ? ["SMS_MFA"] : []), ...(factor.otp ? ["SOFTWARE_TOKEN_MFA"] : [])]
}

function passwordPolicy(policy: NonNullable<CognitoUserPoolProps["passwordPolicy"]>): Record<string, unknown> {
  return {
    MinimumLength: policy.minLength ?? 8,
    RequireLowercase: policy.requireLowercase ?? true,
    RequireUppercase: policy.requireUppercase ?? true,
    RequireNumbers: policy.requireDigits ?? true,
    RequireSymbols: policy.requireSymbols ?? true,
    TemporaryPasswordValidityDays: policy.tempPasswordValidity === undefined ? undefined : Math.round(toSeconds(policy.tempPasswordValidity) / 86400),
  }
}

/** The client's properties, with the CDK's OAuth defaults unless OAuth is disabled. */
export function userPoolClientProperties(props: CognitoUserPoolClientProps): Record<string, unknown> {
  const oAuth = props.disableOAuth ? undefined : (props.oAuth ?? {})
  const flows = oAuth ? (oAuth.flows ?? { authorizationCodeGrant: true, implicitCodeGrant: true }) : undefined
  const oAuthFlows = flows ? [...(flows.clientCredentials ? ["client_credentials"] : []), ...(flows.implicitCodeGrant ? ["implicit"] : []), ...(flows.authorizationCodeGrant ? ["code"] : [])] : []
  const browserFlows = oAuthFlows.includes("code") || oAuthFlows.includes("implicit")
  const minutes = (value: CognitoUserPoolClientProps["idTokenValidity"]) => (value === undefined ? undefined : Math.round(toSeconds(value) / 60))
  const validity = { AccessToken: props.accessTokenValidity, IdToken: props.idTokenValidity, RefreshToken: props.refreshTokenValidity }
  const units = Object.fromEntries(Object.entries(validity).filter(([, value]) => value !== undefined).map(([key]) => [key, "minutes"]))
  return {
    ClientName: props.userPoolClientName,
    GenerateSecret: props.generateSecret,
    ExplicitAuthFlows: props.authFlows ? explicitAuthFlows(props.authFlows) : undefined,
    AllowedOAuthFlows: oAuthFlows.length > 0 ? oAuthFlows : undefined,
    AllowedOAuthFlowsUserPoolClient: props.disableOAuth ? undefined : true,
    AllowedOAuthScopes: oAuth ? (oAuth.scopes?.map((scope) => (typeof scope === "string" ? scope : scope.scopeName)) ?? DEFAULT_SCOPES) : undefined,
    CallbackURLs: oAuth && browserFlows ? (oAuth.callbackUrls ?? ["https://example.com"]) : undefined,
    LogoutURLs: oAuth?.logoutUrls,
    PreventUserExistenceErrors: props.preventUserExistenceErrors === undefined ? undefined : props.preventUserExistenceErrors ? "ENABLED" : "LEGACY",
    SupportedIdentityProviders: (props.supportedIdentityProviders ?? ["COGNITO"]).map((provider) => (typeof provider === "string" ? provider : provider.name)),
    AccessTokenValidity: minutes(props.accessTokenValidity),
    IdTokenValidity: minutes(props.idTokenValidity),
    RefreshTokenValidity: minutes(props.refreshTokenValidity),
    TokenValidityUnits: Object.keys(units).length > 0 ? units : undefined,
    EnableTokenRevocation: props.enableTokenRevocation,
    ReadAttributes: props.readAttributes,
    WriteAttributes: props.writeAttributes,
  }
}

function explicitAuthFlows(flows: NonNullable<CognitoUserPoolClientProps["authFlows"]>): string[] {
  return [
    ...(flows.userPassword ? ["ALLOW_USER_PASSWORD_AUTH"] : []),
    ...(flows.adminUserPassword ? ["ALLOW_ADMIN_USER_PASSWORD_AUTH"] : []),
    ...(flows.custom ? ["ALLOW_CUSTOM_AUTH"] : []),
    ...(flows.userSrp ? ["ALLOW_USER_SRP_AUTH"] : []),
    // The CDK always allows refreshing tokens once flows are listed.
    "ALLOW_REFRESH_TOKEN_AUTH",
  ]
}
