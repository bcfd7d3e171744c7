/**
 * The props of `WebSocketApi` (SST v1's names and defaults), their schemas, and its route keys.
 * @module
 */
import { z } from "zod"
import { assertSameShape } from "../../compiler/index.ts"
import type { Function } from "../Function.ts"
import { FunctionPropsSchema, type FunctionDefinition, type FunctionProps } from "../function/props.ts"
import { AccessLogSchema, type AccessLogProps } from "../api/access-log.ts"
import { functionDefinitionSchema, isPlainObject } from "../api/parse-entry.ts"
import { CustomDomainSchema, type CustomDomainProps } from "../custom-domain/props.ts"

/**
 * A Lambda authorizer on `$connect`.
 * @example authorizer: { type: "lambda", function: new Function(stack, "Authorizer", { handler: "functions/authorizer.main" }) }
 */
export interface WebSocketApiLambdaAuthorizer {
  type: "lambda"
  /** The authorizer's name in API Gateway. @default "WebSocketAuthorizer" */
  name?: string
  /** Where the identity is read from. @default ["route.request.header.Authorization"] */
  identitySource?: string[]
  /** The function that decides. */
  function: Function
}

/** A route written as an object. */
export interface WebSocketApiFunctionRouteProps {
  type?: "function"
  function: FunctionDefinition
}

export interface WebSocketApiAccessLogProps extends AccessLogProps {}
export interface WebSocketApiDomainProps extends CustomDomainProps {}

/** Props of `WebSocketApi`. */
export interface WebSocketApiProps {
  /**
   * The routes: `$connect`, `$disconnect`, `$default`, or an action name (the `action` field of a
   * message's JSON body).
   * @example routes: { $connect: "functions/connect.main", $disconnect: "functions/disconnect.main", sendmessage: "functions/sendMessage.main" }
   */
  routes?: Record<string, FunctionDefinition | WebSocketApiFunctionRouteProps>
  /** Who may connect: checked on `$connect`. @default "none" */
  authorizer?: "none" | "iam" | WebSocketApiLambdaAuthorizer
  defaults?: {
    /** Props every route function starts from. */
    function?: FunctionProps
  }
  /** Access logs, in JSON, to a CloudWatch log group; a string is the log format. @default true */
  accessLog?: boolean | string | WebSocketApiAccessLogProps
  /** A custom domain (Route 53); the URL becomes `wss://<domain>`. */
  customDomain?: string | WebSocketApiDomainProps
}

export const WebSocketApiPropsSchema = z.strictObject({
  routes: z.record(z.string(), z.custom<FunctionDefinition | WebSocketApiFunctionRouteProps>((value) => value !== undefined && value !== null, { message: "a route" })).optional(),
  authorizer: z
    .union([
      z.enum(["none", "iam"]),
      z.strictObject({
        type: z.literal("lambda"),
        name: z.string().min(1).optional(),
        identitySource: z.array(z.string().min(1)).min(1).optional(),
        function: z.custom<Function>((v) => (v as { isSstFunction?: boolean } | null)?.isSstFunction === true, { message: "a Function (new Function(stack, id, { handler }))" }),
      }),
    ])
    .optional(),
  defaults: z.strictObject({ function: FunctionPropsSchema.optional() }).optional(),
  accessLog: z.union([z.boolean(), z.string(), AccessLogSchema]).optional(),
  customDomain: z.union([z.string(), CustomDomainSchema]).optional(),
})
assertSameShape<WebSocketApiProps, z.input<typeof WebSocketApiPropsSchema>>()

/** The schema of a route value, chosen by its form. */
export function webSocketRouteSchema(value: unknown): z.ZodType {
  if (isPlainObject(value) && !("handler" in value)) {
    return z.strictObject({ type: z.literal("function").optional(), function: functionDefinitionSchema(value.function) })
  }
  return functionDefinitionSchema(value)
}

/** The function definition of a checked route value. */
export function routeFunction(value: FunctionDefinition | WebSocketApiFunctionRouteProps): FunctionDefinition {
  return isPlainObject(value) && "function" in value ? (value as unknown as WebSocketApiFunctionRouteProps).function : (value as FunctionDefinition)
}

export const WEBSOCKET_ROUTE_KEY_ALLOWED = '"$connect", "$disconnect", "$default", or an action name without spaces (the "action" field of a message\'s JSON body), e.g. "sendmessage".'

/** The fix for a route key API Gateway would refuse, or undefined when it is valid. */
export function webSocketRouteKeyFix(key: string): string | undefined {
  if (key === "") return 'name the action, e.g. "sendmessage".'
  if (/\s/.test(key)) return `remove the spaces: "${key.replace(/\s+/g, "")}".`
  if (key.startsWith("$") && !["$connect", "$disconnect", "$default"].includes(key)) {
    const known = ["$connect", "$disconnect", "$default"].find((k) => k.slice(1, 4) === key.slice(1, 4).toLowerCase())
    return known ? `write "${known}".` : `drop the "$" (names starting with "$" are API Gateway's): "${key.slice(1)}".`
  }
  return undefined
}

/** "$connect" → "connect", "sendmessage" → "sendmessage": the id part of the route's constructs. */
export function webSocketRouteSuffix(key: string): string {
  return key.replace(/[^A-Za-z0-9_-]/g, "") || "route"
}
