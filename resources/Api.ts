/**
 * Api: an API Gateway HTTP API whose routes call functions (SST v1's `Api`).
 *
 * The constructor reads like a table of contents: check the props, create the API and its
 * `$default` stage (auto-deployed, access-logged), the custom domain, the authorizers, then the
 * routes. Routes are lean: routes with the same handler and props share one Function
 * (api/shared-functions.ts), every function has one integration and one invoke permission however
 * many routes use it, and an API with many functions invokes them through shared roles instead
 * (api/invoke-access.ts). A route itself costs one `AWS::ApiGatewayV2::Route`.
 * @module
 */
import { z } from "zod"
import { Aws, CfnResource, Construct, parseProps, type Problem } from "../compiler/index.ts"
import { closest, formatPath } from "../compiler/props.ts"
import type { App } from "./App.ts"
import type { FunctionBinding, SSTConstruct } from "./bindable.ts"
import { Function } from "./Function.ts"
import type { Permissions } from "./function/permissions.ts"
import type { FunctionDefinition } from "./function/props.ts"
import { createAccessLog } from "./api/access-log.ts"
import { createHttpAuthorizer } from "./api/authorizers.ts"
import { CorsSchema, corsConfiguration, type ApiCorsProps } from "./api/cors.ts"
import { createApiGatewayV2Domain } from "./api/domain.ts"
import { credentialsOf, executeApiSourceArn, InvokeAccess } from "./api/invoke-access.ts"
import { parseEntry } from "./api/parse-entry.ts"
import { ApiPropsSchema, authorizerSchema, routeSchema, toParsedRoute, type ApiAuthorizer, type ApiPayloadFormatVersion, type ApiProps, type ApiRouteProps, type ParsedRoute } from "./api/props.ts"
import { isRouteKeyError, normalizeRouteKey, parseRouteKey, ROUTE_KEY_ALLOWED, routeConstructSuffix, type RouteKey } from "./api/route-key.ts"
import { SharedFunctions } from "./api/shared-functions.ts"

export type {
  ApiAccessLogProps,
  ApiAuthorizer,
  ApiCorsProps,
  ApiDomainProps,
  ApiFunctionRouteProps,
  ApiGraphQLRouteProps,
  ApiHttpRouteProps,
  ApiJwtAuthorizer,
  ApiLambdaAuthorizer,
  ApiPayloadFormatVersion,
  ApiPothosRouteProps,
  ApiProps,
  ApiRouteProps,
  ApiUserPoolAuthorizer,
} from "./api/props.ts"

interface RouteData {
  type: ParsedRoute["type"]
  route: CfnResource
  function?: Function
  url?: string
}

const INHERIT_ERROR = 'has "defaults.function", which cannot apply to a Function passed in. Define the routes with handler strings or function props so the defaults apply.'

/**
 * An HTTP API.
 * @example
 * new Api(stack, "Api", {
 *   defaults: { function: { bind: [table] } },
 *   routes: { "GET /notes": "functions/list.main", "POST /notes": "functions/create.main" },
 * })
 */
export class Api<Authorizers extends Record<string, ApiAuthorizer> = Record<string, ApiAuthorizer>> extends Construct implements SSTConstruct {
  /** The resources behind the API. */
  readonly cdk: {
    /** The `AWS::ApiGatewayV2::Api`. */
    httpApi: CfnResource
    /** The `$default` `AWS::ApiGatewayV2::Stage`. */
    httpStage: CfnResource
    /** The access log group, when access logs go to one this API created. */
    accessLogGroup?: CfnResource
    /** The custom domain's `AWS::ApiGatewayV2::DomainName`, when this API created it. */
    domainName?: CfnResource
    /** The custom domain's certificate, when this API created it. */
    certificate?: CfnResource
  }
  /** @internal Props after checking. */
  protected readonly props: ApiProps<Authorizers>
  private readonly routesData = new Map<string, RouteData>()
  private readonly authorizersData = new Map<string, { type: ApiAuthorizer["type"]; resource: CfnResource }>()
  private readonly functions = new SharedFunctions(() => this.props.defaults?.function, INHERIT_ERROR)
  private readonly integrations = new Map<Function, Map<ApiPayloadFormatVersion, CfnResource>>()
  private readonly invokeAccess = new InvokeAccess(this, () => executeApiSourceArn(this.region, this.httpApiId))
  private readonly usedSuffixes = new Set<string>()
  private readonly permissionsForAllRoutes: Permissions[] = []
  private readonly bindingsForAllRoutes: SSTConstruct[][] = []
  private customDomainUrlValue: string | undefined

