/**
 * ApiGatewayV1Api: an API Gateway REST API whose routes call functions (SST v1's
 * `ApiGatewayV1Api`).
 *
 * A REST API is a tree: one `AWS::ApiGateway::Resource` per path segment, and on it one
 * `AWS::ApiGateway::Method` per route (Lambda proxy integration). What it serves is what a
 * deployment captured, so the deployment is made last, when every route is known, and replaced
 * whenever they change (api-gateway-v1/deployment.ts). The stage is named after the app's stage,
 * with X-Ray tracing and access logs. CORS is a MOCK OPTIONS method on each path
 * (api-gateway-v1/cors.ts). As in `Api`, routes with the same handler and props share a function
 * and its invoke permission.
 *
 * Path resources, methods, the deployment and the invoke permissions stay in this construct even
 * for routes added to another stack (`addRoutes(stack, ...)`), where only the functions go: the
 * deployment must wait for every method, and a method in another stack would make the two stacks
 * depend on each other.
 * @module
 */
import { Aws, CfnResource, Construct, Lazy, parseProps, type Problem } from "../compiler/index.ts"
import { closest, formatPath } from "../compiler/props.ts"
import type { App } from "./App.ts"
import type { FunctionBinding, SSTConstruct } from "./bindable.ts"
import type { Function } from "./Function.ts"
import type { Permissions } from "./function/permissions.ts"
import { lambdaInvocationUri } from "./api/authorizers.ts"
import { executeApiSourceArn, InvokeAccess } from "./api/invoke-access.ts"
import { parseEntry } from "./api/parse-entry.ts"
import { isRouteKeyError, normalizeRouteKey, parseRouteKey, routeConstructSuffix } from "./api/route-key.ts"
import { SharedFunctions } from "./api/shared-functions.ts"
import { createRestAccessLog } from "./api-gateway-v1/access-log.ts"
import { createRestAuthorizer } from "./api-gateway-v1/authorizers.ts"
import { createCorsGatewayResponses, createPreflightMethod } from "./api-gateway-v1/cors.ts"
import { createDeployment } from "./api-gateway-v1/deployment.ts"
import { createRestDomain } from "./api-gateway-v1/domain.ts"
import {
  ApiGatewayV1ApiPropsSchema,
  restAuthorizerSchema,
  restRouteSchema,
  toRouteProps,
  type ApiGatewayV1ApiAuthorizer,
  type ApiGatewayV1ApiFunctionRouteProps,
  type ApiGatewayV1ApiProps,
  type ApiGatewayV1ApiRouteProps,
} from "./api-gateway-v1/props.ts"

export type {
  ApiGatewayV1ApiAccessLogProps,
  ApiGatewayV1ApiAuthorizer,
  ApiGatewayV1ApiCustomDomainProps,
  ApiGatewayV1ApiFunctionRouteProps,
  ApiGatewayV1ApiLambdaRequestAuthorizer,
  ApiGatewayV1ApiLambdaTokenAuthorizer,
  ApiGatewayV1ApiProps,
  ApiGatewayV1ApiRouteProps,
  ApiGatewayV1ApiUserPoolsAuthorizer,
} from "./api-gateway-v1/props.ts"

const REST_ROUTE_KEY_ALLOWED = '"<METHOD> /<path>", METHOD one of GET POST PUT PATCH DELETE HEAD OPTIONS ANY;\npath parameters written {name}, and a last {proxy+}.'
const INHERIT_ERROR = 'has "defaults.function", which cannot apply to a Function passed in. Define the routes with handler strings or function props so the defaults apply.'

/**
 * A REST API.
 * @example
 * new ApiGatewayV1Api(stack, "Api", { routes: { "GET /notes": "functions/list.main", "ANY /{proxy+}": "functions/router.main" } })
 */
export class ApiGatewayV1Api<Authorizers extends Record<string, ApiGatewayV1ApiAuthorizer> = Record<string, ApiGatewayV1ApiAuthorizer>> extends Construct implements SSTConstruct {
  readonly cdk: {
    /** The `AWS::ApiGateway::RestApi`. */
    restApi: CfnResource
    /** The stage, named after the app's stage. */
    stage: CfnResource
    accessLogGroup?: CfnResource
    domainName?: CfnResource
    certificate?: CfnResource
  }
  private readonly props: ApiGatewayV1ApiProps<Authorizers>
  private readonly routesData = new Map<string, { method: CfnResource; function: Function }>()
  private readonly paths = new Map<string, string>()
  private readonly pathResources: CfnResource[] = []
  private readonly methods: CfnResource[] = []
  private readonly authorizersData = new Map<string, { type: ApiGatewayV1ApiAuthorizer["type"]; resource: CfnResource }>()
  private readonly functions = new SharedFunctions(() => this.props.defaults?.function, INHERIT_ERROR)
  private readonly routeFunctions = new Set<Function>()
  private readonly invokeAccess = new InvokeAccess(this, () => executeApiSourceArn(this.region, this.restApiId))
  private readonly methodIds = new Set<string>()
  private readonly pathIds = new Set<string>()
  private readonly permissionsForAllRoutes: Permissions[] = []
  private readonly bindingsForAllRoutes: SSTConstruct[][] = []
  private readonly gatewayResponses: CfnResource[] = []
  private deployment: CfnResource | undefined
  private customDomainUrlValue: string | undefined

