/**
 * NextjsSite: a Next.js app built with OpenNext (`@opennextjs/aws`) into a regional server
 * function behind CloudFront, an image optimisation function, static assets on a private bucket,
 * and incremental static regeneration (a FIFO queue, a revalidation function, a tag table).
 *
 * `sst build` runs `open-next build` in the app's folder (compiler/packager/sites/); the
 * functions are packaged from `.open-next/` as they are, and the deployer uploads
 * `.open-next/assets` (to `_assets/`, the bucket origin's path) and `.open-next/cache` (to
 * `_cache/`, the incremental cache). SST v1 deployed Next.js to Lambda@Edge with
 * serverless-next.js; OpenNext's regional layout is what SST v2 moved to, and what the
 * framework supports today.
 *
 * Not done here: OpenNext's warmer, and seeding the tag table with the tags of pages prerendered
 * at build time (OpenNext's `dynamodb-provider`, which needs a custom resource); `revalidateTag`
 * works for tags set at run time.
 * @module
 */
import { join } from "node:path"
import { z } from "zod"
import { assertSameShape, CfnResource, type Construct, type Value } from "../compiler/index.ts"
import { Function } from "./Function.ts"
import { SizeSchema, type Size } from "./function/duration.ts"
import type { Permissions } from "./function/permissions.ts"
import {
  ALL_VIEWER_EXCEPT_HOST_HEADER_POLICY_ID,
  createForwardedHostFunction,
  createServerCachePolicy,
  functionUrlOrigin,
  publicPatterns,
  serverBehavior,
  uniqueName,
} from "./ssr-site/distribution.ts"
import { ssrSitePropsShape, type SsrSiteProps } from "./ssr-site/props.ts"
import { SsrSite, type SsrServer } from "./ssr-site/ssr-site.ts"

export type { SsrFunctionProps, SsrSiteProps } from "./ssr-site/props.ts"

/** Props of {@link NextjsSite}. */
export interface NextjsSiteProps extends SsrSiteProps {
  /** The image optimisation function. */
  imageOptimization?: {
    /** @default 1536 MB */
    memorySize?: Size
  }
}

const NextjsSitePropsSchema = z.strictObject({ ...ssrSitePropsShape, imageOptimization: z.strictObject({ memorySize: SizeSchema.optional() }).optional() })
assertSameShape<NextjsSiteProps, z.input<typeof NextjsSitePropsSchema>>()

/** Headers Next.js varies responses on (App Router requests, prefetches, previews). */
const SERVER_CACHE_HEADERS = ["accept", "rsc", "next-router-prefetch", "next-router-state-tree", "next-url", "x-prerender-revalidate"]
/** Static files, incremental cache entries and prerendered payloads can hold `{{ KEY }}`. */
const PLACEHOLDER_FILES = "*.{js,mjs,cjs,html,htm,json,cache,rsc,body,meta}"
const SERVER_ORIGIN = "Server"
const IMAGE_ORIGIN = "ImageOptimizer"

/**
 * A Next.js app on Lambda behind CloudFront, built with OpenNext.
 * @example
 * const site = new NextjsSite(stack, "site", { path: "web", environment: { NEXT_PUBLIC_API_URL: api.url } })
 * site.attachPermissions([table])
 */
export class NextjsSite extends SsrSite {
  declare readonly props: NextjsSiteProps

  constructor(scope: Construct, id: string, props: NextjsSiteProps) {
    super(scope, id, props, NextjsSitePropsSchema)
  }

  /** The image optimisation function. */
  get imageFunction(): Function {
    return this.node.children.find((child) => child.id === "ImageFunction") as Function
  }