  constructor(scope: Construct, id: string, props?: ApiProps<Authorizers>) {
    super(scope, id)
    this.props = this.checkProps(props ?? {}) as ApiProps<Authorizers>
    this.cdk = {} as Api["cdk"]
    this.cdk.httpApi = this.createHttpApi()
    this.cdk.httpStage = this.createStage()
    this.createCustomDomain()
    this.addAuthorizers(this.props.authorizers ?? {})
    this.checkDefaultAuthorizer()
    this.addRoutes(this, (this.props.routes ?? {}) as Record<string, ApiRouteProps<keyof Authorizers>>)
  }

  /** The URL API Gateway generated: `https://<apiId>.execute-api.<region>.amazonaws.com`. */
  get url(): string {
    return `https://${this.cdk.httpApi.ref}.execute-api.${this.region}.${Aws.URL_SUFFIX}`
  }

  /** The custom domain's URL, when `customDomain` is set (`https://<domain>/<path>/` with a path). */
  get customDomainUrl(): string | undefined {
    return this.customDomainUrlValue
  }

  /** The route keys, normalised ("GET /notes"), in the order they were added. */
  get routes(): string[] {
    return [...this.routesData.keys()]
  }

  /** The id of the `AWS::ApiGatewayV2::Api`. */
  get httpApiId(): string {
    return this.cdk.httpApi.ref
  }

  /** `arn:<partition>:apigateway:<region>::/apis/<apiId>`, as SST v1 built it. */
  get httpApiArn(): string {
    return `arn:${Aws.PARTITION}:apigateway:${this.region}::/apis/${this.httpApiId}`
  }

  /**
   * Adds routes; their functions are created in `scope` (a stack, or this Api).
   * @example api.addRoutes(stack, { "GET /notes/{id}": "functions/get.main" })
   */
  addRoutes(scope: Construct, routes: Record<string, ApiRouteProps<keyof Authorizers>>): void {
    for (const [key, value] of Object.entries(routes)) this.addRoute(scope, key, value)
  }

  /** The function of a route ("GET /notes", any spacing), or undefined for URL routes and unknown keys. */
  getFunction(routeKey: string): Function | undefined {
    return this.routesData.get(normalizeRouteKey(routeKey))?.function
  }

  /** Grants every route function, including those of routes added later. */
  attachPermissions(permissions: Permissions): void {
    for (const fn of this.routeFunctions()) fn.attachPermissions(permissions)
    this.permissionsForAllRoutes.push(permissions)
  }

  /** Grants the function of one route (and so every route that shares that function). */
  attachPermissionsToRoute(routeKey: string, permissions: Permissions): void {
    this.functionOfRoute(routeKey, "attachPermissionsToRoute").attachPermissions(permissions)
  }

  /** Binds `constructs` to every route function, including those of routes added later. */
  bind(constructs: SSTConstruct[]): void {
    for (const fn of this.routeFunctions()) fn.bind(constructs)
    this.bindingsForAllRoutes.push(constructs)
  }

  /** Binds `constructs` to the function of one route (and so every route that shares that function). */
  bindToRoute(routeKey: string, constructs: SSTConstruct[]): void {
    this.functionOfRoute(routeKey, "bindToRoute").bind(constructs)
  }

  /** Replaces the API's CORS settings. */
  setCors(cors: boolean | ApiCorsProps): void {
    const checked = parseProps(z.strictObject({ cors: z.union([z.boolean(), CorsSchema]) }), { cors }, this).cors
    this.cdk.httpApi.properties.CorsConfiguration = corsConfiguration(checked)
  }