  constructor(scope: Construct, id: string, props?: ApiGatewayV1ApiProps<Authorizers>) {
    super(scope, id)
    this.props = parseProps(ApiGatewayV1ApiPropsSchema, props ?? {}, this) as ApiGatewayV1ApiProps<Authorizers>
    this.cdk = {} as ApiGatewayV1Api["cdk"]
    this.cdk.restApi = new CfnResource(this, "Resource", { type: "AWS::ApiGateway::RestApi", properties: { Name: this.app.logicalPrefixedName(this.id) } })
    this.paths.set("/", this.cdk.restApi.getAtt("RootResourceId"))
    if (this.props.cors !== false) this.methods.push(createPreflightMethod(this, "Preflight", this.restApiId, this.paths.get("/")!))
    if (this.props.cors === true) this.gatewayResponses.push(...createCorsGatewayResponses(this, this.restApiId))
    this.cdk.stage = this.createStage()
    this.createCustomDomain()
    this.addAuthorizers(this.props.authorizers ?? {})
    this.addRoutes(this, (this.props.routes ?? {}) as Record<string, ApiGatewayV1ApiRouteProps<keyof Authorizers>>)
    this.app.addFinalizer(() => this.createDeployment())
  }

  /** `https://<restApiId>.execute-api.<region>.amazonaws.com/<stage>/`. */
  get url(): string {
    return `https://${this.restApiId}.execute-api.${this.region}.${Aws.URL_SUFFIX}/${this.app.stage}/`
  }

  /** `https://<domain>` (or `https://<domain>/<path>/`), when `customDomain` is set. */
  get customDomainUrl(): string | undefined {
    return this.customDomainUrlValue
  }

  /** The route keys, normalised ("GET /notes"), in the order they were added. */
  get routes(): string[] {
    return [...this.routesData.keys()]
  }

  /** The id of the `AWS::ApiGateway::RestApi`. */
  get restApiId(): string {
    return this.cdk.restApi.ref
  }

  /** `arn:<partition>:apigateway:<region>::/restapis/<restApiId>`, as SST v1 built it. */
  get restApiArn(): string {
    return `arn:${Aws.PARTITION}:apigateway:${this.region}::/restapis/${this.restApiId}`
  }

  /** Adds routes; their functions are created in `scope`. */
  addRoutes(scope: Construct, routes: Record<string, ApiGatewayV1ApiRouteProps<keyof Authorizers>>): void {
    for (const [key, value] of Object.entries(routes)) this.addRoute(scope, key, value)
  }

  /** The function of a route ("GET /notes", any spacing). */
  getFunction(routeKey: string): Function | undefined {
    return this.routesData.get(normalizeRouteKey(routeKey))?.function
  }

  /** Grants every route function, including those of routes added later. */
  attachPermissions(permissions: Permissions): void {
    for (const fn of this.routeFunctions) fn.attachPermissions(permissions)
    this.permissionsForAllRoutes.push(permissions)
  }

  /** Grants the function of one route (and every route that shares it). */
  attachPermissionsToRoute(routeKey: string, permissions: Permissions): void {
    this.functionOfRoute(routeKey, "attachPermissionsToRoute").attachPermissions(permissions)
  }

  /** Binds `constructs` to every route function, including those of routes added later. */
  bind(constructs: SSTConstruct[]): void {
    for (const fn of this.routeFunctions) fn.bind(constructs)
    this.bindingsForAllRoutes.push(constructs)
  }

  /** Binds `constructs` to the function of one route (and every route that shares it). */
  bindToRoute(routeKey: string, constructs: SSTConstruct[]): void {
    this.functionOfRoute(routeKey, "bindToRoute").bind(constructs)
  }

  /** What the console shows about this API. */
  getConstructMetadata(): unknown {
    return {
      type: "ApiGatewayV1Api",
      data: { url: this.url, restApiId: this.restApiId, customDomainUrl: this.customDomainUrl, routes: [...this.routesData].map(([route, data]) => ({ type: "function", route, fn: data.function.path })) },
    }
  }

  /** Binding gives the URL (`SST_ApiGatewayV1Api_url_<id>`); it grants nothing. */
  getFunctionBinding(): FunctionBinding {
    return { clientPackage: "api", variables: { url: { type: "plain", value: this.customDomainUrl ?? this.url } }, permissions: {} }
  }

