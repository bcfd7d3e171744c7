/**
 * Auth: SST Auth (v1.18), an `authenticator` function served under a prefix of an Api, signing
 * sessions with an RSA key pair.
 *
 * The key pair never appears in a template: a deploy-time custom resource (`Custom::AuthKeys`,
 * see custom-resource/) generates it on first deploy and writes both PEM keys to SSM as
 * SecureStrings at `/sst/<app>/<stage>/Auth/<id>/publicKey` and `.../privateKey`, where SST v1's
 * runtime client reads them. `attach` adds the authenticator's routes to an Api and gives them the
 * prefix and both keys; every route of that Api gets the public key (to verify sessions) through
 * the binding. Functions hold `__FETCH_FROM_SSM__` in their environment and may read exactly
 * those parameters.
 * @module
 */
import { Aws, CfnResource, Construct, parseProps, type Problem } from "../compiler/index.ts"
import type { Api } from "./Api.ts"
import { bindingEnvironmentKey, bindingParameterName, ENVIRONMENT_PLACEHOLDER, type FunctionBinding, type SSTConstruct } from "./bindable.ts"
import { createCustomResource } from "./custom-resource/provider.ts"
import type { Function } from "./Function.ts"
import type { FunctionDefinition } from "./function/props.ts"
import { AuthPropsSchema, COGNITO_PROPS, type AuthProps, type ApiAttachmentProps } from "./auth/props.ts"

export type { ApiAttachmentProps, AuthProps } from "./auth/props.ts"

const DEFAULT_PREFIX = "/auth"
/** Every Auth attached to each Api: an Api has at most one (SST v1's rule). */
const authOfApi = new WeakMap<Api, Auth>()

export class Auth extends Construct implements SSTConstruct {
  /** The `Custom::AuthKeys` resource that creates the key pair. */
  readonly keys: CfnResource
  private readonly authenticator: FunctionDefinition
  private readonly apis = new Set<Api>()
  private prefixParameter: CfnResource | undefined

  constructor(scope: Construct, id: string, rawProps: AuthProps) {
    super(scope, id)
    this.refuseCognitoProps(rawProps)
    const props = parseProps(AuthPropsSchema, rawProps, this, "Auth")
    this.authenticator = props.authenticator
    this.keys = createCustomResource(this, "Keys", {
      kind: "auth-keys",
      properties: { publicPath: this.parameterName("publicKey"), privatePath: this.parameterName("privateKey") },
      permissions: [
        {
          Effect: "Allow",
          Action: ["ssm:GetParameter", "ssm:PutParameter", "ssm:DeleteParameters"],
          Resource: [this.parameterArn("publicKey"), this.parameterArn("privateKey")],
        },
      ],
    })
  }

  /**
   * Serves the authenticator under `prefix` of `api` (`ANY <prefix>/{proxy+}` and `GET <prefix>`);
   * its functions are created in `scope`. Every route of the Api can then verify sessions.
   * @example auth.attach(stack, { api, prefix: "/auth" })
   */
  attach(scope: Construct, rawProps: ApiAttachmentProps): void {
    const { api, prefix = DEFAULT_PREFIX } = rawProps ?? ({} as ApiAttachmentProps)
    if (!this.canAttach(api, prefix)) return
    for (const route of [`ANY ${prefix}/{proxy+}`, `GET ${prefix}`]) {
      api.addRoutes(scope, { [route]: { type: "function", function: this.authenticator } })
      const fn = api.getFunction(route)
      if (fn) this.grantAuthenticator(fn, prefix)
    }
    // The prefix lives in SSM too, where `sst bind` and the console read it (one Auth, one prefix).
    this.prefixParameter ??= new CfnResource(this, "Parameter_prefix", {
      type: "AWS::SSM::Parameter",
      properties: { Name: this.parameterName("prefix"), Type: "String", Value: prefix },
    })
    api.bind([this])
    this.apis.add(api)
    authOfApi.set(api, this)
  }

  getConstructMetadata(): unknown {
    return { type: "Auth", data: {} }
  }

  /** Binding gives the public key (`SST_Auth_publicKey_<id>`, read from SSM) to verify sessions. */
  getFunctionBinding(): FunctionBinding {
    return { clientPackage: "auth", variables: { publicKey: { type: "secret", value: ENVIRONMENT_PLACEHOLDER } }, permissions: {} }
  }

