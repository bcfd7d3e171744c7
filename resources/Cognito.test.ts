import assert from "node:assert/strict"
import { test } from "node:test"
import { catchValidation, emit, synth, testApp, statementsOf } from "../test/helpers/synth.ts"
import { validateTemplate } from "../test/helpers/validate-template.ts"
import { Cognito, type CognitoProps } from "./Cognito.ts"
import { PolicyStatement } from "./function/permissions.ts"
import { Stack } from "./Stack.ts"

function build(props?: CognitoProps) {
  let auth: Cognito | undefined
  const result = synth((stack) => {
    auth = new Cognito(stack, "Auth", props)
  })
  return { ...result, auth: auth as Cognito }
}

test("Cognito creates a retained user pool, a client with the CDK's OAuth defaults, an identity pool and two roles", () => {
  const { template, auth } = build({ login: ["email"] })
  const r = template.Resources
  assert.deepEqual(Object.keys(r).sort(), ["AuthIdentityPool", "AuthIdentityPoolAuthRole", "AuthIdentityPoolRoleAttachment", "AuthIdentityPoolUnauthRole", "AuthUserPool", "AuthUserPoolClient"])
  assert.equal(r.AuthUserPool.DeletionPolicy, "Retain")
  assert.equal(r.AuthUserPool.UpdateReplacePolicy, "Retain")
  const pool = r.AuthUserPool.Properties
  assert.equal(pool.UserPoolName, "test-notes-Auth")
  assert.deepEqual(pool.UsernameAttributes, ["email"])
  assert.deepEqual(pool.AutoVerifiedAttributes, ["email"])
  assert.deepEqual(pool.AdminCreateUserConfig, { AllowAdminCreateUserOnly: false })
  assert.deepEqual(pool.UsernameConfiguration, { CaseSensitive: false })
  assert.deepEqual(pool.AccountRecoverySetting, { RecoveryMechanisms: [{ Name: "verified_phone_number", Priority: 1 }, { Name: "verified_email", Priority: 2 }] })
  assert.deepEqual(r.AuthUserPoolClient.Properties, {
    UserPoolId: { Ref: "AuthUserPool" },
    AllowedOAuthFlows: ["implicit", "code"],
    AllowedOAuthFlowsUserPoolClient: true,
    AllowedOAuthScopes: ["profile", "phone", "email", "openid", "aws.cognito.signin.user.admin"],
    CallbackURLs: ["https://example.com"],
    SupportedIdentityProviders: ["COGNITO"],
  })
  assert.deepEqual(r.AuthIdentityPool.Properties, {
    IdentityPoolName: "test-notes-Auth",
    AllowUnauthenticatedIdentities: true,
    CognitoIdentityProviders: [
      { ProviderName: { "Fn::Join": ["", ["cognito-idp.us-east-1.", { Ref: "AWS::URLSuffix" }, "/", { Ref: "AuthUserPool" }]] }, ClientId: { Ref: "AuthUserPoolClient" } },
    ],
  })
  assert.deepEqual(r.AuthIdentityPoolAuthRole.Properties.AssumeRolePolicyDocument.Statement[0], {
    Effect: "Allow",
    Principal: { Federated: "cognito-identity.amazonaws.com" },
    Action: "sts:AssumeRoleWithWebIdentity",
    Condition: { StringEquals: { "cognito-identity.amazonaws.com:aud": { Ref: "AuthIdentityPool" } }, "ForAnyValue:StringLike": { "cognito-identity.amazonaws.com:amr": "authenticated" } },
  })
  assert.equal(r.AuthIdentityPoolUnauthRole.Properties.AssumeRolePolicyDocument.Statement[0].Condition["ForAnyValue:StringLike"]["cognito-identity.amazonaws.com:amr"], "unauthenticated")
  assert.equal(r.AuthIdentityPoolAuthRole.Properties.Policies, undefined, "no permissions until granted")
  assert.deepEqual(r.AuthIdentityPoolRoleAttachment.Properties, {
    IdentityPoolId: { Ref: "AuthIdentityPool" },
    Roles: { authenticated: { "Fn::GetAtt": ["AuthIdentityPoolAuthRole", "Arn"] }, unauthenticated: { "Fn::GetAtt": ["AuthIdentityPoolUnauthRole", "Arn"] } },
  })
  assert.ok(auth.userPoolId && auth.userPoolArn && auth.userPoolClientId && auth.cognitoIdentityPoolId && auth.cognitoIdentityPoolArn)
  assert.deepEqual(validateTemplate(template), [])
})

