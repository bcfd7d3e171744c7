/**
 * What NextjsSite and RemixSite share: a regional server function behind CloudFront, static files
 * on a private bucket (the same bucket, Origin Access Control and upload as StaticSite), a custom
 * domain, the site's URL for `bind`, and `attachPermissions` on the server function.
 *
 * A subclass says what its framework needs in one step, {@link SsrSite.createServer}: the
 * server function (and any other function), the origins and behaviors that reach them, which
 * paths are static files, and how `sst build` lays out the build for the upload. As for
 * StaticSite, the template does not depend on the build: the static paths come from the app's
 * source (its `public/` folder), the function code from the build's folder, packaged as a
 * Function asset after `sst build` has run the framework's build.
 * @module
 */
import { existsSync, statSync } from "node:fs"
import { join } from "node:path"
import type { z } from "zod"
import { CfnResource, Construct, hasToken, parseProps, type ManifestSite, type Problem, type Value } from "../../compiler/index.ts"
import type { FunctionBinding, SSTConstruct } from "../bindable.ts"
import type { Function } from "../Function.ts"
import type { Permissions } from "../function/permissions.ts"
import { allowDistributionRead, createOriginAccessControl, createSiteBucket, s3Origin } from "../static-site/bucket.ts"
import { createAliasRedirect, createDomainRecords, distributionDomainConfig, prepareDomain, type SiteDomain } from "../static-site/custom-domain.ts"
import { addSiteOutput, manifestEnvironment, registerSite, siteBuildDir } from "../static-site/site-manifest.ts"
import { normalizePath } from "../StaticSite.ts"
import { sitePlaceholder } from "../../compiler/packager/sites/placeholder.ts"
import { staticBehavior } from "./distribution.ts"
import type { SsrSiteProps } from "./props.ts"

export const BUCKET_ORIGIN_ID = "S3"

/** What a framework adds to the site (see {@link SsrSite.createServer}). */
export interface SsrServer {
  serverFunction: Function
  /** Origins besides the bucket's. */
  origins: Record<string, Value>[]
  defaultBehavior: Record<string, Value>
  /** Behaviors tried before the static paths. */
  behaviors: Record<string, Value>[]
  /** Path patterns served from the bucket. */
  staticPatterns: string[]
  /** The bucket origin's path, e.g. "/_assets". */
  assetsOriginPath?: string
  /** How `sst build` builds and lays out the site for the upload. */
  build: Pick<ManifestSite, "buildCommand" | "buildOutput" | "copy" | "serverWrapper">
  /** Files the deployer rewrites the environment's placeholders in. */
  placeholderFiles: string
}

export abstract class SsrSite extends Construct implements SSTConstruct {
  /** @internal Props after validation. */
  readonly props: SsrSiteProps
  /** The raw resources and functions, for changes the props do not offer. */
  readonly cdk: { bucket: CfnResource; distribution: CfnResource; originAccessControl: CfnResource; serverFunction: Function; certificate?: CfnResource }
  private readonly domain: SiteDomain | undefined

  constructor(scope: Construct, id: string, props: SsrSiteProps, schema: z.ZodType<SsrSiteProps>) {
    super(scope, id)
    this.props = parseProps(schema, props, this)
    this.checkPath()
    const bucket = createSiteBucket(this, this.props.cdk?.bucket)
    const originAccessControl = createOriginAccessControl(this)
    this.domain = this.props.customDomain === undefined ? undefined : prepareDomain(this, this.props.customDomain, (problem) => this.report(problem))
    const server = this.createServer(bucket)
    const distribution = this.createDistribution(bucket, originAccessControl, server)
    allowDistributionRead(this, bucket, distribution)
    if (this.domain) createDomainRecords(this, this.domain, distribution)
    this.cdk = { bucket, distribution, originAccessControl, serverFunction: server.serverFunction, ...(this.domain?.certificate ? { certificate: this.domain.certificate } : {}) }
    this.register(server)
  }

  /** The distribution's URL, `https://<id>.cloudfront.net`. */
  get url(): string {
    return `https://${this.cdk.distribution.getAtt("DomainName")}`
  }

  /** `https://<domain>` with a custom domain, else undefined. */
  get customDomainUrl(): string | undefined {
    return this.domain ? `https://${this.domain.domainName}` : undefined
  }

  get bucketName(): string {
    return this.cdk.bucket.ref
  }

  get bucketArn(): string {
    return this.cdk.bucket.getAtt("Arn")
  }

  get distributionId(): string {
    return this.cdk.distribution.ref
  }

