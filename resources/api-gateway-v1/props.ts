/**
 * The props of `ApiGatewayV1Api` (SST v1's names and defaults) and their schemas.
 * @module
 */
import { z } from "zod"
import { assertSameShape } from "../../compiler/index.ts"
import type { Function } from "../Function.ts"
import { DurationSchema, type Duration } from "../function/duration.ts"
import { FunctionPropsSchema, type FunctionDefinition, type FunctionProps } from "../function/props.ts"
import { AccessLogSchema, type AccessLogProps } from "../api/access-log.ts"
import { functionDefinitionSchema, isPlainObject } from "../api/parse-entry.ts"
import { CertificateReferenceSchema, HostedZoneReferenceSchema, type CertificateReference, type HostedZoneReference } from "../custom-domain/props.ts"
import { CfnResource } from "../../compiler/index.ts"

/** The name of an authorizer a route uses: a key of `authorizers`, or "none" and "iam". */
export type ApiGatewayV1ApiAuthorizerName<AuthorizerKeys = string> = "none" | "iam" | Extract<AuthorizerKeys, string>

interface ApiGatewayV1ApiBaseAuthorizer {
  /** The authorizer's name in API Gateway. @default the key in `authorizers` */
  name?: string
  /** How long API Gateway caches a decision. @default not cached */
  resultsCacheTtl?: Duration
}

/**
 * Cognito user pools as authorizer.
 * @example authorizers: { Pool: { type: "user_pools", userPoolIds: [auth.userPoolId] } }
 */
export interface ApiGatewayV1ApiUserPoolsAuthorizer extends ApiGatewayV1ApiBaseAuthorizer {
  type: "user_pools"
  userPoolIds: string[]
  /** @default "method.request.header.Authorization" */
  identitySource?: string
}

/**
 * A Lambda TOKEN authorizer: the function gets the token of one header.
 * @example authorizers: { Token: { type: "lambda_token", function: authorizerFn } }
 */
export interface ApiGatewayV1ApiLambdaTokenAuthorizer extends ApiGatewayV1ApiBaseAuthorizer {
  type: "lambda_token"
  function: Function
  /** @default "method.request.header.Authorization" */
  identitySource?: string
  /** A regular expression a token must match before the function is called. */
  validationRegex?: string
}

/**
 * A Lambda REQUEST authorizer: the function gets the request's identity sources.
 * @example authorizers: { Request: { type: "lambda_request", function: authorizerFn, identitySources: ["method.request.header.Authorization"] } }
 */
export interface ApiGatewayV1ApiLambdaRequestAuthorizer extends ApiGatewayV1ApiBaseAuthorizer {
  type: "lambda_request"
  function: Function
  identitySources: string[]
}

export type ApiGatewayV1ApiAuthorizer = ApiGatewayV1ApiUserPoolsAuthorizer | ApiGatewayV1ApiLambdaTokenAuthorizer | ApiGatewayV1ApiLambdaRequestAuthorizer

/**
 * A route written as an object.
 * @example "GET /notes/{id}": { function: "functions/get.main", authorizer: "iam" }
 */
export interface ApiGatewayV1ApiFunctionRouteProps<AuthorizerKeys = string> {
  function: FunctionDefinition
  /** @default defaults.authorizer, else "none" */
  authorizer?: ApiGatewayV1ApiAuthorizerName<AuthorizerKeys>
  /** OAuth scopes for user_pools authorizers. @default defaults.authorizationScopes */
  authorizationScopes?: string[]
}

export type ApiGatewayV1ApiRouteProps<AuthorizerKeys = string> = FunctionDefinition | ApiGatewayV1ApiFunctionRouteProps<AuthorizerKeys>

export interface ApiGatewayV1ApiAccessLogProps extends AccessLogProps {}

/** An object that names an S3 bucket (a Bucket construct, or `{ bucketName }`). */
export interface BucketReference {
  bucketName: string
}

export interface ApiGatewayV1ApiCustomDomainProps {
  /** The domain, in lower case. @example "api.example.com" */
  domainName?: string
  /** The Route 53 zone. @default the domain without its first label */
  hostedZone?: string
  /** Base path of the API under the domain. */
  path?: string
  /** "edge" serves through CloudFront; its certificate must be in us-east-1. @default "regional" */
  endpointType?: "edge" | "regional"
  /** Mutual TLS: the trust store in S3. */
  mtls?: { bucket: BucketReference; key: string; version?: string }
  /** @default "TLS 1.0" */
  securityPolicy?: "TLS 1.0" | "TLS 1.2"
  cdk?: {
    /** An `AWS::ApiGateway::DomainName` another API of the app created (its `cdk.domainName`). */
    domainName?: CfnResource
    hostedZone?: HostedZoneReference
    certificate?: CertificateReference
  }
}