test("Cognito maps login to user name attributes or aliases as the CDK's signInAliases did", () => {
  assert.deepEqual(build({ login: ["email", "phone"] }).template.Resources.AuthUserPool.Properties.UsernameAttributes, ["email", "phone_number"])
  const aliases = build({ login: ["username", "email", "preferredUsername"] }).template.Resources.AuthUserPool.Properties
  assert.deepEqual(aliases.AliasAttributes, ["email", "preferred_username"])
  assert.equal(aliases.UsernameAttributes, undefined)
  const plain = build().template.Resources.AuthUserPool.Properties
  assert.equal(plain.UsernameAttributes, undefined)
  assert.equal(plain.AliasAttributes, undefined)
})

test("Cognito gives a phone login an SMS role, as Cognito needs one to send codes", () => {
  const { template } = build({ login: ["phone"] })
  const sms = template.Resources.AuthUserPool.Properties.SmsConfiguration
  assert.deepEqual(sms.SnsCallerArn, { "Fn::GetAtt": ["AuthUserPoolSmsRole", "Arn"] })
  assert.equal(sms.ExternalId, "notes-test-Main/Auth")
  assert.deepEqual(validateTemplate(template), [])
})

test("Cognito wires every trigger into LambdaConfig with an invoke permission scoped to the pool, without a cycle", () => {
  const triggers = Object.fromEntries(
    ["createAuthChallenge", "customMessage", "defineAuthChallenge", "postAuthentication", "postConfirmation", "preAuthentication", "preSignUp", "preTokenGeneration", "userMigration", "verifyAuthChallengeResponse", "customEmailSender", "customSmsSender"].map((name) => [name, `functions/${name}.main`]),
  )
  const { template, auth } = (() => {
    let auth: Cognito | undefined
    const result = synth((stack) => {
      auth = new Cognito(stack, "Auth", { triggers, defaults: { function: { timeout: 30 } }, cdk: { userPool: { customSenderKmsKey: "arn:aws:kms:us-east-1:123456789012:key/abc" } } })
      // The known CDK trap: a trigger allowed to act on its own pool.
      auth.attachPermissionsForTrigger("postConfirmation", [new PolicyStatement({ actions: ["cognito-idp:AdminAddUserToGroup"], resources: [auth.userPoolArn] })])
      auth.bindForTriggers([])
    })
    return { ...result, auth: auth as Cognito }
  })()
  const r = template.Resources
  const config = r.AuthUserPool.Properties.LambdaConfig
  assert.deepEqual(config.PreSignUp, { "Fn::GetAtt": ["AuthpreSignUp", "Arn"] })
  assert.deepEqual(config.CustomEmailSender, { LambdaArn: { "Fn::GetAtt": ["AuthcustomEmailSender", "Arn"] }, LambdaVersion: "V1_0" })
  assert.deepEqual(config.CustomSMSSender, { LambdaArn: { "Fn::GetAtt": ["AuthcustomSmsSender", "Arn"] }, LambdaVersion: "V1_0" })
  assert.equal(config.KMSKeyID, "arn:aws:kms:us-east-1:123456789012:key/abc")
  assert.equal(Object.keys(config).length, 13)
  assert.deepEqual(r.AuthpreSignUpPermission.Properties, {
    Action: "lambda:InvokeFunction",
    FunctionName: { "Fn::GetAtt": ["AuthpreSignUp", "Arn"] },
    Principal: "cognito-idp.amazonaws.com",
    SourceArn: { "Fn::GetAtt": ["AuthUserPool", "Arn"] },
  })
  assert.equal(r.AuthpreSignUp.Properties.Timeout, 30)
  assert.ok(auth.getFunction("preSignUp"))
  assert.deepEqual(statementsOf(r, "AuthpostConfirmation")[0].Resource, { "Fn::GetAtt": ["AuthUserPool", "Arn"] })
  assert.deepEqual(validateTemplate(template), [])
})

test("Cognito asks for a KMS key with the custom sender triggers", () => {
  const error = catchValidation(() => build({ triggers: { customEmailSender: "functions/send.main" } }))
  assert.equal(error.problems[0].code, "MissingCustomSenderKmsKey")
})

test("Cognito refuses an unknown trigger and names the known ones", () => {
  const error = catchValidation(() => build({ triggers: { preSignup: "functions/x.main" } as never }))
  assert.equal(error.problems[0].code, "UnknownProp")
  assert.equal(error.problems[0].property, "triggers.preSignup")
  assert.match(error.message, /did you mean "preSignUp"\?/)
})