  /** As a permission, the holder may call the API with IAM authorization. */
  getPermissions(): Record<string, string[]> {
    return { "execute-api:Invoke": [`arn:${Aws.PARTITION}:execute-api:${this.region}:${Aws.ACCOUNT_ID}:${this.restApiId}/*`] }
  }

  private get region(): string {
    return this.enclosingStack.region
  }

  private createStage(): CfnResource {
    const accessLog = createRestAccessLog(this, this.props.accessLog)
    this.cdk.accessLogGroup = accessLog?.logGroup
    return new CfnResource(this, "Stage", {
      type: "AWS::ApiGateway::Stage",
      properties: {
        RestApiId: this.restApiId,
        StageName: this.app.stage,
        DeploymentId: new Lazy(() => this.deployment?.ref, this.app),
        TracingEnabled: true,
        AccessLogSetting: accessLog?.setting,
      },
      dependsOn: accessLog ? [accessLog.account] : [],
    })
  }

  private createCustomDomain(): void {
    if (this.props.customDomain === undefined) return
    const domain = createRestDomain(this, this.props.customDomain, { restApiId: this.restApiId, stage: this.cdk.stage, region: this.region })
    this.customDomainUrlValue = domain?.url
    this.cdk.domainName = domain?.domainName
    this.cdk.certificate = domain?.certificate
  }

  private createDeployment(): void {
    const authorizers = [...this.authorizersData.values()].map((a) => a.resource)
    this.deployment = createDeployment(this, this.restApiId, [...this.pathResources, ...this.methods, ...authorizers, ...this.gatewayResponses], this.methods)
  }

