/**
 * CORS of an HTTP API: SST v1 allowed every origin, header and method unless told otherwise.
 * API Gateway answers preflight requests itself from `CorsConfiguration`, so no OPTIONS routes
 * are needed.
 * @module
 */
import { z } from "zod"
import { assertSameShape, type Value } from "../../compiler/index.ts"
import { DurationSchema, toSeconds, type Duration } from "../function/duration.ts"

export type ApiCorsMethod = "ANY" | "GET" | "HEAD" | "OPTIONS" | "PATCH" | "POST" | "PUT" | "DELETE"

export interface ApiCorsProps {
  /** Whether requests may carry credentials (cookies, authorization headers). @default false */
  allowCredentials?: boolean
  /** @example allowHeaders: ["Content-Type", "Authorization"] */
  allowHeaders?: string[]
  /** "ANY" allows every method. @example allowMethods: ["GET", "POST"] */
  allowMethods?: ApiCorsMethod[]
  /** Origins with their protocol. @example allowOrigins: ["https://example.com"] */
  allowOrigins?: string[]
  /** Response headers the browser may read. */
  exposeHeaders?: string[]
  /** How long a browser caches the preflight answer. @example maxAge: "1 day" */
  maxAge?: Duration
}

export const CorsSchema = z.strictObject({
  allowCredentials: z.boolean().optional(),
  allowHeaders: z.array(z.string()).optional(),
  allowMethods: z.array(z.enum(["ANY", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT", "DELETE"])).optional(),
  allowOrigins: z.array(z.string()).optional(),
  exposeHeaders: z.array(z.string()).optional(),
  maxAge: DurationSchema.optional(),
})
assertSameShape<ApiCorsProps, z.input<typeof CorsSchema>>()

/** The `CorsConfiguration` of an `AWS::ApiGatewayV2::Api`, or undefined when CORS is off. */
export function corsConfiguration(cors: boolean | ApiCorsProps | undefined): Record<string, Value> | undefined {
  if (cors === false) return undefined
  if (cors === undefined || cors === true) return { AllowHeaders: ["*"], AllowMethods: ["*"], AllowOrigins: ["*"] }
  const out: Record<string, Value> = {
    AllowCredentials: cors.allowCredentials,
    AllowHeaders: cors.allowHeaders,
    AllowMethods: cors.allowMethods?.map((method) => (method === "ANY" ? "*" : method)),
    AllowOrigins: cors.allowOrigins,
    ExposeHeaders: cors.exposeHeaders,
    MaxAge: cors.maxAge === undefined ? undefined : toSeconds(cors.maxAge),
  }
  for (const key of Object.keys(out)) if (out[key] === undefined) delete out[key]
  return out
}