test("Cognito federates Auth0 through an OpenID Connect provider and the social providers by their login names", () => {
  const { template } = build({
    identityPoolFederation: {
      auth0: { domain: "myorg.us.auth0.com", clientId: "auth0-client" },
      facebook: { appId: "fb" },
      google: { clientId: "g" },
      twitter: { consumerKey: "k", consumerSecret: "s" },
      amazon: { appId: "amzn" },
      apple: { servicesId: "apple" },
    },
  })
  const r = template.Resources
  assert.deepEqual(r.AuthAuth0Provider.Properties, { Url: "https://myorg.us.auth0.com", ClientIdList: ["auth0-client"] })
  assert.deepEqual(r.AuthIdentityPool.Properties.OpenIdConnectProviderARNs, [{ "Fn::GetAtt": ["AuthAuth0Provider", "Arn"] }])
  assert.deepEqual(r.AuthIdentityPool.Properties.SupportedLoginProviders, {
    "www.amazon.com": "amzn",
    "graph.facebook.com": "fb",
    "accounts.google.com": "g",
    "api.twitter.com": "k;s",
    "appleid.apple.com": "apple",
  })
  assert.deepEqual(validateTemplate(template), [])
})

test("Cognito reports an Auth0 federation without a domain", () => {
  const error = catchValidation(() => build({ identityPoolFederation: { auth0: { clientId: "x" } as never } }))
  assert.equal(error.problems[0].property, "identityPoolFederation.auth0.domain")
})

test("Cognito without an identity pool has no roles, and granting users then says why", () => {
  const { template, auth } = build({ identityPoolFederation: false })
  assert.equal(template.Resources.AuthIdentityPool, undefined)
  assert.equal(auth.cognitoIdentityPoolId, undefined)
  const error = catchValidation(() => synth((stack) => new Cognito(stack, "Auth", { identityPoolFederation: false }).attachPermissionsForAuthUsers(stack, ["s3"])))
  assert.equal(error.problems[0].code, "NoIdentityPool")
})

test("Cognito grants signed-in users with a policy in the scope given (2022 signature) and in itself (one-argument form)", () => {
  const app = testApp()
  const authStack = new Stack(app, "AuthStack")
  const auth = new Cognito(authStack, "Auth", { login: ["email"] })
  const apiStack = new Stack(app, "ApiStack")
  const api = { id: "Api", getFunctionBinding: () => undefined, getPermissions: () => ({ "execute-api:Invoke": ["arn:aws:execute-api:us-east-1:123456789012:abc/*"] }) }
  auth.attachPermissionsForAuthUsers(apiStack, [api])
  auth.attachPermissionsForAuthUsers(apiStack, ["s3:GetObject"])
  auth.attachPermissionsForUnauthUsers(["s3:GetObject"])
  const { templates } = emit(app)
  const policy = templates.ApiStack.Resources.AuthAuthUsersPolicy
  assert.equal(policy.Type, "AWS::IAM::Policy")
  assert.deepEqual(policy.Properties.PolicyDocument.Statement, [
    { Effect: "Allow", Action: "execute-api:Invoke", Resource: "arn:aws:execute-api:us-east-1:123456789012:abc/*" },
    { Effect: "Allow", Action: "s3:GetObject", Resource: "*" },
  ])
  assert.equal(Object.keys(templates.ApiStack.Resources).length, 1, "one policy per scope and role")
  assert.deepEqual(templates.AuthStack.Resources.AuthUnauthUsersPolicy.Properties.Roles, [{ Ref: "AuthIdentityPoolUnauthRole" }])
  assert.deepEqual(validateTemplate(templates.AuthStack), [])
  assert.deepEqual(validateTemplate(templates.ApiStack), [])
})

