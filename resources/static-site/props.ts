/**
 * The props of `StaticSite` (SST v1's names and defaults) and their zod schema, side by side.
 * `ViteStaticSite` and `ReactStaticSite` take the same props with other defaults.
 * @module
 */
import { z } from "zod"
import { assertSameShape } from "../../compiler/index.ts"
import { CertificateReferenceSchema, HostedZoneReferenceSchema, type CertificateReference, type HostedZoneReference } from "../custom-domain/index.ts"

/** Headers for the files a rule matches (SST v1's `fileOptions`). */
export interface StaticSiteFileOptions {
  /**
   * Globs, relative to the build output, of the files this rule applies to. As in
   * `aws s3 cp --include`, `*` also crosses "/": `"*.html"` matches `docs/index.html`.
   * @example include: ["*.js", "*.css"]
   */
  include: string | string[]
  /**
   * Globs of files left out of `include`. `"*"` is ignored: SST v1 rules started with it
   * (`{ exclude: "*", include: "*.html" }` meant "only the HTML"), as `aws s3 cp` wanted.
   * @default nothing is excluded
   */
  exclude?: string | string[]
  /** @example cacheControl: "max-age=0,no-cache,no-store,must-revalidate" */
  cacheControl?: string
  /** @default from the file's extension */
  contentType?: string
}

/** A literal replacement in the built files, done at deploy time. */
export interface StaticSiteReplaceProps {
  /** Glob of the files to rewrite. @example files: "**\/*.js" */
  files: string
  search: string
  /** The new text; may be a reference such as `api.url`, resolved at deploy time. */
  replace: string
}

/** A custom domain for the site's distribution (SST v1's names; shared parts as in resources/custom-domain). */
export interface StaticSiteDomainProps {
  /** The domain, in lower case. @example domainName: "www.example.com" */
  domainName: string
  /** A second domain that redirects to `domainName`. @example domainAlias: "example.com" */
  domainAlias?: string
  /**
   * The Route 53 zone holding the domain, looked up by name at deploy time.
   * @default the domain itself when it has two labels ("example.com"), else the domain without its first label
   */
  hostedZone?: string
  /** More names on the certificate and the distribution (no DNS records are made for them). */
  alternateNames?: string[]
  /** The domain's DNS is not in Route 53: no records are made and `cdk.certificate` is required. @default false */
  isExternalDomain?: boolean
  cdk?: {
    /** The zone, by id; skips the lookup by name. */
    hostedZone?: HostedZoneReference
    /**
     * An ACM certificate in us-east-1 (CloudFront reads certificates only from there): its ARN,
     * `{ certificateArn }`, or an `AWS::CertificateManager::Certificate` of a us-east-1 stack.
     */
    certificate?: string | CertificateReference
  }
}

/** Props of {@link StaticSite}. */
export interface StaticSiteProps {
  /** The site's folder, relative to the app root. @example path: "web" */
  path: string
  /** Run in `path` by `sst build`. @default no build: `buildOutput` is uploaded as it is @example buildCommand: "npm run build" */
  buildCommand?: string
  /** The folder the build writes, relative to `path`. @default `path` itself */
  buildOutput?: string
  /** @default "index.html" */
  indexPage?: string
  /**
   * What a missing page shows: `"redirect_to_index_page"` (single-page apps: 403 and 404 answer
   * with the index page and status 200) or a page of the site (answered with status 404).
   * @default "redirect_to_index_page"
   * @example errorPage: "404.html"
   */
  errorPage?: "redirect_to_index_page" | (string & {})
  /**
   * The build's environment. References such as `api.url` are unknown until deploy: the build
   * sees `{{ KEY }}`, and the deployer puts the value into the built `.js` and `.html` files.
   * @example environment: { VITE_API_URL: api.url }
   */
  environment?: Record<string, string>
  /** Literal replacements in the built files, done at deploy time. */
  replaceValues?: StaticSiteReplaceProps[]
  /**
   * Header rules; a later rule wins over an earlier one and over the defaults (HTML revalidated on
   * every request, fingerprinted assets cached for a year).
   * @example fileOptions: [{ exclude: "*", include: "*.json", cacheControl: "max-age=60" }]
   */
  fileOptions?: StaticSiteFileOptions[]
  /** Delete files that an earlier deploy uploaded and this build no longer has. @default true */
  purgeFiles?: boolean
  /** @example customDomain: "www.example.com" */
  customDomain?: string | StaticSiteDomainProps
  /** Wait for the CloudFront invalidation to complete before the deploy ends. @default true */
  waitForInvalidation?: boolean
  /** Kept for SST v1 apps: `sst start` shows no placeholder page here. @default false */
  disablePlaceholder?: boolean
  vite?: {
    /** A file, relative to `path`, that types `import.meta.env` for the environment's keys. @example types: "src/sst-env.d.ts" */
    types?: string
  }
  /** Escape hatches: raw CloudFormation properties merged over ours. */
  cdk?: {
    /** Properties of the `AWS::S3::Bucket`. */
    bucket?: Record<string, unknown>
    /** Properties of the distribution's `DistributionConfig`. */
    distribution?: Record<string, unknown>
  }
}

export const FileOptionsSchema = z.strictObject({
  include: z.union([z.string().min(1), z.array(z.string().min(1))]),
  exclude: z.union([z.string().min(1), z.array(z.string().min(1))]).optional(),
  cacheControl: z.string().min(1).optional(),
  contentType: z.string().min(1).optional(),
})
assertSameShape<StaticSiteFileOptions, z.input<typeof FileOptionsSchema>>()

export const ReplaceValuesSchema = z.strictObject({ files: z.string().min(1), search: z.string().min(1), replace: z.string() })

export const DomainSchema = z.union([
  z.string().min(1),
  z.strictObject({
    domainName: z.string().min(1),
    domainAlias: z.string().min(1).optional(),
    hostedZone: z.string().min(1).optional(),
    alternateNames: z.array(z.string().min(1)).optional(),
    isExternalDomain: z.boolean().optional(),
    cdk: z
      .strictObject({
        hostedZone: HostedZoneReferenceSchema.optional(),
        certificate: z.union([z.string().min(1), CertificateReferenceSchema]).optional(),
      })
      .optional(),
  }),
])
assertSameShape<string | StaticSiteDomainProps, z.input<typeof DomainSchema>>()

/** The schema's shape, so the Vite and React variants can extend it. */
export const staticSitePropsShape = {
  path: z.string().min(1),
  buildCommand: z.string().min(1).optional(),
  buildOutput: z.string().min(1).optional(),
  indexPage: z.string().min(1).optional(),
  errorPage: z.string().min(1).optional(),
  environment: z.record(z.string(), z.string()).optional(),
  replaceValues: z.array(ReplaceValuesSchema).optional(),
  fileOptions: z.array(FileOptionsSchema).optional(),
  purgeFiles: z.boolean().optional(),
  customDomain: DomainSchema.optional(),
  waitForInvalidation: z.boolean().optional(),
  disablePlaceholder: z.boolean().optional(),
  vite: z.strictObject({ types: z.string().min(1).optional() }).optional(),
  cdk: z
    .strictObject({
      bucket: z.record(z.string(), z.unknown()).optional(),
      distribution: z.record(z.string(), z.unknown()).optional(),
    })
    .optional(),
}

export const StaticSitePropsSchema = z.strictObject(staticSitePropsShape)
assertSameShape<StaticSiteProps, z.input<typeof StaticSitePropsSchema>>()