  /** The authenticator signs sessions: it gets the prefix and both keys, and may read both parameters. */
  private grantAuthenticator(fn: Function, prefix: string): void {
    fn.addEnvironment(bindingEnvironmentKey(this, "prefix"), prefix)
    fn.addEnvironment(bindingEnvironmentKey(this, "publicKey"), ENVIRONMENT_PLACEHOLDER)
    fn.addEnvironment(bindingEnvironmentKey(this, "privateKey"), ENVIRONMENT_PLACEHOLDER)
    fn.attachPermissions([{ actions: ["ssm:GetParameters"], resources: [this.parameterArn("publicKey"), this.parameterArn("privateKey")] }])
  }

  private canAttach(api: Api | undefined, prefix: string): api is Api {
    const fail = (code: string, property: string, problem: string, allowed: string, fix: string) => {
      this.report({ code, property, problem, allowed, fix })
      return false
    }
    if (!api || typeof (api as { addRoutes?: unknown }).addRoutes !== "function") {
      return fail("MissingApi", "attach(scope, { api })", "is given no Api.", "an Api construct.", "pass the Api: auth.attach(stack, { api }).")
    }
    if (!/^\/[A-Za-z0-9._~-]+(\/[A-Za-z0-9._~-]+)*$/.test(prefix)) {
      return fail("InvalidAuthPrefix", "attach(scope, { prefix })", `is ${JSON.stringify(prefix)}.`, 'a path starting with "/", without a trailing "/" or parameters, e.g. "/auth".', 'use e.g. prefix: "/auth".')
    }
    if (this.apis.has(api)) {
      return fail("AuthAlreadyAttached", "attach(scope, { api })", `attaches this Auth to the Api "${api.displayPath}" a second time.`, "one attach per Api.", "remove the second attach call.")
    }
    const other = authOfApi.get(api)
    if (other && other !== this) {
      return fail("ApiHasAuth", "attach(scope, { api })", `names the Api "${api.displayPath}", which already has the Auth "${other.displayPath}" attached.`, "one Auth per Api.", "attach only one Auth to this Api.")
    }
    const prefixValue = this.prefixParameter?.properties.Value
    if (prefixValue !== undefined && prefixValue !== prefix) {
      return fail("AuthPrefixMismatch", "attach(scope, { prefix })", `is ${JSON.stringify(prefix)}, but this Auth was attached under ${JSON.stringify(prefixValue)} before.`, "one prefix for every Api an Auth is attached to (sessions name it).", `use prefix: ${JSON.stringify(prefixValue)}.`)
    }
    return true
  }

  /** SST v1's own error: before 1.10, `Auth` was what is now `Cognito`. */
  private refuseCognitoProps(raw: unknown): void {
    const cognitoProp = raw !== null && typeof raw === "object" ? COGNITO_PROPS.find((prop) => prop in raw) : undefined
    const authenticator = raw !== null && typeof raw === "object" ? (raw as { authenticator?: unknown }).authenticator : undefined
    if (authenticator !== undefined && !cognitoProp) return
    throw this.app.fail({
      code: "AuthRenamedToCognito",
      path: this.displayPath,
      construct: "Auth",
      property: cognitoProp ?? "authenticator",
      problem: "It looks like you may be passing in Cognito props to the Auth construct. The Auth construct was renamed to Cognito in version 1.10.0.",
      allowed: "Auth with { authenticator } (SST Auth), or Cognito with login, triggers, identityPoolFederation, defaults and cdk.",
      fix: cognitoProp ? 'use new Cognito(stack, id, props) (import { Cognito } from "@serverless-stack/resources").' : 'set authenticator, e.g. { authenticator: "functions/auth.handler" }.',
    })
  }

  private parameterName(prop: string): string {
    return bindingParameterName({ name: this.app.name, stage: this.app.stage, ssmPrefix: (this.app as { ssmPrefix?: string }).ssmPrefix }, this, prop)
  }

  private parameterArn(prop: string): string {
    return `arn:${Aws.PARTITION}:ssm:${this.app.region}:${Aws.ACCOUNT_ID}:parameter${this.parameterName(prop)}`
  }

  private report(problem: Omit<Problem, "path" | "construct">): void {
    this.app.report({ ...problem, path: this.displayPath, construct: "Auth" } as Problem)
  }
}
