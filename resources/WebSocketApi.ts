/**
 * WebSocketApi: an API Gateway WebSocket API whose routes call functions (SST v1's
 * `WebSocketApi`).
 *
 * A stage named after the app's stage, auto-deployed and access-logged; routes for `$connect`,
 * `$disconnect`, `$default` and actions (the `action` field of a message); an optional authorizer
 * on `$connect`. Every route function may answer clients through `postToConnection`: it gets
 * `execute-api:ManageConnections` on this API's connections, as SST v1 granted it. As in `Api`,
 * routes with the same handler and props share one function, integration and invoke permission.
 * @module
 */
import { parseProps, Aws, CfnResource, Construct, type Problem } from "../compiler/index.ts"
import { formatPath } from "../compiler/props.ts"
import type { FunctionBinding, SSTConstruct } from "./bindable.ts"
import type { Function } from "./Function.ts"
import type { Permissions, PolicyStatementProps } from "./function/permissions.ts"
import { createAccessLog } from "./api/access-log.ts"
import { lambdaInvocationUri } from "./api/authorizers.ts"
import { createApiGatewayV2Domain } from "./api/domain.ts"
import { credentialsOf, executeApiSourceArn, InvokeAccess } from "./api/invoke-access.ts"
import { parseEntry } from "./api/parse-entry.ts"
import { SharedFunctions } from "./api/shared-functions.ts"
import { createWebSocketAuthorizer } from "./websocket-api/authorizer.ts"
import {
  routeFunction,
  WEBSOCKET_ROUTE_KEY_ALLOWED,
  WebSocketApiPropsSchema,
  webSocketRouteKeyFix,
  webSocketRouteSchema,
  webSocketRouteSuffix,
  type WebSocketApiFunctionRouteProps,
  type WebSocketApiProps,
} from "./websocket-api/props.ts"
import type { FunctionDefinition } from "./function/props.ts"

export type { WebSocketApiAccessLogProps, WebSocketApiDomainProps, WebSocketApiFunctionRouteProps, WebSocketApiLambdaAuthorizer, WebSocketApiProps } from "./websocket-api/props.ts"

const INHERIT_ERROR = 'has "defaults.function", which cannot apply to a Function passed in. Define the routes with handler strings or function props so the defaults apply.'

/**
 * A WebSocket API.
 * @example
 * new WebSocketApi(stack, "Api", {
 *   defaults: { function: { bind: [table] } },
 *   routes: { $connect: "functions/connect.main", $disconnect: "functions/disconnect.main", sendmessage: "functions/sendMessage.main" },
 * })
 */
export class WebSocketApi extends Construct implements SSTConstruct {
  readonly cdk: {
    /** The `AWS::ApiGatewayV2::Api` (protocol WEBSOCKET). */
    webSocketApi: CfnResource
    /** The stage, named after the app's stage. */
    webSocketStage: CfnResource
    accessLogGroup?: CfnResource
    domainName?: CfnResource
    certificate?: CfnResource
  }
  private readonly props: WebSocketApiProps
  private readonly routesData = new Map<string, { route: CfnResource; function: Function }>()
  private readonly functions = new SharedFunctions(() => this.props.defaults?.function, INHERIT_ERROR)
  private readonly integrations = new Map<Function, CfnResource>()
  private readonly invokeAccess = new InvokeAccess(this, () => executeApiSourceArn(this.region, this.apiId))
  private readonly usedSuffixes = new Set<string>()
  private readonly permissionsForAllRoutes: Permissions[] = []
  private readonly bindingsForAllRoutes: SSTConstruct[][] = []
  private authorizer: CfnResource | undefined
  private customDomainUrlValue: string | undefined

  constructor(scope: Construct, id: string, props?: WebSocketApiProps) {
    super(scope, id)
    this.props = parseProps(WebSocketApiPropsSchema, props ?? {}, this)
    this.cdk = {} as WebSocketApi["cdk"]
    this.cdk.webSocketApi = new CfnResource(this, "Resource", {
      type: "AWS::ApiGatewayV2::Api",
      properties: { Name: this.app.logicalPrefixedName(this.id), ProtocolType: "WEBSOCKET", RouteSelectionExpression: "$request.body.action" },
    })
    this.cdk.webSocketStage = this.createStage()
    this.createCustomDomain()
    if (typeof this.props.authorizer === "object") this.authorizer = createWebSocketAuthorizer(this, this.props.authorizer, { apiId: this.apiId, region: this.region })
    // Allows every route function, also those added later, to call postToConnection.
    this.attachPermissions([this.manageConnectionsStatement()])
    this.addRoutes(this, this.props.routes ?? {})
  }

