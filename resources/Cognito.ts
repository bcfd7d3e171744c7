/**
 * Cognito: a user pool, its client, and an identity pool with roles for signed-in and anonymous
 * users (SST v1's `Cognito`, called `Auth` before 1.10).
 *
 * The constructor reads like a table of contents: the user pool (or an existing one) with its
 * triggers, the client, then the identity pool and its two roles. The user pool holds the users,
 * so it is kept when it leaves the stack unless `cdk.userPool.removalPolicy` says otherwise.
 * @module
 */
import { Aws, CfnResource, Construct, Lazy, parseProps, type Problem, type Value } from "../compiler/index.ts"
import type { FunctionBinding, SSTConstruct } from "./bindable.ts"
import { Function } from "./Function.ts"
import { permissionsToStatements, type Permissions, type PolicyStatementJson } from "./function/permissions.ts"
import type { FunctionDefinition } from "./function/props.ts"
import { parseAt } from "./appsync-api/parse-at.ts"
import { createIdentityPool } from "./cognito/identity-pool.ts"
import {
  CognitoPropsSchema,
  FederationSchema,
  ImportedUserPoolClientSchema,
  ImportedUserPoolSchema,
  isImportedUserPool,
  isImportedUserPoolClient,
  TRIGGERS,
  UserPoolClientPropsSchema,
  UserPoolPropsSchema,
  type CognitoIdentityPoolFederationProps,
  type CognitoProps,
  type CognitoTriggerName,
  type CognitoUserPoolProps,
} from "./cognito/props.ts"
import { userPoolClientProperties, userPoolProperties, usesSms } from "./cognito/user-pool.ts"

export type * from "./cognito/props.ts"

/** The user pool as SST v1 apps read it from `auth.cdk.userPool`. */
export interface CognitoUserPool {
  userPoolId: string
  userPoolArn: string
  userPoolProviderName: string
  /** The `AWS::Cognito::UserPool`, when this construct created it. */
  resource?: CfnResource
}

export interface CognitoUserPoolClient {
  userPoolClientId: string
  resource?: CfnResource
}

export class Cognito extends Construct implements SSTConstruct {
  readonly cdk: {
    userPool: CognitoUserPool
    userPoolClient: CognitoUserPoolClient
    cfnIdentityPool?: CfnResource
    authRole?: CfnResource
    unauthRole?: CfnResource
  }
  private readonly props: CognitoProps
  private readonly triggerFunctions = new Map<CognitoTriggerName, Function>()
  private readonly userPolicies = new Map<string, { policy: CfnResource; statements: PolicyStatementJson[] }>()

  constructor(scope: Construct, id: string, rawProps: CognitoProps = {}) {
    super(scope, rawProps?.cdk?.id ?? id)
    this.props = parseProps(CognitoPropsSchema, rawProps, this, "Cognito")
    const userPool = this.createUserPool()
    const userPoolClient = this.createUserPoolClient(userPool)
    this.cdk = { userPool, userPoolClient }
    this.createIdentityPool()
  }

  get userPoolId(): string {
    return this.cdk.userPool.userPoolId
  }

  get userPoolArn(): string {
    return this.cdk.userPool.userPoolArn
  }

  get userPoolClientId(): string {
    return this.cdk.userPoolClient.userPoolClientId
  }

  /** The identity pool's id; undefined with `identityPoolFederation: false`. */
  get cognitoIdentityPoolId(): string | undefined {
    return this.cdk.cfnIdentityPool?.ref
  }

  /** The identity pool's ARN (CloudFormation has no attribute for it, so it is built from the id). */
  get cognitoIdentityPoolArn(): string | undefined {
    const id = this.cognitoIdentityPoolId
    return id === undefined ? undefined : `arn:${Aws.PARTITION}:cognito-identity:${this.app.region}:${Aws.ACCOUNT_ID}:identitypool/${id}`
  }

  /** The role signed-in users of the identity pool assume. */
  get authRole(): CfnResource | undefined {
    return this.cdk.authRole
  }

  /** The role anonymous users of the identity pool assume. */
  get unauthRole(): CfnResource | undefined {
    return this.cdk.unauthRole
  }

  /**
   * Grants signed-in users `permissions`; the policy is created in `scope`, so a stack that uses
   * this construct can grant access to its own resources. SST v1's older one-argument form
   * (permissions only) creates it here.
   * @example auth.attachPermissionsForAuthUsers(stack, [api])
   */
  attachPermissionsForAuthUsers(scope: Construct, permissions: Permissions): void
  attachPermissionsForAuthUsers(permissions: Permissions): void
  attachPermissionsForAuthUsers(scopeOrPermissions: Construct | Permissions, permissions?: Permissions): void {
    this.attachPermissionsForUsers("auth", scopeOrPermissions, permissions)
  }

