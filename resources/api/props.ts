/**
 * The props of `Api` (SST v1's names and defaults) and their zod schemas.
 *
 * The top-level schema checks the shape of every prop; route values and authorizers come in
 * several forms, so each entry is checked by the schema of its form (see parse-entry.ts), which
 * names a misspelt key exactly instead of "Invalid input".
 * @module
 */
import { z } from "zod"
import { assertSameShape } from "../../compiler/index.ts"
import type { Function } from "../Function.ts"
import { DurationSchema, type Duration } from "../function/duration.ts"
import { FunctionPropsSchema, type FunctionDefinition, type FunctionProps } from "../function/props.ts"
import { CustomDomainSchema, type CustomDomainProps } from "../custom-domain/props.ts"
import { AccessLogSchema, type AccessLogProps } from "./access-log.ts"
import { CorsSchema, type ApiCorsProps } from "./cors.ts"
import { functionDefinitionSchema, isPlainObject } from "./parse-entry.ts"

export type { ApiCorsProps } from "./cors.ts"

export type ApiPayloadFormatVersion = "1.0" | "2.0"
const PAYLOAD_FORMAT_VERSIONS = ["1.0", "2.0"] as const

/** The name of an authorizer a route uses: a key of `authorizers`, or the built-ins "none" and "iam". */
export type ApiAuthorizerName<AuthorizerKeys = string> = "none" | "iam" | Extract<AuthorizerKeys, string>

interface ApiBaseAuthorizer {
  /** The authorizer's name in API Gateway. @default the key in `authorizers` */
  name?: string
  /**
   * Where the identity is read from.
   * @default ["$request.header.Authorization"]
   */
  identitySource?: string[]
}

/**
 * A JWT authorizer against a Cognito user pool.
 * @example
 * authorizers: { Pool: { type: "user_pool", userPool: { id: auth.userPoolId, clientIds: [auth.userPoolClientId] } } }
 */
export interface ApiUserPoolAuthorizer extends ApiBaseAuthorizer {
  type: "user_pool"
  userPool: {
    /** The user pool's id. */
    id: string
    /** The app clients whose tokens are accepted (the JWT audience). @default a new client of the pool */
    clientIds?: string[]
    /** The pool's region. @default the app's region */
    region?: string
  }
}

/**
 * A JWT authorizer against any OpenID Connect issuer.
 * @example
 * authorizers: { Auth0: { type: "jwt", jwt: { issuer: "https://myorg.us.auth0.com", audience: ["api"] } } }
 */
export interface ApiJwtAuthorizer extends ApiBaseAuthorizer {
  type: "jwt"
  jwt: {
    /** The issuer URL. */
    issuer: string
    /** The accepted audiences. */
    audience: string[]
  }
}

/**
 * A Lambda authorizer (REQUEST type).
 * @example
 * authorizers: { Custom: { type: "lambda", function: new Function(stack, "Authorizer", { handler: "functions/auth.main" }), responseTypes: ["simple"] } }
 */
export interface ApiLambdaAuthorizer extends ApiBaseAuthorizer {
  type: "lambda"
  /** The function that decides. */
  function: Function
  /**
   * What the function returns: "simple" (`{ isAuthorized }`, payload 2.0) or "iam" (a policy).
   * @default ["iam"]
   */
  responseTypes?: ("simple" | "iam")[]
  /** How long API Gateway caches a decision per identity. @default not cached */
  resultsCacheTtl?: Duration
}

export type ApiAuthorizer = ApiUserPoolAuthorizer | ApiJwtAuthorizer | ApiLambdaAuthorizer

interface ApiBaseRouteProps<AuthorizerKeys = string> {
  /** @default defaults.authorizer, else "none" */
  authorizer?: ApiAuthorizerName<AuthorizerKeys>
  /** Scopes a JWT must hold (jwt and user_pool authorizers). @default defaults.authorizationScopes */
  authorizationScopes?: string[]
}

/**
 * A route handled by a function.
 * @example
 * "GET /notes/{id}": { function: "functions/get.main", authorizer: "iam", payloadFormatVersion: "1.0" }
 */
export interface ApiFunctionRouteProps<AuthorizerKeys = string> extends ApiBaseRouteProps<AuthorizerKeys> {
  type?: "function"
  function: FunctionDefinition
  /** The event format the function receives. @default defaults.payloadFormatVersion, else "2.0" */
  payloadFormatVersion?: ApiPayloadFormatVersion
}