/** Props of `ApiGatewayV1Api`. */
export interface ApiGatewayV1ApiProps<Authorizers extends Record<string, ApiGatewayV1ApiAuthorizer> = Record<string, ApiGatewayV1ApiAuthorizer>, AuthorizerKeys = keyof Authorizers> {
  /**
   * The routes: `"METHOD /path"` to a handler, function props, a Function, or route props. Paths take `{param}` and a last `{proxy+}`.
   * @example routes: { "GET /notes": "functions/list.main", "ANY /{proxy+}": "functions/router.main" }
   */
  routes?: Record<string, ApiGatewayV1ApiRouteProps<AuthorizerKeys>>
  /**
   * CORS: an OPTIONS method answering preflight requests on every path, allowing every origin,
   * header and method. `true` also adds CORS headers to API Gateway's own 4XX/5XX answers.
   * @default on (preflight only)
   */
  cors?: boolean
  /** Access logs, in JSON, to a CloudWatch log group; a string is the log format. @default true */
  accessLog?: boolean | string | ApiGatewayV1ApiAccessLogProps
  /** A custom domain (Route 53). @example customDomain: "api.example.com" */
  customDomain?: string | ApiGatewayV1ApiCustomDomainProps
  authorizers?: Authorizers
  defaults?: {
    /** Props every route function starts from. */
    function?: FunctionProps
    /** @default "none" */
    authorizer?: ApiGatewayV1ApiAuthorizerName<AuthorizerKeys>
    /** @default [] */
    authorizationScopes?: string[]
  }
}

const isFunction = (v: unknown) => (v as { isSstFunction?: boolean } | null)?.isSstFunction === true
const FunctionSchema = z.custom<Function>(isFunction, { message: "a Function (new Function(stack, id, { handler }))" })

export const ApiGatewayV1ApiCustomDomainSchema = z.strictObject({
  domainName: z.string().min(1).optional(),
  hostedZone: z.string().min(1).optional(),
  path: z.string().min(1).optional(),
  endpointType: z.enum(["edge", "regional"]).optional(),
  mtls: z.strictObject({ bucket: z.custom<BucketReference>((v) => typeof (v as { bucketName?: unknown } | null)?.bucketName === "string", { message: "a Bucket" }), key: z.string().min(1), version: z.string().optional() }).optional(),
  securityPolicy: z.enum(["TLS 1.0", "TLS 1.2"]).optional(),
  cdk: z
    .strictObject({
      domainName: z.custom<CfnResource>((v) => v instanceof CfnResource && v.type === "AWS::ApiGateway::DomainName", { message: "an AWS::ApiGateway::DomainName resource" }).optional(),
      hostedZone: HostedZoneReferenceSchema.optional(),
      certificate: CertificateReferenceSchema.optional(),
    })
    .optional(),
})
assertSameShape<ApiGatewayV1ApiCustomDomainProps, z.input<typeof ApiGatewayV1ApiCustomDomainSchema>>()

export const ApiGatewayV1ApiPropsSchema = z.strictObject({
  routes: z.record(z.string(), z.custom<ApiGatewayV1ApiRouteProps>((value) => value !== undefined && value !== null, { message: "a route" })).optional(),
  cors: z.boolean().optional(),
  accessLog: z.union([z.boolean(), z.string(), AccessLogSchema]).optional(),
  customDomain: z.union([z.string(), ApiGatewayV1ApiCustomDomainSchema]).optional(),
  authorizers: z.record(z.string(), z.custom<ApiGatewayV1ApiAuthorizer>(isPlainObject, { message: "an authorizer { type, ... }" })).optional(),
  defaults: z
    .strictObject({ function: FunctionPropsSchema.optional(), authorizer: z.string().optional(), authorizationScopes: z.array(z.string()).optional() })
    .optional(),
})
assertSameShape<ApiGatewayV1ApiProps, z.input<typeof ApiGatewayV1ApiPropsSchema>>()

/** The schema of a route value, chosen by its form. */
export function restRouteSchema(value: unknown): z.ZodType {
  if (isPlainObject(value) && !("handler" in value)) {
    return z.strictObject({ function: functionDefinitionSchema(value.function), authorizer: z.string().optional(), authorizationScopes: z.array(z.string()).optional() })
  }
  return functionDefinitionSchema(value)
}

/** A checked route value as route props. */
export function toRouteProps(value: ApiGatewayV1ApiRouteProps): ApiGatewayV1ApiFunctionRouteProps {
  return isPlainObject(value) && !("handler" in value) ? (value as unknown as ApiGatewayV1ApiFunctionRouteProps) : { function: value as FunctionDefinition }
}

const cacheTtl = DurationSchema.optional()

/** The schema of an authorizer, chosen by its `type`. */
export function restAuthorizerSchema(value: unknown): z.ZodType {
  switch (isPlainObject(value) ? value.type : undefined) {
    case "user_pools":
      return z.strictObject({ type: z.literal("user_pools"), name: z.string().optional(), resultsCacheTtl: cacheTtl, userPoolIds: z.array(z.string().min(1)).min(1), identitySource: z.string().min(1).optional() })
    case "lambda_token":
      return z.strictObject({
        type: z.literal("lambda_token"),
        name: z.string().optional(),
        resultsCacheTtl: cacheTtl,
        function: FunctionSchema,
        identitySource: z.string().min(1).optional(),
        validationRegex: z.string().min(1).optional(),
      })
    case "lambda_request":
      return z.strictObject({ type: z.literal("lambda_request"), name: z.string().optional(), resultsCacheTtl: cacheTtl, function: FunctionSchema, identitySources: z.array(z.string().min(1)).min(1) })
    default:
      return z.object({ type: z.enum(["user_pools", "lambda_token", "lambda_request"]) })
  }
}
