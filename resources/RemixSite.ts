/**
 * RemixSite: a Remix app whose server build answers from a regional Lambda function behind
 * CloudFront (its function URL as the origin), or, with `edge: true`, from Lambda@Edge at every
 * CloudFront location; its browser build and `public/` files are served from a private bucket.
 *
 * `sst build` runs the app's build, then writes `build/sst-server.mjs`, a Lambda adapter around
 * Remix's `createRequestHandler` (compiler/packager/sites/server-wrapper.ts), which the packager
 * bundles with the server build like any Node function. Both Remix layouts are read: Vite
 * (`build/server/index.js`, browser files in `build/client`) when the app has a `vite.config.*`,
 * else the classic compiler (`build/index.js`, browser files in `public/build`).
 *
 * Lambda@Edge functions live in us-east-1 and have no environment variables: an edge site needs
 * an app in us-east-1 (`EdgeRegion`), and its `environment` must be known at build time, where
 * it is inlined into the bundle (`EdgeEnvironmentReference` otherwise).
 * @module
 */
import { existsSync } from "node:fs"
import { join } from "node:path"
import { z } from "zod"
import { assertSameShape, CfnResource, type Construct, type Value } from "../compiler/index.ts"
import { Function } from "./Function.ts"
import type { Permissions } from "./function/permissions.ts"
import type { FunctionRuntime } from "./function/props.ts"
import { ALL_METHODS, ALL_VIEWER_EXCEPT_HOST_HEADER_POLICY_ID, createForwardedHostFunction, createServerCachePolicy, functionUrlOrigin, publicPatterns, serverBehavior } from "./ssr-site/distribution.ts"
import { ssrSitePropsShape, type SsrSiteProps } from "./ssr-site/props.ts"
import { BUCKET_ORIGIN_ID, SsrSite, type SsrServer } from "./ssr-site/ssr-site.ts"
import { defaultBuildCommand } from "./ViteStaticSite.ts"

/** Props of {@link RemixSite}. */
export interface RemixSiteProps extends SsrSiteProps {
  /** Render at CloudFront's edge locations with Lambda@Edge instead of a regional function. @default false */
  edge?: boolean
}

const RemixSitePropsSchema = z.strictObject({ ...ssrSitePropsShape, edge: z.boolean().optional() })
assertSameShape<RemixSiteProps, z.input<typeof RemixSitePropsSchema>>()

const SERVER_ORIGIN = "Server"
/** Lambda@Edge origin-request functions: at most 30 seconds (CloudFront's quotas). */
const MAX_EDGE_TIMEOUT = 30

interface RemixLayout {
  /** The server build, relative to `build/`. */
  serverBuild: string
  /** The browser build and public files, relative to the app's folder. */
  clientDir: string
  /** Paths of the bucket: hashed assets, then public files. */
  staticPatterns: string[]
}

/**
 * A Remix app on Lambda (or Lambda@Edge) behind CloudFront.
 * @example
 * const site = new RemixSite(stack, "site", { path: "web", environment: { TABLE_NAME: table.tableName } })
 * site.attachPermissions([table])
 */
export class RemixSite extends SsrSite {
  declare readonly props: RemixSiteProps

  constructor(scope: Construct, id: string, props: RemixSiteProps) {
    super(scope, id, props, RemixSitePropsSchema)
  }

  protected createServer(_bucket: CfnResource): SsrServer {
    const layout = this.layout()
    const edge = this.props.edge === true
    const server = edge ? this.createEdgeFunction() : this.createRegionalFunction()
    const cachePolicy = createServerCachePolicy(this, [])
    const forwardedHost = createForwardedHostFunction(this)
    const common = {
      serverFunction: server,
      behaviors: [],
      staticPatterns: layout.staticPatterns,
      build: {
        buildCommand: this.props.buildCommand ?? defaultBuildCommand(this.app.root, this.sitePath),
        buildOutput: "build",
        copy: [{ from: layout.clientDir, to: "" }],
        serverWrapper: { kind: edge ? ("remix-edge" as const) : ("remix" as const), file: "build/sst-server.mjs", serverBuild: layout.serverBuild },
      },
      placeholderFiles: "*.{js,mjs,cjs,html,htm,json}",
    }
    if (!edge) {
      return { ...common, origins: [functionUrlOrigin(SERVER_ORIGIN, server.url as string)], defaultBehavior: serverBehavior(SERVER_ORIGIN, cachePolicy, forwardedHost) }
    }
    const version = new CfnResource(this, "ServerFunctionVersion", { type: "AWS::Lambda::Version", properties: { FunctionName: server.functionName } })
    const defaultBehavior: Record<string, Value> = {
      TargetOriginId: BUCKET_ORIGIN_ID,
      ViewerProtocolPolicy: "redirect-to-https",
      Compress: true,
      AllowedMethods: ALL_METHODS,
      CachedMethods: ["GET", "HEAD", "OPTIONS"],
      CachePolicyId: cachePolicy.ref,
      OriginRequestPolicyId: ALL_VIEWER_EXCEPT_HOST_HEADER_POLICY_ID,
      FunctionAssociations: [{ EventType: "viewer-request", FunctionARN: forwardedHost.getAtt("FunctionARN") }],
      LambdaFunctionAssociations: [{ EventType: "origin-request", LambdaFunctionARN: version.ref, IncludeBody: true }],
    }
    return { ...common, origins: [], defaultBehavior }
  }