  /** `wss://<apiId>.execute-api.<region>.amazonaws.com/<stage>`. */
  get url(): string {
    return `wss://${this.apiId}.execute-api.${this.region}.${Aws.URL_SUFFIX}/${this.app.stage}`
  }

  /** `wss://<domain>` (or `wss://<domain>/<path>/`), when `customDomain` is set. */
  get customDomainUrl(): string | undefined {
    return this.customDomainUrlValue
  }

  /** The route keys, in the order they were added. */
  get routes(): string[] {
    return [...this.routesData.keys()]
  }

  /** @example api.addRoutes(stack, { sendmessage: "functions/sendMessage.main" }) */
  addRoutes(scope: Construct, routes: Record<string, FunctionDefinition | WebSocketApiFunctionRouteProps>): void {
    for (const [key, value] of Object.entries(routes)) this.addRoute(scope, key, value)
  }

  /** The function of a route ("$connect", "sendmessage"). */
  getFunction(routeKey: string): Function | undefined {
    return this.routesData.get(routeKey.trim())?.function
  }

  /** The `AWS::ApiGatewayV2::Route` of a route. */
  getRoute(routeKey: string): CfnResource | undefined {
    return this.routesData.get(routeKey.trim())?.route
  }

  /** Grants every route function, including those of routes added later. */
  attachPermissions(permissions: Permissions): void {
    for (const fn of this.integrations.keys()) fn.attachPermissions(permissions)
    this.permissionsForAllRoutes.push(permissions)
  }

  /** Grants the function of one route (and every route that shares it). */
  attachPermissionsToRoute(routeKey: string, permissions: Permissions): void {
    this.functionOfRoute(routeKey, "attachPermissionsToRoute").attachPermissions(permissions)
  }

  /** Binds `constructs` to every route function, including those of routes added later. */
  bind(constructs: SSTConstruct[]): void {
    for (const fn of this.integrations.keys()) fn.bind(constructs)
    this.bindingsForAllRoutes.push(constructs)
  }

  /** Binds `constructs` to the function of one route (and every route that shares it). */
  bindToRoute(routeKey: string, constructs: SSTConstruct[]): void {
    this.functionOfRoute(routeKey, "bindToRoute").bind(constructs)
  }

  /** What the console shows about this API. */
  getConstructMetadata(): unknown {
    return {
      type: "WebSocketApi",
      data: { url: this.url, httpApiId: this.apiId, customDomainUrl: this.customDomainUrl, routes: [...this.routesData].map(([route, data]) => ({ route, fn: data.function.path })) },
    }
  }

  /** Binding gives the URL (`SST_WebSocketApi_url_<id>`) and the right to message connected clients. */
  getFunctionBinding(): FunctionBinding {
    return {
      clientPackage: "api",
      variables: { url: { type: "plain", value: this.customDomainUrl ?? this.url } },
      permissions: { "execute-api:ManageConnections": [this.connectionsArn] },
    }
  }

  /** As a permission: connect with IAM authorization, and message connected clients. */
  getPermissions(): Record<string, string[]> {
    return {
      "execute-api:Invoke": [`arn:${Aws.PARTITION}:execute-api:${this.region}:${Aws.ACCOUNT_ID}:${this.apiId}/*`],
      "execute-api:ManageConnections": [this.connectionsArn],
    }
  }

  private get apiId(): string {
    return this.cdk.webSocketApi.ref
  }

  private get region(): string {
    return this.enclosingStack.region
  }

  /** What `postToConnection` calls: `POST @connections/{connectionId}` on this API's stage. */
  private get connectionsArn(): string {
    return `arn:${Aws.PARTITION}:execute-api:${this.region}:${Aws.ACCOUNT_ID}:${this.apiId}/${this.app.stage}/POST/@connections/*`
  }

  private manageConnectionsStatement(): PolicyStatementProps {
    return { actions: ["execute-api:ManageConnections"], resources: [this.connectionsArn] }
  }

  private createStage(): CfnResource {
    const stageName = this.app.stage
    const accessLog = createAccessLog(this, this.props.accessLog, { apiName: this.app.logicalPrefixedName(this.id), apiId: this.apiId, stageName, protocol: "websocket" })
    this.cdk.accessLogGroup = accessLog?.logGroup
    return new CfnResource(this, "Stage", {
      type: "AWS::ApiGatewayV2::Stage",
      properties: { ApiId: this.apiId, StageName: stageName, AutoDeploy: true, AccessLogSettings: accessLog?.settings },
    })
  }

