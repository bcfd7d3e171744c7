/**
 * StaticSite: a folder of files (usually a frontend's build) on a private S3 bucket, served by a
 * CloudFront distribution over HTTPS.
 *
 * The template holds the bucket, the Origin Access Control, the bucket policy and the
 * distribution (plus the certificate and records of a custom domain). The files are not in it:
 * `sst build` runs the site's build command (compiler/packager/sites/) and `sst deploy` uploads the
 * result after the stack is deployed (cli/sites/deploy-site.ts), with environment values such as
 * `api.url` put into the built files then. Why, and how the two meet: resources/static-site/site-manifest.ts.
 * @module
 */
import { existsSync, statSync } from "node:fs"
import { join } from "node:path"
import { CfnResource, Construct, parseProps, type ManifestSite, type Problem, type Value } from "../compiler/index.ts"
import type { FunctionBinding, SSTConstruct } from "./bindable.ts"
import { allowDistributionRead, createOriginAccessControl, createSiteBucket, s3Origin } from "./static-site/bucket.ts"
import { createAliasRedirect, createDomainRecords, distributionDomainConfig, prepareDomain, type SiteDomain } from "./static-site/custom-domain.ts"
import { StaticSitePropsSchema, type StaticSiteFileOptions, type StaticSiteProps } from "./static-site/props.ts"
import { addSiteOutput, manifestEnvironment, manifestReplaceValues, registerSite, siteBuildDir } from "./static-site/site-manifest.ts"

export type { StaticSiteDomainProps, StaticSiteFileOptions, StaticSiteProps, StaticSiteReplaceProps } from "./static-site/props.ts"

/** CloudFront's managed "CachingOptimized" cache policy (CloudFront's docs, managed cache policies). */
export const CACHING_OPTIMIZED_POLICY_ID = "658327ea-f89d-4fab-a63d-7e88639e58f6"
const ORIGIN_ID = "S3Origin"

/**
 * A static website on S3 behind CloudFront.
 * @example
 * new StaticSite(stack, "site", { path: "web", buildCommand: "npm run build", buildOutput: "dist", errorPage: "redirect_to_index_page" })
 */
export class StaticSite extends Construct implements SSTConstruct {
  /** @internal Props after validation. */
  readonly props: StaticSiteProps
  /** The raw resources, for changes the props do not offer. */
  readonly cdk: { bucket: CfnResource; distribution: CfnResource; originAccessControl: CfnResource; certificate?: CfnResource }
  private readonly domain: SiteDomain | undefined