  /** Vite's layout when the app has a Vite config, else the classic compiler's. */
  private layout(): RemixLayout {
    const folder = join(this.app.root, this.sitePath)
    const vite = ["vite.config.ts", "vite.config.js", "vite.config.mts", "vite.config.mjs"].some((name) => existsSync(join(folder, name)))
    const publicFiles = publicPatterns(join(folder, "public"))
    if (vite) return { serverBuild: "./server/index.js", clientDir: "build/client", staticPatterns: ["assets/*", ...publicFiles.filter((p) => p !== "assets/*")] }
    return { serverBuild: "./index.js", clientDir: "public", staticPatterns: ["build/*", ...publicFiles.filter((p) => p !== "build/*")] }
  }

  private functionProps(): { memorySize: SsrSiteProps["memorySize"]; timeout: SsrSiteProps["timeout"]; runtime: FunctionRuntime; permissions?: Permissions } {
    const p = this.props
    const defaults = p.defaults?.function ?? {}
    const permissions = defaults.permissions === "*" || p.permissions === "*" ? "*" : [...(defaults.permissions ?? []), ...(p.permissions ?? [])]
    return {
      memorySize: p.memorySize ?? defaults.memorySize ?? 1024,
      timeout: p.timeout ?? defaults.timeout ?? 10,
      runtime: defaults.runtime ?? "nodejs22.x",
      ...(permissions === "*" || permissions.length > 0 ? { permissions } : {}),
    }
  }

  private createRegionalFunction(): Function {
    return new Function(this, "ServerFunction", {
      description: "Remix server",
      srcPath: this.sitePath,
      handler: "build/sst-server.handler",
      bundle: { format: "esm" },
      environment: this.serverEnvironment(),
      ...this.functionProps(),
      ...(this.props.bind ? { bind: this.props.bind } : {}),
      url: { cors: false },
    })
  }

  private createEdgeFunction(): Function {
    if (this.app.region !== "us-east-1") {
      this.report({
        code: "EdgeRegion",
        property: "edge",
        problem: `is true, but the app is deployed to ${this.app.region}; Lambda@Edge functions are created in us-east-1 only.`,
        allowed: "edge: true in an app deployed to us-east-1, or a regional server (edge: false).",
        fix: "remove edge (the server then runs in the app's region behind CloudFront), or deploy the app to us-east-1.",
      })
    }
    for (const key of this.placeholderKeys()) {
      this.report({
        code: "EdgeEnvironmentReference",
        property: `environment.${key}`,
        problem: "is a value known only after deploy, which a Lambda@Edge function cannot read: it has no environment variables.",
        allowed: "plain strings in the environment of an edge site (they are inlined into the bundle).",
        fix: `pass ${key} as a plain string, or remove edge so the server reads it from its environment.`,
      })
    }
    if (this.props.bind) {
      this.report({
        code: "EdgeBind",
        property: "bind",
        problem: "binds constructs to a Lambda@Edge function, which has no environment variables to read them from.",
        allowed: "bind with a regional server (edge: false).",
        fix: "remove edge, or read the values another way (for example from SSM with the AWS SDK).",
      })
    }
    const define: Record<string, string> = {}
    for (const [key, value] of Object.entries(this.props.environment ?? {})) define[`process.env.${key}`] = JSON.stringify(value)
    const props = this.functionProps()
    const fn = new Function(this, "ServerFunction", {
      description: "Remix server (Lambda@Edge)",
      srcPath: this.sitePath,
      handler: "build/sst-server.handler",
      architecture: "x86_64",
      tracing: "disabled",
      bundle: { format: "esm", esbuildConfig: { define } },
      ...props,
      timeout: Math.min(typeof props.timeout === "number" ? props.timeout : MAX_EDGE_TIMEOUT, MAX_EDGE_TIMEOUT),
    })
    // Lambda@Edge refuses environment variables and must be assumable by edgelambda.amazonaws.com.
    delete fn.resource.properties.Environment
    fn.role?.addPropertyOverride("AssumeRolePolicyDocument.Statement", [
      { Effect: "Allow", Principal: { Service: ["lambda.amazonaws.com", "edgelambda.amazonaws.com"] }, Action: "sts:AssumeRole" },
    ])
    return fn
  }
}