  private createCustomDomain(): void {
    if (this.props.customDomain === undefined) return
    const domain = createApiGatewayV2Domain(this, this.props.customDomain, { apiId: this.apiId, stage: this.cdk.webSocketStage, protocol: "wss" })
    if (!domain) return
    this.customDomainUrlValue = domain.url
    this.cdk.domainName = domain.domainName
    this.cdk.certificate = domain.certificate
  }

  private addRoute(scope: Construct, rawKey: string, rawValue: unknown): void {
    const key = rawKey.trim()
    const property = formatPath(["routes", rawKey])
    const fix = webSocketRouteKeyFix(key)
    if (fix) return this.report({ code: "InvalidRouteKey", property, problem: "is not a valid route key.", allowed: WEBSOCKET_ROUTE_KEY_ALLOWED, fix })
    if (this.routesData.has(key)) {
      return this.report({ code: "DuplicateRoute", property, problem: `is the route "${key}", which this API already has.`, allowed: "each route key once per API.", fix: "remove one of the two routes." })
    }
    const value = parseEntry(webSocketRouteSchema(rawValue), "routes", rawKey, rawValue, this) as FunctionDefinition | WebSocketApiFunctionRouteProps | undefined
    if (value === undefined) return
    const base = webSocketRouteSuffix(key)
    let suffix = base
    for (let n = 2; this.usedSuffixes.has(suffix.replace(/[^A-Za-z0-9]/g, "")); n++) suffix = `${base}_${n}`
    this.usedSuffixes.add(suffix.replace(/[^A-Za-z0-9]/g, ""))
    const prefix = scope === this ? "" : `${this.id}_`
    const fn = this.routeFunction(scope, `${prefix}Lambda_${suffix}`, routeFunction(value))
    let integration = this.integrations.get(fn)
    if (!integration) {
      integration = new CfnResource(scope, `${prefix}Integration_${suffix}`, {
        type: "AWS::ApiGatewayV2::Integration",
        properties: { ApiId: this.apiId, IntegrationType: "AWS_PROXY", IntegrationUri: lambdaInvocationUri(fn.functionArn, this.region) },
      })
      this.integrations.set(fn, integration)
      this.invokeAccess.add(scope, `${prefix}Permission_${suffix}`, fn, credentialsOf(integration))
    }
    const route = new CfnResource(scope, `${prefix}Route_${suffix}`, {
      type: "AWS::ApiGatewayV2::Route",
      properties: { ApiId: this.apiId, RouteKey: key, Target: `integrations/${integration.ref}`, ...(key === "$connect" ? this.connectAuthorization() : {}) },
    })
    this.routesData.set(key, { route, function: fn })
  }

  /** The route's function; one new to this API gets the permissions and bindings given for all routes. */
  private routeFunction(scope: Construct, id: string, definition: FunctionDefinition): Function {
    const fn = this.functions.functionFor(scope, id, definition)
    if (this.integrations.has(fn)) return fn
    for (const permissions of this.permissionsForAllRoutes) fn.attachPermissions(permissions)
    for (const constructs of this.bindingsForAllRoutes) fn.bind(constructs)
    return fn
  }

  /** `$connect` is where a WebSocket API authorizes; NONE is explicit so that removing IAM takes effect. */
  private connectAuthorization(): Record<string, unknown> {
    if (this.authorizer) return { AuthorizationType: "CUSTOM", AuthorizerId: this.authorizer.ref }
    return { AuthorizationType: this.props.authorizer === "iam" ? "AWS_IAM" : "NONE" }
  }

  private functionOfRoute(routeKey: string, method: string): Function {
    const key = routeKey.trim()
    const fn = this.routesData.get(key)?.function
    if (!fn) {
      throw this.app.fail({
        code: "RouteNotFound",
        path: this.displayPath,
        construct: "WebSocketApi",
        property: `${method}(${JSON.stringify(routeKey)})`,
        problem: "names a route this API does not have.",
        allowed: `one of ${this.routes.map((r) => JSON.stringify(r)).join(", ") || "(none yet)"}.`,
        fix: "use one of the route keys above.",
      })
    }
    const sharing = [...this.routesData].filter(([other, data]) => data.function === fn && other !== key).map(([other]) => `"${other}"`)
    if (sharing.length > 0) this.app.warn(`WebSocketApi "${this.displayPath}": ${method}("${key}") also applies to ${sharing.join(", ")}, which share its function.`)
    return fn
  }

  private report(problem: Omit<Problem, "path" | "construct">): void {
    this.app.report({ ...problem, path: this.displayPath, construct: "WebSocketApi" })
  }
}