  /** What the console shows about this API. */
  getConstructMetadata(): unknown {
    return {
      type: "Api",
      data: {
        graphql: false,
        url: this.url,
        httpApiId: this.httpApiId,
        customDomainUrl: this.customDomainUrl,
        routes: [...this.routesData].map(([route, data]) => ({ type: data.type, route, fn: data.function?.path })),
      },
    }
  }

  /** Binding an Api gives its URL (`SST_Api_url_<id>`); it grants nothing. */
  getFunctionBinding(): FunctionBinding {
    return { clientPackage: "api", variables: { url: { type: "plain", value: this.customDomainUrl ?? this.url } }, permissions: {} }
  }

  /** As a permission (`permissions: [api]`), an Api lets the holder call it with IAM authorization. */
  getPermissions(): Record<string, string[]> {
    return { "execute-api:Invoke": [`arn:${Aws.PARTITION}:execute-api:${this.region}:${Aws.ACCOUNT_ID}:${this.httpApiId}/*`] }
  }

  /** @internal Checks the raw props; GraphQLApi turns its own props into these. */
  protected checkProps(raw: unknown): ApiProps {
    return parseProps(ApiPropsSchema, raw, this)
  }

  private get region(): string {
    return this.enclosingStack.region
  }

  private createHttpApi(): CfnResource {
    return new CfnResource(this, "Resource", {
      type: "AWS::ApiGatewayV2::Api",
      properties: { Name: this.app.logicalPrefixedName(this.id), ProtocolType: "HTTP", CorsConfiguration: corsConfiguration(this.props.cors) },
    })
  }

  private createStage(): CfnResource {
    const throttle = this.props.defaults?.throttle
    const accessLog = createAccessLog(this, this.props.accessLog, { apiName: this.app.logicalPrefixedName(this.id), apiId: this.httpApiId, stageName: "$default", protocol: "http" })
    this.cdk.accessLogGroup = accessLog?.logGroup
    return new CfnResource(this, "Stage", {
      type: "AWS::ApiGatewayV2::Stage",
      properties: {
        ApiId: this.httpApiId,
        StageName: "$default",
        AutoDeploy: true,
        AccessLogSettings: accessLog?.settings,
        DefaultRouteSettings: throttle && (throttle.burst !== undefined || throttle.rate !== undefined) ? { ThrottlingBurstLimit: throttle.burst, ThrottlingRateLimit: throttle.rate } : undefined,
      },
    })
  }

  private createCustomDomain(): void {
    if (this.props.customDomain === undefined) return
    const domain = createApiGatewayV2Domain(this, this.props.customDomain, { apiId: this.httpApiId, stage: this.cdk.httpStage, protocol: "https" })
    if (!domain) return
    this.customDomainUrlValue = domain.url
    this.cdk.domainName = domain.domainName
    this.cdk.certificate = domain.certificate
  }

  private addAuthorizers(authorizers: Record<string, ApiAuthorizer>): void {
    for (const [key, value] of Object.entries(authorizers)) {
      if (key === "none" || key === "iam") {
        this.report({
          code: "ReservedAuthorizerName",
          property: `authorizers.${key}`,
          problem: `uses the name "${key}", which is the built-in authorizer "${key}".`,
          allowed: 'any other name; "none" and "iam" need no entry in authorizers.',
          fix: `rename it, e.g. "${key}Authorizer", or remove it and use authorizer: "${key}".`,
        })
        continue
      }
      const authorizer = parseEntry(authorizerSchema(value), "authorizers", key, value, this) as ApiAuthorizer | undefined
      if (!authorizer) continue
      const resource = createHttpAuthorizer(this, key, authorizer, { apiId: this.httpApiId, region: this.region })
      this.authorizersData.set(key, { type: authorizer.type, resource })
    }
  }