  /** Grants anonymous users of the identity pool `permissions` (same forms as {@link attachPermissionsForAuthUsers}). */
  attachPermissionsForUnauthUsers(scope: Construct, permissions: Permissions): void
  attachPermissionsForUnauthUsers(permissions: Permissions): void
  attachPermissionsForUnauthUsers(scopeOrPermissions: Construct | Permissions, permissions?: Permissions): void {
    this.attachPermissionsForUsers("unauth", scopeOrPermissions, permissions)
  }

  /** Adds permissions to every trigger function. */
  attachPermissionsForTriggers(permissions: Permissions): void {
    for (const fn of this.triggerFunctions.values()) fn.attachPermissions(permissions)
  }

  /** Adds permissions to one trigger function. */
  attachPermissionsForTrigger(triggerName: CognitoTriggerName, permissions: Permissions): void {
    this.requireTrigger(triggerName, "attachPermissionsForTrigger")?.attachPermissions(permissions)
  }

  /** Binds constructs to every trigger function. */
  bindForTriggers(constructs: SSTConstruct[]): void {
    for (const fn of this.triggerFunctions.values()) fn.bind(constructs)
  }

  /** Binds constructs to one trigger function. */
  bindForTrigger(triggerName: CognitoTriggerName, constructs: SSTConstruct[]): void {
    this.requireTrigger(triggerName, "bindForTrigger")?.bind(constructs)
  }

  /** The function of a trigger, e.g. `getFunction("preSignUp")`. */
  getFunction(triggerName: CognitoTriggerName): Function | undefined {
    return this.triggerFunctions.get(triggerName)
  }

  getConstructMetadata(): unknown {
    return {
      type: "Cognito",
      data: {
        identityPoolId: this.cognitoIdentityPoolId,
        userPoolId: this.userPoolId,
        triggers: [...this.triggerFunctions].map(([name, fn]) => ({ name, fn: fn.path })),
      },
    }
  }

  /** Cognito has no values to bind (as in SST v1). */
  getFunctionBinding(): FunctionBinding | undefined {
    return undefined
  }

  private createUserPool(): CognitoUserPool {
    const raw = this.props.cdk?.userPool
    if (isImportedUserPool(raw)) return this.importUserPool(raw)
    this.refuseCdkTriggersAndAliases(raw)
    const props: CognitoUserPoolProps = raw === undefined ? {} : parseAt(UserPoolPropsSchema, raw, this, ["cdk", "userPool"], "Cognito")
    const properties = userPoolProperties(props, this.props.login, this.app.logicalPrefixedName(this.id))
    this.checkLogin()
    const resource = new CfnResource(this, "UserPool", {
      type: "AWS::Cognito::UserPool",
      properties: properties as Record<string, Value>,
      removalPolicy: props.removalPolicy ?? "retain",
    })
    if (usesSms(props, this.props.login)) resource.properties.SmsConfiguration = this.createSmsRole()
    const pool: CognitoUserPool = {
      userPoolId: resource.ref,
      userPoolArn: resource.getAtt("Arn"),
      userPoolProviderName: resource.getAtt("ProviderName"),
      resource,
    }
    this.addTriggers(resource, props)
    return pool
  }

  private importUserPool(raw: unknown): CognitoUserPool {
    const imported = parseAt(ImportedUserPoolSchema, raw, this, ["cdk", "userPool"], "Cognito")
    for (const property of ["triggers", "login"] as const) {
      if (this.props[property] === undefined) continue
      this.report({
        code: "ImportedUserPoolProp",
        property,
        problem: "is set while cdk.userPool is an existing user pool, which this app cannot change.",
        allowed: `${property} only for a user pool the construct creates.`,
        fix: `remove ${property}, or configure it on the existing pool.`,
      })
    }
    const arn = imported.userPoolArn ?? `arn:${Aws.PARTITION}:cognito-idp:${this.app.region}:${Aws.ACCOUNT_ID}:userpool/${imported.userPoolId}`
    return { userPoolId: imported.userPoolId, userPoolArn: arn, userPoolProviderName: `cognito-idp.${this.app.region}.amazonaws.com/${imported.userPoolId}` }
  }

  /** SST v1's own errors for CDK props that `triggers` and `login` replace. */
  private refuseCdkTriggersAndAliases(raw: unknown): void {
    if (raw === null || typeof raw !== "object") return
    const replaced = { lambdaTriggers: "triggers", signInAliases: "login" } as const
    for (const [cdkName, sstName] of Object.entries(replaced)) {
      if (!(cdkName in raw)) continue
      throw this.app.fail({
        code: "UseSstProp",
        path: this.displayPath,
        construct: "Cognito",
        property: `cdk.userPool.${cdkName}`,
        problem: `cannot be configured in the Cognito construct. Use the "${sstName}" prop instead.`,
        allowed: `${sstName} at the top level of the props.`,
        fix: cdkName === "lambdaTriggers" ? 'move each trigger to triggers, e.g. triggers: { preSignUp: "functions/pre-sign-up.main" }.' : 'list the sign-in attributes in login, e.g. login: ["email"].',
      })
    }
  }

