/**
 * The props NextjsSite and RemixSite share (SST v1's names): the app's folder, its build, the
 * environment baked into the build and given to the server function, the server function's
 * settings, a custom domain.
 * @module
 */
import { z } from "zod"
import { assertSameShape } from "../../compiler/index.ts"
import { isSSTConstruct, type SSTConstruct } from "../bindable.ts"
import { DurationSchema, SizeSchema, type Duration, type Size } from "../function/duration.ts"
import type { Permissions } from "../function/permissions.ts"
import type { FunctionRuntime } from "../function/props.ts"
import { knownRuntimes } from "../function/runtime.ts"
import { DomainSchema, type StaticSiteDomainProps } from "../static-site/props.ts"

/** Settings of the site's server function. */
export interface SsrFunctionProps {
  /** @default 10 seconds */
  timeout?: Duration
  /** @default 1024 MB */
  memorySize?: Size
  /** IAM permissions of the server function, in the grammar of `Function.permissions`. */
  permissions?: Permissions
  /** A runtime AWS has retired builds as the newest Node.js, with a warning. @default "nodejs22.x" */
  runtime?: FunctionRuntime
}

/** Props of NextjsSite and RemixSite. */
export interface SsrSiteProps {
  /** The app's folder, relative to the app root (a trailing slash is fine). @example path: "web" */
  path: string
  /**
   * The build run in `path` by `sst build`.
   * @default NextjsSite: "npx --no-install open-next build"; RemixSite: "npm run build" ("yarn build" with a yarn.lock)
   */
  buildCommand?: string
  /**
   * Environment of the build and of the server function. References such as `api.url` reach
   * the server function as they are (CloudFormation resolves them); the build sees `{{ KEY }}`,
   * which the deployer replaces in the static files.
   * @example environment: { NEXT_PUBLIC_API_URL: api.url, TABLE_NAME: table.tableName }
   */
  environment?: Record<string, string>
  /** @example customDomain: "www.example.com" */
  customDomain?: string | StaticSiteDomainProps
  /** Wait for the CloudFront invalidation to complete before the deploy ends. @default true */
  waitForInvalidation?: boolean
  /** Kept for SST v1 apps: `sst start` shows no placeholder page here. @default false */
  disablePlaceholder?: boolean
  /** Server function settings; `timeout`, `memorySize` and `permissions` below win over them. */
  defaults?: { function?: SsrFunctionProps }
  /** @default 10 seconds */
  timeout?: Duration
  /** @default 1024 MB */
  memorySize?: Size
  /** IAM permissions of the server function. @example permissions: [table] */
  permissions?: Permissions
  /** Constructs the server function binds (`SST_<Class>_<prop>_<id>`). @example bind: [table] */
  bind?: SSTConstruct[]
  /** Escape hatches: raw CloudFormation properties merged over ours. */
  cdk?: {
    /** Properties of the `AWS::S3::Bucket`. */
    bucket?: Record<string, unknown>
    /** Properties of the distribution's `DistributionConfig`. */
    distribution?: Record<string, unknown>
  }
}

const PermissionsSchema = z.union([z.literal("*"), z.array(z.custom<Exclude<Permissions, "*">[number]>((value) => value !== undefined && value !== null, { message: "a permission" }))])

const SsrFunctionPropsSchema = z.strictObject({
  timeout: DurationSchema.optional(),
  memorySize: SizeSchema.optional(),
  permissions: PermissionsSchema.optional(),
  runtime: z.enum(knownRuntimes() as [FunctionRuntime, ...FunctionRuntime[]]).optional(),
})

export const ssrSitePropsShape = {
  path: z.string().min(1),
  buildCommand: z.string().min(1).optional(),
  environment: z.record(z.string(), z.string()).optional(),
  customDomain: DomainSchema.optional(),
  waitForInvalidation: z.boolean().optional(),
  disablePlaceholder: z.boolean().optional(),
  defaults: z.strictObject({ function: SsrFunctionPropsSchema.optional() }).optional(),
  timeout: DurationSchema.optional(),
  memorySize: SizeSchema.optional(),
  permissions: PermissionsSchema.optional(),
  bind: z.array(z.custom<SSTConstruct>(isSSTConstruct, { message: "a construct that can be bound (Table, Queue, Bucket, ...)" })).optional(),
  cdk: z
    .strictObject({
      bucket: z.record(z.string(), z.unknown()).optional(),
      distribution: z.record(z.string(), z.unknown()).optional(),
    })
    .optional(),
}

export const SsrSitePropsSchema = z.strictObject(ssrSitePropsShape)
assertSameShape<SsrSiteProps, z.input<typeof SsrSitePropsSchema>>()