  protected createServer(bucket: CfnResource): SsrServer {
    const openNext = `${this.sitePath === "." ? "" : `${this.sitePath}/`}.open-next`
    const queue = new CfnResource(this, "RevalidationQueue", {
      type: "AWS::SQS::Queue",
      properties: { FifoQueue: true, ContentBasedDeduplication: true, ReceiveMessageWaitTimeSeconds: 20, SqsManagedSseEnabled: true },
    })
    const table = this.createTagTable()
    const server = this.createServerFunction(openNext, bucket, queue, table)
    const image = this.createImageFunction(openNext, bucket)
    this.createRevalidationFunction(openNext, queue)

    const cachePolicy = createServerCachePolicy(this, SERVER_CACHE_HEADERS)
    const forwardedHost = createForwardedHostFunction(this)
    return {
      serverFunction: server,
      origins: [functionUrlOrigin(SERVER_ORIGIN, server.url as string), functionUrlOrigin(IMAGE_ORIGIN, image.url as string)],
      defaultBehavior: serverBehavior(SERVER_ORIGIN, cachePolicy, forwardedHost),
      behaviors: [this.imageBehavior(), serverBehavior(SERVER_ORIGIN, cachePolicy, forwardedHost, "_next/data/*")],
      staticPatterns: ["_next/*", "BUILD_ID", ...publicPatterns(join(this.app.root, this.sitePath, "public"))],
      assetsOriginPath: "/_assets",
      build: {
        buildCommand: this.props.buildCommand ?? "npx --no-install open-next build",
        buildOutput: ".open-next",
        copy: [
          { from: ".open-next/assets", to: "_assets" },
          { from: ".open-next/cache", to: "_cache" },
        ],
        serverWrapper: { kind: "nextjs", file: ".open-next/server-functions/default/sst-server.mjs", serverBuild: "./index.mjs" },
      },
      placeholderFiles: PLACEHOLDER_FILES,
    }
  }

  /** Tags of cached pages and the time they were revalidated (OpenNext's DynamoDB tag cache). */
  private createTagTable(): CfnResource {
    return new CfnResource(this, "RevalidationTable", {
      type: "AWS::DynamoDB::Table",
      properties: {
        BillingMode: "PAY_PER_REQUEST",
        AttributeDefinitions: [
          { AttributeName: "tag", AttributeType: "S" },
          { AttributeName: "path", AttributeType: "S" },
          { AttributeName: "revalidatedAt", AttributeType: "N" },
        ],
        KeySchema: [
          { AttributeName: "tag", KeyType: "HASH" },
          { AttributeName: "path", KeyType: "RANGE" },
        ],
        GlobalSecondaryIndexes: [
          {
            IndexName: "revalidate",
            KeySchema: [
              { AttributeName: "path", KeyType: "HASH" },
              { AttributeName: "revalidatedAt", KeyType: "RANGE" },
            ],
            Projection: { ProjectionType: "ALL" },
          },
        ],
      },
    })
  }

