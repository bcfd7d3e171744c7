/**
 * CloudFront pieces of a server-rendered site: a function URL as an origin, the cache policy of
 * server responses, the viewer function that passes the viewer's host on, and the behaviors
 * that send static files to the bucket.
 * @module
 */
import { existsSync, readdirSync } from "node:fs"
import { createHash } from "node:crypto"
import { CfnResource, Fn, type Construct, type Value } from "../../compiler/index.ts"
import { CACHING_OPTIMIZED_POLICY_ID } from "../StaticSite.ts"

/** CloudFront's managed "AllViewerExceptHostHeader" origin request policy: a function URL answers only to its own host. */
export const ALL_VIEWER_EXCEPT_HOST_HEADER_POLICY_ID = "b689b0a8-53d0-40ab-baf2-68738e2966ac"
/** CloudFront names (cache policies, functions): at most 64 characters here, unique in the account. */
const MAX_NAME = 64

export const ALL_METHODS = ["GET", "HEAD", "OPTIONS", "PUT", "PATCH", "POST", "DELETE"]

/** `https://abc.lambda-url.us-east-1.on.aws/` → `abc.lambda-url.us-east-1.on.aws`. */
export function functionUrlOrigin(id: string, functionUrl: string): Record<string, Value> {
  return {
    Id: id,
    DomainName: Fn.select(2, Fn.split("/", functionUrl)),
    CustomOriginConfig: { OriginProtocolPolicy: "https-only", OriginSSLProtocols: ["TLSv1.2"], HTTPSPort: 443 },
  }
}

/**
 * Server responses are cached only as long as they say (default TTL 0), keyed by the query
 * string and the headers the framework varies on.
 */
export function createServerCachePolicy(scope: Construct, headers: string[]): CfnResource {
  return new CfnResource(scope, "ServerCachePolicy", {
    type: "AWS::CloudFront::CachePolicy",
    properties: {
      CachePolicyConfig: {
        Name: uniqueName(scope, "server"),
        DefaultTTL: 0,
        MinTTL: 0,
        MaxTTL: 31536000,
        ParametersInCacheKeyAndForwardedToOrigin: {
          EnableAcceptEncodingGzip: true,
          EnableAcceptEncodingBrotli: true,
          CookiesConfig: { CookieBehavior: "none" },
          HeadersConfig: headers.length > 0 ? { HeaderBehavior: "whitelist", Headers: headers } : { HeaderBehavior: "none" },
          QueryStringsConfig: { QueryStringBehavior: "all" },
        },
      },
    },
  })
}

/**
 * Frameworks build absolute URLs from the Host header, which the origin request policy cannot
 * forward to a function URL: this viewer-request function copies it to `x-forwarded-host`.
 */
export function createForwardedHostFunction(scope: Construct): CfnResource {
  return new CfnResource(scope, "ForwardedHost", {
    type: "AWS::CloudFront::Function",
    properties: {
      Name: uniqueName(scope, "host"),
      AutoPublish: true,
      FunctionCode: [
        "function handler(event) {",
        "  var request = event.request;",
        "  if (request.headers.host) request.headers['x-forwarded-host'] = { value: request.headers.host.value };",
        "  return request;",
        "}",
      ].join("\n"),
      FunctionConfig: { Comment: "Passes the viewer's host to the server function", Runtime: "cloudfront-js-2.0" },
    },
  })
}

/** A behavior that serves `pattern` from the bucket, cached by CloudFront's managed policy. */
export function staticBehavior(pattern: string, originId: string): Record<string, Value> {
  return {
    PathPattern: pattern,
    TargetOriginId: originId,
    ViewerProtocolPolicy: "redirect-to-https",
    Compress: true,
    AllowedMethods: ["GET", "HEAD", "OPTIONS"],
    CachedMethods: ["GET", "HEAD", "OPTIONS"],
    CachePolicyId: CACHING_OPTIMIZED_POLICY_ID,
  }
}

/** A behavior (or the default one, without a pattern) that sends requests to a server function. */
export function serverBehavior(originId: string, cachePolicy: CfnResource, forwardedHost: CfnResource, pattern?: string): Record<string, Value> {
  return {
    ...(pattern ? { PathPattern: pattern } : {}),
    TargetOriginId: originId,
    ViewerProtocolPolicy: "redirect-to-https",
    Compress: true,
    AllowedMethods: ALL_METHODS,
    CachedMethods: ["GET", "HEAD", "OPTIONS"],
    CachePolicyId: cachePolicy.ref,
    OriginRequestPolicyId: ALL_VIEWER_EXCEPT_HOST_HEADER_POLICY_ID,
    FunctionAssociations: [{ EventType: "viewer-request", FunctionARN: forwardedHost.getAtt("FunctionARN") }],
  }
}

/**
 * Path patterns of the files at the top of a public folder (`robots.txt`, `images/*`), sorted:
 * the files a framework copies as they are, served from the bucket. Read from the source, so the
 * template does not depend on the build.
 */
export function publicPatterns(folder: string): string[] {
  if (!existsSync(folder)) return []
  return readdirSync(folder, { withFileTypes: true })
    .filter((entry) => !entry.name.startsWith("."))
    .map((entry) => (entry.isDirectory() ? `${entry.name}/*` : entry.name))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
}

/** `<stack>-<path>-<suffix>`, shortened with a hash past CloudFront's limit. */
export function uniqueName(scope: Construct, suffix: string): string {
  const stack = scope.enclosingStack
  const name = `${stack.stackName}-${scope.path.slice(stack.path.length + 1)}-${suffix}`.replace(/[^A-Za-z0-9-_]/g, "-")
  if (name.length <= MAX_NAME) return name
  return `${name.slice(0, MAX_NAME - 9)}-${createHash("sha256").update(name).digest("hex").slice(0, 8)}`
}