  private checkLogin(): void {
    const login = this.props.login
    if (!login || !login.includes("preferredUsername") || login.includes("username")) return
    this.report({
      code: "PreferredUsernameWithoutUsername",
      property: "login",
      problem: 'includes "preferredUsername" but not "username".',
      allowed: 'a preferred user name is an alias of the user name: "preferredUsername" only with "username".',
      fix: 'add "username" to login.',
    })
  }

  /** The role Cognito sends SMS with. SNS SMS publishing has no resource to scope it to, so it is `sns:Publish` on `*`. */
  private createSmsRole(): Record<string, Value> {
    const externalId = `${this.app.name}-${this.app.stage}-${this.path}`.replace(/[^A-Za-z0-9+=,.@:/-]/g, "-")
    const role = new CfnResource(this, "UserPoolSmsRole", {
      type: "AWS::IAM::Role",
      properties: {
        AssumeRolePolicyDocument: {
          Version: "2012-10-17",
          Statement: [{ Effect: "Allow", Principal: { Service: "cognito-idp.amazonaws.com" }, Action: "sts:AssumeRole", Condition: { StringEquals: { "sts:ExternalId": externalId } } }],
        },
        Policies: [{ PolicyName: "sns-publish", PolicyDocument: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "sns:Publish", Resource: "*" }] } }],
      },
    })
    return { ExternalId: externalId, SnsCallerArn: role.getAtt("Arn"), SnsRegion: this.app.region }
  }

  private addTriggers(pool: CfnResource, props: CognitoUserPoolProps): void {
    const triggers = Object.entries(this.props.triggers ?? {}).filter(([, definition]) => definition !== undefined) as [CognitoTriggerName, FunctionDefinition][]
    if (triggers.length === 0) return
    const lambdaConfig: Record<string, Value> = {}
    for (const [name, definition] of triggers) {
      const fn = Function.fromDefinition(this, name, definition, this.props.defaults?.function)
      this.triggerFunctions.set(name, fn)
      const key = TRIGGERS[name]
      lambdaConfig[key] = key === "CustomEmailSender" || key === "CustomSMSSender" ? { LambdaArn: fn.functionArn, LambdaVersion: "V1_0" } : fn.functionArn
      new CfnResource(this, `${name}Permission`, {
        type: "AWS::Lambda::Permission",
        properties: { Action: "lambda:InvokeFunction", FunctionName: fn.functionArn, Principal: "cognito-idp.amazonaws.com", SourceArn: pool.getAtt("Arn") },
      })
    }
    const kmsKey = props.customSenderKmsKey
    if (kmsKey !== undefined) lambdaConfig.KMSKeyID = typeof kmsKey === "string" ? kmsKey : kmsKey.keyArn
    else if (this.props.triggers?.customEmailSender || this.props.triggers?.customSmsSender) {
      this.report({
        code: "MissingCustomSenderKmsKey",
        property: "cdk.userPool.customSenderKmsKey",
        problem: "is not set; the customEmailSender and customSmsSender triggers receive codes encrypted with a KMS key.",
        allowed: "the ARN of a symmetric KMS key, or { keyArn }.",
        fix: "set cdk.userPool.customSenderKmsKey to the key's ARN.",
      })
    }
    pool.properties.LambdaConfig = lambdaConfig
    this.app.addFinalizer(() => this.breakTriggerPolicyCycles())
  }

  /**
   * A trigger's policy may name the pool (`cognito-idp:AdminAddUserToGroup` on `userPoolArn`),
   * while the pool names the trigger: with the statements in the trigger's role, or the function
   * waiting for its policy, that is a cycle CloudFormation refuses (a known CDK trap). Cognito
   * calls a trigger only once the pool exists and users sign up, so the trigger's statements go
   * into a policy of their own that the function does not wait for; the cycle is cut there.
   */
  private breakTriggerPolicyCycles(): void {
    for (const fn of this.triggerFunctions.values()) fn.separatePolicy()
  }

  private createUserPoolClient(pool: CognitoUserPool): CognitoUserPoolClient {
    const raw = this.props.cdk?.userPoolClient
    if (isImportedUserPoolClient(raw)) {
      return { userPoolClientId: parseAt(ImportedUserPoolClientSchema, raw, this, ["cdk", "userPoolClient"], "Cognito").userPoolClientId }
    }
    const props = raw === undefined ? {} : parseAt(UserPoolClientPropsSchema, raw, this, ["cdk", "userPoolClient"], "Cognito")
    const flows = props.oAuth?.flows
    if (flows?.clientCredentials && (flows.authorizationCodeGrant || flows.implicitCodeGrant)) {
      this.report({
        code: "IncompatibleOAuthFlows",
        property: "cdk.userPoolClient.oAuth.flows",
        problem: "combines clientCredentials with authorizationCodeGrant or implicitCodeGrant.",
        allowed: "clientCredentials alone, or the code and implicit grants (Cognito refuses the mix).",
        fix: "use two clients, or drop clientCredentials.",
      })
    }
    const resource = new CfnResource(this, "UserPoolClient", {
      type: "AWS::Cognito::UserPoolClient",
      properties: { UserPoolId: pool.userPoolId, ...(userPoolClientProperties(props) as Record<string, Value>) },
    })
    return { userPoolClientId: resource.ref, resource }
  }

  private createIdentityPool(): void {
    const federation = this.props.identityPoolFederation
    if (federation === false) return
    const props: CognitoIdentityPoolFederationProps = federation === undefined || federation === true ? {} : parseAt(FederationSchema, federation, this, ["identityPoolFederation"], "Cognito")
    const parts = createIdentityPool(this, props, {
      name: this.app.logicalPrefixedName(this.id),
      region: this.app.region,
      urlSuffix: Aws.URL_SUFFIX,
      userPoolId: this.userPoolId,
      userPoolClientId: this.userPoolClientId,
    })
    this.cdk.cfnIdentityPool = parts.pool
    this.cdk.authRole = parts.authRole
    this.cdk.unauthRole = parts.unauthRole
  }

  private attachPermissionsForUsers(kind: "auth" | "unauth", scopeOrPermissions: Construct | Permissions, maybePermissions?: Permissions): void {
    const scope = scopeOrPermissions instanceof Construct ? scopeOrPermissions : this
    const permissions = scopeOrPermissions instanceof Construct ? maybePermissions : scopeOrPermissions
    const method = kind === "auth" ? "attachPermissionsForAuthUsers" : "attachPermissionsForUnauthUsers"
    const role = kind === "auth" ? this.cdk.authRole : this.cdk.unauthRole
    if (!role) {
      this.report({
        code: "NoIdentityPool",
        property: method,
        problem: "is called, but identityPoolFederation is false, so there are no user roles.",
        allowed: `${method} with an identity pool.`,
        fix: "remove identityPoolFederation: false, or grant access another way.",
      })
      return
    }
    if (permissions === undefined) {
      this.report({ code: "MissingPermissions", property: method, problem: "is called without permissions.", allowed: `${method}(stack, permissions).`, fix: `pass the permissions, e.g. ${method}(stack, [api]).` })
      return
    }
    const statements = permissionsToStatements(permissions, (problem) => this.report(problem), method)
    const granted = this.userPolicy(scope, kind, role)
    for (const statement of statements) if (!granted.some((s) => JSON.stringify(s) === JSON.stringify(statement))) granted.push(statement)
  }

  /** One policy per scope and role, holding every statement granted from that scope. */
  private userPolicy(scope: Construct, kind: "auth" | "unauth", role: CfnResource): PolicyStatementJson[] {
    const suffix = kind === "auth" ? "AuthUsersPolicy" : "UnauthUsersPolicy"
    const id = scope === this ? suffix : `${this.id}${suffix}`
    const key = `${scope.path}|${id}`
    const existing = this.userPolicies.get(key)
    if (existing) return existing.statements
    const statements: PolicyStatementJson[] = []
    const policy = new CfnResource(scope, id, {
      type: "AWS::IAM::Policy",
      properties: {
        PolicyName: `${scope.path}/${id}`.replace(/[^A-Za-z0-9]/g, "").slice(-128),
        PolicyDocument: { Version: "2012-10-17", Statement: new Lazy(() => [...statements], this.app) },
        Roles: [role.ref],
      },
    })
    this.userPolicies.set(key, { policy, statements })
    return statements
  }

  private requireTrigger(triggerName: CognitoTriggerName, method: string): Function | undefined {
    const fn = this.triggerFunctions.get(triggerName)
    if (!fn) {
      const known = [...this.triggerFunctions.keys()]
      this.report({
        code: "UnknownTrigger",
        property: `${method}(${JSON.stringify(triggerName)})`,
        problem: "names a trigger this Cognito does not have.",
        allowed: known.length > 0 ? `one of its triggers: ${known.map((k) => JSON.stringify(k)).join(", ")}.` : "a trigger set in triggers (there are none).",
        fix: `add ${JSON.stringify(triggerName)} to triggers, or name an existing one.`,
      })
    }
    return fn
  }

  private report(problem: Omit<Problem, "path" | "construct">): void {
    this.app.report({ ...problem, path: this.displayPath, construct: "Cognito" } as Problem)
  }
}