  private createServerFunction(openNext: string, bucket: CfnResource, queue: CfnResource, table: CfnResource): Function {
    const p = this.props
    const defaults = p.defaults?.function ?? {}
    const tableArn = table.getAtt("Arn")
    const permissions: Permissions = [
      { actions: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"], resources: [`${bucket.getAtt("Arn")}/_cache/*`] },
      { actions: ["s3:ListBucket"], resources: [bucket.getAtt("Arn")] },
      { actions: ["sqs:SendMessage", "sqs:GetQueueAttributes", "sqs:GetQueueUrl"], resources: [queue.getAtt("Arn")] },
      {
        actions: ["dynamodb:BatchGetItem", "dynamodb:GetItem", "dynamodb:Query", "dynamodb:BatchWriteItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:DescribeTable"],
        resources: [tableArn, `${tableArn}/index/*`],
      },
      ...(defaults.permissions === "*" || p.permissions === "*" ? ["*"] : [...(defaults.permissions ?? []), ...(p.permissions ?? [])]),
    ]
    return new Function(this, "ServerFunction", {
      description: "Next.js server (OpenNext)",
      srcPath: `${openNext}/server-functions/default`,
      // sst-server.mjs wraps OpenNext's index.mjs (written by sst build; see compiler/packager/sites/server-wrapper.ts).
      handler: "sst-server.handler",
      bundle: false,
      runtime: defaults.runtime ?? "nodejs22.x",
      memorySize: p.memorySize ?? defaults.memorySize ?? 1024,
      timeout: p.timeout ?? defaults.timeout ?? 10,
      environment: {
        ...this.serverEnvironment(),
        CACHE_BUCKET_NAME: bucket.ref,
        CACHE_BUCKET_KEY_PREFIX: "_cache",
        CACHE_BUCKET_REGION: this.app.region,
        REVALIDATION_QUEUE_URL: queue.ref,
        REVALIDATION_QUEUE_REGION: this.app.region,
        CACHE_DYNAMO_TABLE: table.ref,
        SST_SITE_PLACEHOLDERS: JSON.stringify(this.placeholderKeys()),
      },
      permissions,
      ...(p.bind ? { bind: p.bind } : {}),
      url: { cors: false },
    })
  }

  private createImageFunction(openNext: string, bucket: CfnResource): Function {
    return new Function(this, "ImageFunction", {
      description: "Next.js image optimisation (OpenNext)",
      srcPath: `${openNext}/image-optimization-function`,
      handler: "index.handler",
      bundle: false,
      runtime: "nodejs22.x",
      memorySize: this.props.imageOptimization?.memorySize ?? 1536,
      timeout: 25,
      environment: { BUCKET_NAME: bucket.ref, BUCKET_KEY_PREFIX: "_assets" },
      permissions: [{ actions: ["s3:GetObject"], resources: [`${bucket.getAtt("Arn")}/_assets/*`] }],
      url: { cors: false },
    })
  }

  private createRevalidationFunction(openNext: string, queue: CfnResource): Function {
    const fn = new Function(this, "RevalidationFunction", {
      description: "Next.js revalidation (OpenNext)",
      srcPath: `${openNext}/revalidation-function`,
      handler: "index.handler",
      bundle: false,
      runtime: "nodejs22.x",
      timeout: 30,
      permissions: [{ actions: ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility", "sqs:GetQueueAttributes"], resources: [queue.getAtt("Arn")] }],
    })
    const mapping = new CfnResource(this, "RevalidationEvents", {
      type: "AWS::Lambda::EventSourceMapping",
      properties: { EventSourceArn: queue.getAtt("Arn"), FunctionName: fn.functionName, BatchSize: 5 },
    })
    // The mapping checks the role's SQS permissions when it is created.
    const policy = fn.node.children.find((child) => child instanceof CfnResource && child.type === "AWS::IAM::Policy") as CfnResource | undefined
    if (policy) mapping.addDependency(policy)
    return fn
  }

  /** `_next/image` is cached per URL, width, quality and accepted formats, for a day unless the response says otherwise. */
  private imageBehavior(): Record<string, Value> {
    const policy = new CfnResource(this, "ImageCachePolicy", {
      type: "AWS::CloudFront::CachePolicy",
      properties: {
        CachePolicyConfig: {
          Name: uniqueName(this, "image"),
          DefaultTTL: 86400,
          MinTTL: 0,
          MaxTTL: 31536000,
          ParametersInCacheKeyAndForwardedToOrigin: {
            EnableAcceptEncodingGzip: true,
            EnableAcceptEncodingBrotli: true,
            CookiesConfig: { CookieBehavior: "none" },
            HeadersConfig: { HeaderBehavior: "whitelist", Headers: ["accept"] },
            QueryStringsConfig: { QueryStringBehavior: "all" },
          },
        },
      },
    })
    return {
      PathPattern: "_next/image*",
      TargetOriginId: IMAGE_ORIGIN,
      ViewerProtocolPolicy: "redirect-to-https",
      Compress: true,
      AllowedMethods: ["GET", "HEAD", "OPTIONS"],
      CachedMethods: ["GET", "HEAD", "OPTIONS"],
      CachePolicyId: policy.ref,
      OriginRequestPolicyId: ALL_VIEWER_EXCEPT_HOST_HEADER_POLICY_ID,
    }
  }
}