test("Cognito maps the CDK user pool and client props SST v1 apps pass", () => {
  const { template } = build({
    login: ["email"],
    cdk: {
      userPool: {
        standardAttributes: { email: { required: true, mutable: false }, givenName: { required: true } },
        customAttributes: { tenant: { type: "String", mutable: true, maxLen: 32 } },
        passwordPolicy: { minLength: 12, requireSymbols: false, tempPasswordValidity: "3 days" },
        mfa: "OPTIONAL",
        mfaSecondFactor: { sms: false, otp: true },
        removalPolicy: "destroy",
        selfSignUpEnabled: false,
      },
      userPoolClient: {
        supportedIdentityProviders: ["COGNITO", { name: "Google" }],
        oAuth: { callbackUrls: ["http://localhost:3000"], logoutUrls: ["http://localhost:3000/out"], scopes: ["openid", { scopeName: "email" }] },
        authFlows: { userPassword: true, userSrp: true },
        generateSecret: true,
        accessTokenValidity: "1 hour",
      },
    },
  })
  const r = template.Resources
  assert.equal(r.AuthUserPool.DeletionPolicy, undefined)
  const pool = r.AuthUserPool.Properties
  assert.deepEqual(pool.Schema, [
    { Name: "email", Mutable: false, Required: true },
    { Name: "given_name", Mutable: true, Required: true },
    { Name: "tenant", AttributeDataType: "String", Mutable: true, StringAttributeConstraints: { MaxLength: "32" } },
  ])
  assert.deepEqual(pool.Policies.PasswordPolicy, { MinimumLength: 12, RequireLowercase: true, RequireUppercase: true, RequireNumbers: true, RequireSymbols: false, TemporaryPasswordValidityDays: 3 })
  assert.equal(pool.MfaConfiguration, "OPTIONAL")
  assert.deepEqual(pool.EnabledMfas, ["SOFTWARE_TOKEN_MFA"])
  assert.deepEqual(pool.AdminCreateUserConfig, { AllowAdminCreateUserOnly: true })
  const client = r.AuthUserPoolClient.Properties
  assert.deepEqual(client.SupportedIdentityProviders, ["COGNITO", "Google"])
  assert.deepEqual(client.CallbackURLs, ["http://localhost:3000"])
  assert.deepEqual(client.LogoutURLs, ["http://localhost:3000/out"])
  assert.deepEqual(client.AllowedOAuthScopes, ["openid", "email"])
  assert.deepEqual(client.ExplicitAuthFlows, ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"])
  assert.equal(client.GenerateSecret, true)
  assert.equal(client.AccessTokenValidity, 60)
  assert.deepEqual(client.TokenValidityUnits, { AccessToken: "minutes" })
  assert.deepEqual(validateTemplate(template), [])
})

test("Cognito refuses cdk.userPool.lambdaTriggers and signInAliases with SST v1's advice", () => {
  const triggers = catchValidation(() => build({ cdk: { userPool: { lambdaTriggers: {} } as never } }))
  assert.equal(triggers.problems[0].code, "UseSstProp")
  assert.match(triggers.message, /cdk.userPool.lambdaTriggers cannot be configured in the Cognito construct. Use the "triggers" prop instead./)
  const aliases = catchValidation(() => build({ cdk: { userPool: { signInAliases: { email: true } } as never } }))
  assert.match(aliases.message, /Use the "login" prop instead/)
})

test("Cognito reports misspelt props and login values", () => {
  const typo = catchValidation(() => build({ logins: ["email"] } as never))
  assert.equal(typo.problems[0].code, "UnknownProp")
  assert.match(typo.message, /did you mean "login"\?/)
  const login = catchValidation(() => build({ login: ["mail"] } as never))
  assert.equal(login.problems[0].property, "login[0]")
  const client = catchValidation(() => build({ cdk: { userPoolClient: { oauth: {} } as never } }))
  assert.equal(client.problems[0].property, "cdk.userPoolClient.oauth")
  assert.match(client.message, /did you mean "oAuth"\?/)
})

test("Cognito uses an existing user pool and client and still builds an identity pool for them", () => {
  const { template, auth } = build({ cdk: { userPool: { userPoolId: "us-east-1_abc" }, userPoolClient: { userPoolClientId: "client123" } } })
  assert.equal(template.Resources.AuthUserPool, undefined)
  assert.equal(auth.userPoolId, "us-east-1_abc")
  assert.deepEqual(template.Resources.AuthIdentityPool.Properties.CognitoIdentityProviders[0].ClientId, "client123")
  assert.deepEqual(validateTemplate(template), [])
  const error = catchValidation(() => build({ cdk: { userPool: { userPoolId: "us-east-1_abc" } }, triggers: { preSignUp: "f.main" } }))
  assert.equal(error.problems[0].code, "ImportedUserPoolProp")
})

test("Cognito reports an unknown trigger name in attachPermissionsForTrigger", () => {
  const error = catchValidation(() => synth((stack) => new Cognito(stack, "Auth", { triggers: { preSignUp: "functions/x.main" } }).attachPermissionsForTrigger("postConfirmation", ["s3"])))
  assert.equal(error.problems[0].code, "UnknownTrigger")
  assert.match(error.message, /one of its triggers: "preSignUp"/)
})