  private checkDefaultAuthorizer(): void {
    const name = this.props.defaults?.authorizer
    if (name !== undefined) this.checkAuthorizerName(name as string, "defaults.authorizer")
  }

  private addRoute(scope: Construct, rawKey: string, rawValue: unknown): void {
    const property = formatPath(["routes", rawKey])
    const route = parseRouteKey(rawKey)
    if (isRouteKeyError(route)) {
      this.report({ code: "InvalidRouteKey", property, problem: "is not a valid route key.", allowed: ROUTE_KEY_ALLOWED, fix: route.fix })
      return
    }
    if (this.routesData.has(route.key)) {
      this.report({
        code: "DuplicateRoute",
        property,
        problem: `is the route "${route.key}", which this API already has.`,
        allowed: 'each method and path once per API ("GET /notes" and "GET   /notes" are the same route).',
        fix: "remove one of the two routes.",
      })
      return
    }
    const checked = parseEntry(routeSchema(rawValue), "routes", rawKey, rawValue, this)
    if (checked === undefined) return
    const value = toParsedRoute(checked)
    const auth = this.routeAuthorization(value, property)
    if (!auth) return
    const suffix = this.uniqueSuffix(route)
    const prefix = scope === this ? "" : `${this.id}_`
    let integration: CfnResource
    let fn: Function | undefined
    if (value.type === "url") {
      integration = this.createUrlIntegration(scope, `${prefix}Integration_${suffix}`, route, value.url)
    } else {
      if (value.type === "pothos") this.app.warn(`${this.constructor.name} "${this.displayPath}": ${property} uses type "pothos", deprecated in SST v1.18; it is deployed as a plain function route (use type "graphql").`)
      fn = this.routeFunction(scope, `${prefix}Lambda_${suffix}`, value.function)
      const version = (value.type === "function" ? value.payloadFormatVersion : undefined) ?? this.props.defaults?.payloadFormatVersion ?? "2.0"
      integration = this.functionIntegration(scope, prefix, suffix, fn, version)
    }
    const resource = new CfnResource(scope, `${prefix}Route_${suffix}`, {
      type: "AWS::ApiGatewayV2::Route",
      properties: { ApiId: this.httpApiId, RouteKey: route.key, Target: `integrations/${integration.ref}`, ...auth },
    })
    this.routesData.set(route.key, { type: value.type, route: resource, function: fn, url: value.type === "url" ? value.url : undefined })
  }

  /** The route's function; a function new to this API gets the permissions and bindings given for all routes. */
  private routeFunction(scope: Construct, id: string, definition: FunctionDefinition): Function {
    const fn = this.functions.functionFor(scope, id, definition)
    if (this.integrations.has(fn)) return fn
    if ((this.app as App).local) fn.addEnvironment("SST_DEBUG_IS_API_ROUTE", "1")
    for (const permissions of this.permissionsForAllRoutes) fn.attachPermissions(permissions)
    for (const constructs of this.bindingsForAllRoutes) fn.bind(constructs)
    return fn
  }

  /** One integration per function and payload version; API Gateway's access to invoke it is wired at emit (api/invoke-access.ts). */
  private functionIntegration(scope: Construct, prefix: string, suffix: string, fn: Function, version: ApiPayloadFormatVersion): CfnResource {
    let byVersion = this.integrations.get(fn)
    if (!byVersion) this.integrations.set(fn, (byVersion = new Map()))
    let integration = byVersion.get(version)
    if (!integration) {
      integration = new CfnResource(scope, `${prefix}Integration_${suffix}`, {
        type: "AWS::ApiGatewayV2::Integration",
        properties: { ApiId: this.httpApiId, IntegrationType: "AWS_PROXY", IntegrationUri: fn.functionArn, PayloadFormatVersion: version },
      })
      byVersion.set(version, integration)
      this.invokeAccess.add(scope, `${prefix}Permission_${suffix}`, fn, credentialsOf(integration))
    }
    return integration
  }