/**
 * A route forwarded to a URL (HTTP proxy).
 * @example
 * "GET /legacy/{proxy+}": { type: "url", url: "https://old.example.com/{proxy}" }
 */
export interface ApiHttpRouteProps<AuthorizerKeys = string> extends ApiBaseRouteProps<AuthorizerKeys> {
  type: "url"
  url: string
}

/** A GraphQL route served by a Pothos schema (deprecated in SST v1.18: use type "graphql"). */
export interface ApiPothosRouteProps<AuthorizerKeys = string> extends ApiBaseRouteProps<AuthorizerKeys> {
  type: "pothos"
  function: FunctionDefinition
  /** Pothos schema file; used by `sst start` codegen only. */
  schema?: string
  /** Where the generated schema is written; codegen only. */
  output?: string
  /** Commands run after codegen; codegen only. */
  commands?: string[]
}

/** A GraphQL route; deployed as a function route, `pothos` drives codegen under `sst start`. */
export interface ApiGraphQLRouteProps<AuthorizerKeys = string> extends ApiBaseRouteProps<AuthorizerKeys> {
  type: "graphql"
  function: FunctionDefinition
  pothos?: { schema?: string; output?: string; commands?: string[]; internalPackages?: string[] }
}

export type ApiRouteProps<AuthorizerKeys = string> =
  | FunctionDefinition
  | ApiFunctionRouteProps<AuthorizerKeys>
  | ApiHttpRouteProps<AuthorizerKeys>
  | ApiPothosRouteProps<AuthorizerKeys>
  | ApiGraphQLRouteProps<AuthorizerKeys>

export interface ApiAccessLogProps extends AccessLogProps {}
export interface ApiDomainProps extends CustomDomainProps {}

/** Props of {@link Api}. */
export interface ApiProps<Authorizers extends Record<string, ApiAuthorizer> = Record<string, ApiAuthorizer>, AuthorizerKeys = keyof Authorizers> {
  /**
   * The routes: `"METHOD /path"` (or `"$default"`) to a handler, function props, a Function, or route props.
   * @example
   * routes: { "GET /notes": "functions/list.main", "POST /notes": "functions/create.main", "$default": "functions/fallback.main" }
   */
  routes?: Record<string, ApiRouteProps<AuthorizerKeys>>
  /** CORS for every route; `false` turns it off. @default true (every origin, header and method) */
  cors?: boolean | ApiCorsProps
  /**
   * Access logs, in JSON, to a CloudWatch log group; a string is the log format.
   * @default true
   * @example accessLog: { retention: "one_week" }
   */
  accessLog?: boolean | string | ApiAccessLogProps
  /**
   * A custom domain (Route 53), in addition to the generated URL.
   * @example customDomain: { domainName: "api.example.com", hostedZone: "example.com", path: "v1" }
   */
  customDomain?: string | ApiDomainProps
  /** Authorizers routes can name. */
  authorizers?: Authorizers
  defaults?: {
    /** Props every route function starts from (merged, as SST v1 did). */
    function?: FunctionProps
    /** @default "none" */
    authorizer?: ApiAuthorizerName<AuthorizerKeys>
    /** @default [] */
    authorizationScopes?: string[]
    /** @default "2.0" */
    payloadFormatVersion?: ApiPayloadFormatVersion
    /** Throttling of every route of the `$default` stage. */
    throttle?: {
      /** Requests in a burst. */
      burst?: number
      /** Steady-state requests per second. */
      rate?: number
    }
  }
}

const isRecord = (value: unknown) => isPlainObject(value)

export const ApiPropsSchema = z.strictObject({
  routes: z.record(z.string(), z.custom<ApiRouteProps>((value) => value !== undefined && value !== null, { message: "a route" })).optional(),
  cors: z.union([z.boolean(), CorsSchema]).optional(),
  accessLog: z.union([z.boolean(), z.string(), AccessLogSchema]).optional(),
  customDomain: z.union([z.string(), CustomDomainSchema]).optional(),
  authorizers: z.record(z.string(), z.custom<ApiAuthorizer>(isRecord, { message: "an authorizer { type, ... }" })).optional(),
  defaults: z
    .strictObject({
      function: FunctionPropsSchema.optional(),
      authorizer: z.string().optional(),
      authorizationScopes: z.array(z.string()).optional(),
      payloadFormatVersion: z.enum(PAYLOAD_FORMAT_VERSIONS).optional(),
      throttle: z.strictObject({ burst: z.number().int().nonnegative().optional(), rate: z.number().nonnegative().optional() }).optional(),
    })
    .optional(),
})
assertSameShape<ApiProps, z.input<typeof ApiPropsSchema>>()