  constructor(scope: Construct, id: string, props: StaticSiteProps) {
    super(scope, id)
    this.props = parseProps(StaticSitePropsSchema, props, this)
    this.checkPath()
    const bucket = createSiteBucket(this, this.props.cdk?.bucket)
    const originAccessControl = createOriginAccessControl(this)
    this.domain = this.props.customDomain === undefined ? undefined : prepareDomain(this, this.props.customDomain, (problem) => this.report(problem))
    const distribution = this.createDistribution(bucket, originAccessControl)
    allowDistributionRead(this, bucket, distribution)
    if (this.domain) createDomainRecords(this, this.domain, distribution)
    this.cdk = { bucket, distribution, originAccessControl, ...(this.domain?.certificate ? { certificate: this.domain.certificate } : {}) }
    this.register()
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

  /** The distribution's domain, `<id>.cloudfront.net`. */
  get distributionDomain(): string {
    return this.cdk.distribution.getAtt("DomainName")
  }

  getConstructMetadata(): unknown {
    return {
      type: this.constructor.name,
      data: { path: this.props.path, environment: this.props.environment ?? {}, customDomainUrl: this.customDomainUrl, url: this.url },
    }
  }

  /**
   * Bound functions read the URL from SSM at run time (their environment holds
   * `__FETCH_FROM_SSM__`): an Api and a site may then refer to each other without a cycle.
   */
  getFunctionBinding(): FunctionBinding {
    return {
      clientPackage: "site",
      variables: { url: { type: "site_url", value: this.customDomainUrl ?? this.url } },
      permissions: {},
    }
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
      allowed: "the site's folder, relative to the app root (the folder of sst.json).",
      fix: 'point path at the folder that holds the site\'s package.json, e.g. path: "web".',
    })
  }

  private createDistribution(bucket: CfnResource, originAccessControl: CfnResource): CfnResource {
    const p = this.props
    const indexPage = p.indexPage ?? "index.html"
    const redirect = this.domain ? createAliasRedirect(this, this.domain) : undefined
    return new CfnResource(this, "Distribution", {
      type: "AWS::CloudFront::Distribution",
      properties: {
        DistributionConfig: {
          Enabled: true,
          HttpVersion: "http2and3",
          IPV6Enabled: true,
          DefaultRootObject: indexPage,
          Origins: [s3Origin(ORIGIN_ID, bucket, originAccessControl)],
          DefaultCacheBehavior: {
            TargetOriginId: ORIGIN_ID,
            ViewerProtocolPolicy: "redirect-to-https",
            Compress: true,
            AllowedMethods: ["GET", "HEAD", "OPTIONS"],
            CachedMethods: ["GET", "HEAD", "OPTIONS"],
            CachePolicyId: CACHING_OPTIMIZED_POLICY_ID,
            ...(redirect ? { FunctionAssociations: [{ EventType: "viewer-request", FunctionARN: redirect.getAtt("FunctionARN") }] } : {}),
          },
          CustomErrorResponses: errorResponses(p.errorPage ?? "redirect_to_index_page", indexPage),
          ...(this.domain ? distributionDomainConfig(this.domain) : {}),
          ...((p.cdk?.distribution ?? {}) as Record<string, never>),
        },
      },
    })
  }

  private register(): void {
    const p = this.props
    const environment = manifestEnvironment(this, p.environment ?? {})
    const entry: ManifestSite = {
      id: this.path,
      type: this.constructor.name,
      stack: this.enclosingStack.stackName,
      path: normalizePath(p.path),
      ...(p.buildCommand ? { buildCommand: p.buildCommand } : {}),
      buildOutput: normalizePath(p.buildOutput ?? "."),
      buildDir: siteBuildDir(this),
      environment,
      replaceValues: manifestReplaceValues(this, environment, p.replaceValues ?? []),
      fileOptions: (p.fileOptions ?? []).map(toManifestFileOption),
      purgeFiles: p.purgeFiles ?? true,
      waitForInvalidation: p.waitForInvalidation ?? true,
      bucketOutput: addSiteOutput(this, "SstSiteBucket", this.bucketName).output,
      distributionOutput: addSiteOutput(this, "SstSiteDistribution", this.distributionId).output,
    }
    if (p.vite?.types) entry.typesFile = normalizePath(p.vite.types)
    registerSite(this, entry)
  }
}

/** Single-page apps answer a missing path with the index page; other sites with their 404 page. */
function errorResponses(errorPage: string, indexPage: string): Record<string, Value>[] {
  // A missing object answers 403 through an Origin Access Control without s3:ListBucket, so both codes count.
  if (errorPage === "redirect_to_index_page") {
    return [403, 404].map((code) => ({ ErrorCode: code, ResponseCode: 200, ResponsePagePath: `/${indexPage}` }))
  }
  return [403, 404].map((code) => ({ ErrorCode: code, ResponseCode: 404, ResponsePagePath: `/${errorPage.replace(/^\/+/, "")}` }))
}

function toManifestFileOption(option: StaticSiteFileOptions): ManifestSite["fileOptions"][number] {
  return {
    include: [option.include].flat(),
    exclude: option.exclude === undefined ? [] : [option.exclude].flat(),
    ...(option.cacheControl ? { cacheControl: option.cacheControl } : {}),
    ...(option.contentType ? { contentType: option.contentType } : {}),
  }
}

/** "web/", "./web" and "web" are one folder; the manifest says "web" ("." for the root). */
export function normalizePath(path: string): string {
  const parts = path.split(/[\\/]+/).filter((part) => part !== "" && part !== ".")
  return parts.length === 0 ? "." : parts.join("/")
}