  private createUrlIntegration(scope: Construct, id: string, route: RouteKey, url: string): CfnResource {
    return new CfnResource(scope, id, {
      type: "AWS::ApiGatewayV2::Integration",
      // HTTP proxy integrations take payload format 1.0 only.
      properties: { ApiId: this.httpApiId, IntegrationType: "HTTP_PROXY", IntegrationMethod: route.method, IntegrationUri: url, PayloadFormatVersion: "1.0" },
    })
  }

  /** The route's authorization properties, or undefined (reported) when it names an unknown authorizer. */
  private routeAuthorization(value: ParsedRoute, property: string): Record<string, unknown> | undefined {
    const name = value.authorizer ?? (this.props.defaults?.authorizer as string | undefined) ?? "none"
    // Explicit NONE: removing AWS_IAM from a template would otherwise leave the route on AWS_IAM.
    if (name === "none") return { AuthorizationType: "NONE" }
    if (name === "iam") return { AuthorizationType: "AWS_IAM" }
    const authorizer = this.authorizersData.get(name)
    if (!authorizer) {
      // An unknown default is reported once, by checkDefaultAuthorizer.
      if (value.authorizer !== undefined) this.checkAuthorizerName(name, `${property}.authorizer`)
      return undefined
    }
    if (authorizer.type === "lambda") return { AuthorizationType: "CUSTOM", AuthorizerId: authorizer.resource.ref }
    return { AuthorizationType: "JWT", AuthorizerId: authorizer.resource.ref, AuthorizationScopes: value.authorizationScopes ?? this.props.defaults?.authorizationScopes }
  }

  private checkAuthorizerName(name: string, property: string): void {
    if (name === "none" || name === "iam" || this.authorizersData.has(name)) return
    const known = Object.keys(this.props.authorizers ?? {})
    if (known.includes(name)) return // defined, but its own problem was reported
    const suggestion = closest(name, ["none", "iam", ...known])
    this.report({
      code: "UnknownAuthorizer",
      property,
      problem: `names the authorizer "${name}", which this API does not have.`,
      allowed: `"none", "iam"${known.map((key) => `, "${key}"`).join("")} (the keys of authorizers).`,
      fix: suggestion ? `did you mean "${suggestion}"?` : `add "${name}" to authorizers, or use "none" or "iam".`,
    })
  }

  /** The construct-id suffix of a route, unique in this API even when two paths read alike ("/a/b", "/ab"). */
  private uniqueSuffix(route: RouteKey): string {
    const base = routeConstructSuffix(route)
    let suffix = base
    for (let n = 2; this.usedSuffixes.has(suffix.replace(/[^A-Za-z0-9]/g, "")); n++) suffix = `${base}_${n}`
    this.usedSuffixes.add(suffix.replace(/[^A-Za-z0-9]/g, ""))
    return suffix
  }

  private routeFunctions(): Function[] {
    return [...this.integrations.keys()]
  }

  private functionOfRoute(routeKey: string, method: string): Function {
    const key = normalizeRouteKey(routeKey)
    const fn = this.routesData.get(key)?.function
    if (!fn) {
      throw this.app.fail({
        code: "RouteNotFound",
        path: this.displayPath,
        construct: this.constructor.name,
        property: `${method}(${JSON.stringify(routeKey)})`,
        problem: this.routesData.has(key) ? "names a route that forwards to a URL, which has no function." : "names a route this API does not have.",
        allowed: `a function route: ${this.routes.map((r) => JSON.stringify(r)).join(", ") || "(none yet)"}.`,
        fix: "use one of the route keys above.",
      })
    }
    const sharing = [...this.routesData].filter(([other, data]) => data.function === fn && other !== key).map(([other]) => `"${other}"`)
    if (sharing.length > 0) this.app.warn(`${this.constructor.name} "${this.displayPath}": ${method}("${key}") also applies to ${sharing.join(", ")}, which share its function.`)
    return fn
  }

  private report(problem: Omit<Problem, "path" | "construct">): void {
    this.app.report({ ...problem, path: this.displayPath, construct: this.constructor.name } as Problem)
  }
}