  private addAuthorizers(authorizers: Record<string, ApiGatewayV1ApiAuthorizer>): void {
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
      const authorizer = parseEntry(restAuthorizerSchema(value), "authorizers", key, value, this) as ApiGatewayV1ApiAuthorizer | undefined
      if (authorizer) this.authorizersData.set(key, { type: authorizer.type, resource: createRestAuthorizer(this, key, authorizer, { restApiId: this.restApiId, region: this.region }) })
    }
    const name = this.props.defaults?.authorizer as string | undefined
    if (name !== undefined) this.checkAuthorizerName(name, "defaults.authorizer")
  }

  private addRoute(scope: Construct, rawKey: string, rawValue: unknown): void {
    const property = formatPath(["routes", rawKey])
    const route = parseRouteKey(rawKey)
    if (isRouteKeyError(route) || route.isDefault) {
      const fix = isRouteKeyError(route) ? route.fix : 'REST APIs have no $default route; catch every path with "ANY /{proxy+}".'
      return this.report({ code: "InvalidRouteKey", property, problem: "is not a valid route key.", allowed: REST_ROUTE_KEY_ALLOWED, fix })
    }
    if (this.routesData.has(route.key)) {
      return this.report({ code: "DuplicateRoute", property, problem: `is the route "${route.key}", which this API already has.`, allowed: 'each method and path once per API ("GET /notes" and "GET   /notes" are the same route).', fix: "remove one of the two routes." })
    }
    if (route.method === "OPTIONS" && this.props.cors !== false) {
      return this.report({
        code: "OptionsRouteWithCors",
        property,
        problem: "is an OPTIONS route, and CORS already answers OPTIONS on every path.",
        allowed: "OPTIONS routes with cors: false.",
        fix: "remove the route, or set cors: false and answer preflight requests yourself.",
      })
    }
    const checked = parseEntry(restRouteSchema(rawValue), "routes", rawKey, rawValue, this) as ApiGatewayV1ApiRouteProps | undefined
    if (checked === undefined) return
    const value = toRouteProps(checked)
    const authorization = this.methodAuthorization(value, property)
    if (!authorization) return
    const suffix = uniqueId(this.methodIds, routeConstructSuffix(route))
    const fn = this.routeFunction(scope, `${scope === this ? "" : `${this.id}_`}Lambda_${suffix}`, value)
    const integration: Record<string, unknown> = { Type: "AWS_PROXY", IntegrationHttpMethod: "POST", Uri: lambdaInvocationUri(fn.functionArn, this.region) }
    const method = new CfnResource(this, `Method_${suffix}`, {
      type: "AWS::ApiGateway::Method",
      properties: { RestApiId: this.restApiId, ResourceId: this.resourceIdFor(route.path), HttpMethod: route.method, ...authorization, Integration: integration as Record<string, string> },
    })
    this.methods.push(method)
    this.invokeAccess.add(this, `Permission_${suffix}`, fn, (roleArn) => {
      integration.Credentials = roleArn
    })
    this.routesData.set(route.key, { method, function: fn })
  }

  /** The route's function; one new to this API gets the permissions and bindings given for all routes. */
  private routeFunction(scope: Construct, id: string, value: ApiGatewayV1ApiFunctionRouteProps): Function {
    const fn = this.functions.functionFor(scope, id, value.function)
    if (this.routeFunctions.has(fn)) return fn
    this.routeFunctions.add(fn)
    if ((this.app as App).local) fn.addEnvironment("SST_DEBUG_IS_API_ROUTE", "1")
    for (const permissions of this.permissionsForAllRoutes) fn.attachPermissions(permissions)
    for (const constructs of this.bindingsForAllRoutes) fn.bind(constructs)
    return fn
  }

  /** The id of the path's resource, creating the resources of its segments (and their CORS preflight) as needed. */
  private resourceIdFor(rawPath: string): string {
    const segments = rawPath.split("/").filter((segment) => segment !== "")
    const path = `/${segments.join("/")}`
    const known = this.paths.get(path)
    if (known) return known
    const parentId = this.resourceIdFor(`/${segments.slice(0, -1).join("/")}`)
    const suffix = uniqueId(this.pathIds, segments.map((segment) => segment.replace(/[^A-Za-z0-9_-]/g, "")).join("_") || "path")
    const resource = new CfnResource(this, `Path_${suffix}`, {
      type: "AWS::ApiGateway::Resource",
      properties: { RestApiId: this.restApiId, ParentId: parentId, PathPart: segments[segments.length - 1] },
    })
    this.pathResources.push(resource)
    this.paths.set(path, resource.ref)
    if (this.props.cors !== false) this.methods.push(createPreflightMethod(this, `Preflight_${suffix}`, this.restApiId, resource.ref))
    return resource.ref
  }

  private methodAuthorization(value: ApiGatewayV1ApiFunctionRouteProps, property: string): Record<string, unknown> | undefined {
    const name = (value.authorizer as string | undefined) ?? (this.props.defaults?.authorizer as string | undefined) ?? "none"
    if (name === "none") return { AuthorizationType: "NONE" }
    if (name === "iam") return { AuthorizationType: "AWS_IAM" }
    const authorizer = this.authorizersData.get(name)
    if (!authorizer) {
      if (value.authorizer !== undefined) this.checkAuthorizerName(name, `${property}.authorizer`)
      return undefined
    }
    if (authorizer.type !== "user_pools") return { AuthorizationType: "CUSTOM", AuthorizerId: authorizer.resource.ref }
    return { AuthorizationType: "COGNITO_USER_POOLS", AuthorizerId: authorizer.resource.ref, AuthorizationScopes: value.authorizationScopes ?? this.props.defaults?.authorizationScopes }
  }

  private checkAuthorizerName(name: string, property: string): void {
    const known = Object.keys(this.props.authorizers ?? {})
    if (name === "none" || name === "iam" || known.includes(name)) return
    const suggestion = closest(name, ["none", "iam", ...known])
    this.report({
      code: "UnknownAuthorizer",
      property,
      problem: `names the authorizer "${name}", which this API does not have.`,
      allowed: `"none", "iam"${known.map((key) => `, "${key}"`).join("")} (the keys of authorizers).`,
      fix: suggestion ? `did you mean "${suggestion}"?` : `add "${name}" to authorizers, or use "none" or "iam".`,
    })
  }

  private functionOfRoute(routeKey: string, method: string): Function {
    const key = normalizeRouteKey(routeKey)
    const fn = this.routesData.get(key)?.function
    if (!fn) {
      throw this.app.fail({
        code: "RouteNotFound",
        path: this.displayPath,
        construct: "ApiGatewayV1Api",
        property: `${method}(${JSON.stringify(routeKey)})`,
        problem: "names a route this API does not have.",
        allowed: `one of ${this.routes.map((r) => JSON.stringify(r)).join(", ") || "(none yet)"}.`,
        fix: "use one of the route keys above.",
      })
    }
    const sharing = [...this.routesData].filter(([other, data]) => data.function === fn && other !== key).map(([other]) => `"${other}"`)
    if (sharing.length > 0) this.app.warn(`ApiGatewayV1Api "${this.displayPath}": ${method}("${key}") also applies to ${sharing.join(", ")}, which share its function.`)
    return fn
  }

  private report(problem: Omit<Problem, "path" | "construct">): void {
    this.app.report({ ...problem, path: this.displayPath, construct: "ApiGatewayV1Api" })
  }
}

/** A construct-id suffix not yet in `used`, even once punctuation is dropped ("/a/b" and "/ab"). */
function uniqueId(used: Set<string>, base: string): string {
  let suffix = base
  for (let n = 2; used.has(suffix.replace(/[^A-Za-z0-9]/g, "")); n++) suffix = `${base}_${n}`
  used.add(suffix.replace(/[^A-Za-z0-9]/g, ""))
  return suffix
}