  get distributionDomain(): string {
    return this.cdk.distribution.getAtt("DomainName")
  }

  /** Adds IAM permissions to the server function. @example site.attachPermissions([table]) */
  attachPermissions(permissions: Permissions): void {
    this.cdk.serverFunction.attachPermissions(permissions)
  }

  getConstructMetadata(): unknown {
    return { type: this.constructor.name, data: { path: this.props.path, customDomainUrl: this.customDomainUrl, url: this.url } }
  }

  /** Bound functions read the URL from SSM at run time, so an Api and a site may refer to each other. */
  getFunctionBinding(): FunctionBinding {
    return { clientPackage: "site", variables: { url: { type: "site_url", value: this.customDomainUrl ?? this.url } }, permissions: {} }
  }

  /**
   * The framework's part: the server function and whatever else it needs, and how CloudFront
   * reaches them. Called once, from the constructor, after the bucket exists.
   */
  protected abstract createServer(bucket: CfnResource): SsrServer

  /** The environment of the server function: the user's, values resolved by CloudFormation. */
  protected serverEnvironment(): Record<string, string> {
    return { ...(this.props.environment ?? {}) }
  }

  /** Keys whose value is known only after deploy: the build saw `{{ KEY }}` for them. */
  protected placeholderKeys(): string[] {
    return Object.entries(this.props.environment ?? {})
      .filter(([, value]) => hasToken(value))
      .map(([key]) => key)
  }

  /** The site's folder, as the manifest writes it ("web"). */
  protected get sitePath(): string {
    return normalizePath(this.props.path)
  }

  /** @internal */
  protected report(problem: Omit<Problem, "path" | "construct">): void {
    this.app.report({ ...problem, path: this.displayPath, construct: this.constructor.name } as Problem)
  }

  private checkPath(): void {
    const folder = join(this.app.root, this.props.path)
    if (existsSync(folder) && statSync(folder).isDirectory()) return
    this.report({
      code: "SitePathNotFound",
      property: "path",
      problem: `is ${JSON.stringify(this.props.path)}, but there is no such folder in the app (${JSON.stringify(this.app.root)}).`,
      allowed: "the app's folder, relative to the app root (the folder of sst.json).",
      fix: 'point path at the folder that holds the app\'s package.json, e.g. path: "web".',
    })
  }

  private createDistribution(bucket: CfnResource, originAccessControl: CfnResource, server: SsrServer): CfnResource {
    const redirect = this.domain ? createAliasRedirect(this, this.domain) : undefined
    const defaultBehavior = redirect
      ? { ...server.defaultBehavior, FunctionAssociations: [{ EventType: "viewer-request", FunctionARN: redirect.getAtt("FunctionARN") }] }
      : server.defaultBehavior
    return new CfnResource(this, "Distribution", {
      type: "AWS::CloudFront::Distribution",
      properties: {
        DistributionConfig: {
          Enabled: true,
          HttpVersion: "http2and3",
          IPV6Enabled: true,
          Origins: [s3Origin(BUCKET_ORIGIN_ID, bucket, originAccessControl, server.assetsOriginPath), ...server.origins],
          DefaultCacheBehavior: defaultBehavior,
          CacheBehaviors: [...server.behaviors, ...server.staticPatterns.map((pattern) => staticBehavior(pattern, BUCKET_ORIGIN_ID))],
          ...(this.domain ? distributionDomainConfig(this.domain) : {}),
          ...((this.props.cdk?.distribution ?? {}) as Record<string, never>),
        },
      },
    })
  }

  private register(server: SsrServer): void {
    const environment = manifestEnvironment(this, this.props.environment ?? {})
    const replaceValues = Object.entries(environment)
      .filter((entry): entry is [string, Exclude<(typeof entry)[1], string>] => typeof entry[1] !== "string")
      .map(([key, ref]) => ({ files: server.placeholderFiles, search: sitePlaceholder(key), replace: ref }))
    registerSite(this, {
      id: this.path,
      type: this.constructor.name,
      stack: this.enclosingStack.stackName,
      path: this.sitePath,
      ...server.build,
      buildDir: siteBuildDir(this),
      environment,
      replaceValues,
      fileOptions: [],
      purgeFiles: true,
      waitForInvalidation: this.props.waitForInvalidation ?? true,
      bucketOutput: addSiteOutput(this, "SstSiteBucket", this.bucketName).output,
      distributionOutput: addSiteOutput(this, "SstSiteDistribution", this.distributionId).output,
    })
  }
}