const routeAuth = {
  authorizer: z.string().optional(),
  authorizationScopes: z.array(z.string()).optional(),
}

/** The route value in the form it was written, with its function definition if it has one. */
export type ParsedRoute =
  | { type: "function"; function: FunctionDefinition; payloadFormatVersion?: ApiPayloadFormatVersion; authorizer?: string; authorizationScopes?: string[] }
  | { type: "url"; url: string; authorizer?: string; authorizationScopes?: string[] }
  | { type: "pothos" | "graphql"; function: FunctionDefinition; authorizer?: string; authorizationScopes?: string[] }

export const ROUTE_TYPES = ["function", "url", "graphql", "pothos"] as const

/**
 * The schema of a route value, chosen by its form: a handler string or Function, function props
 * (they have `handler`), or route props (by `type`, "function" when unset).
 */
export function routeSchema(value: unknown): z.ZodType {
  if (!isPlainObject(value)) return functionDefinitionSchema(value)
  if (!("type" in value) && "handler" in value) return FunctionPropsSchema
  const fn = functionDefinitionSchema(value.function)
  switch (value.type) {
    case undefined:
    case "function":
      return z.strictObject({ type: z.literal("function").optional(), function: fn, payloadFormatVersion: z.enum(PAYLOAD_FORMAT_VERSIONS).optional(), ...routeAuth })
    case "url":
      return z.strictObject({ type: z.literal("url"), url: z.string().min(1), ...routeAuth })
    case "pothos":
      return z.strictObject({ type: z.literal("pothos"), function: fn, schema: z.string().optional(), output: z.string().optional(), commands: z.array(z.string()).optional(), ...routeAuth })
    case "graphql":
      return z.strictObject({
        type: z.literal("graphql"),
        function: fn,
        pothos: z
          .strictObject({ schema: z.string().optional(), output: z.string().optional(), commands: z.array(z.string()).optional(), internalPackages: z.array(z.string()).optional() })
          .optional(),
        ...routeAuth,
      })
    default:
      // Not strict: the unknown `type` is the problem to report, not the keys beside it.
      return z.object({ type: z.enum(ROUTE_TYPES) })
  }
}

/** A checked route value in one shape. */
export function toParsedRoute(value: unknown): ParsedRoute {
  if (!isPlainObject(value) || (!("type" in value) && "handler" in value)) return { type: "function", function: value as FunctionDefinition }
  if (value.type === "url") return value as ParsedRoute
  if (value.type === "pothos" || value.type === "graphql") return value as ParsedRoute
  return { ...(value as object), type: "function" } as ParsedRoute
}

const identitySource = z.array(z.string().min(1)).min(1).optional()

/** The schema of an authorizer, chosen by its `type`. */
export function authorizerSchema(value: unknown): z.ZodType {
  const type = isPlainObject(value) ? value.type : undefined
  switch (type) {
    case "user_pool":
      return z.strictObject({
        type: z.literal("user_pool"),
        name: z.string().optional(),
        identitySource,
        userPool: z.strictObject({ id: z.string().min(1), clientIds: z.array(z.string().min(1)).optional(), region: z.string().optional() }),
      })
    case "jwt":
      return z.strictObject({
        type: z.literal("jwt"),
        name: z.string().optional(),
        identitySource,
        jwt: z.strictObject({ issuer: z.string().min(1), audience: z.array(z.string().min(1)).min(1) }),
      })
    case "lambda":
      return z.strictObject({
        type: z.literal("lambda"),
        name: z.string().optional(),
        identitySource,
        function: z.custom<Function>((v) => (v as { isSstFunction?: boolean } | null)?.isSstFunction === true, { message: "a Function (new Function(stack, id, { handler }))" }),
        responseTypes: z.array(z.enum(["simple", "iam"])).optional(),
        resultsCacheTtl: DurationSchema.optional(),
      })
    default:
      return z.object({ type: z.enum(["user_pool", "jwt", "lambda"]) })
  }
}
