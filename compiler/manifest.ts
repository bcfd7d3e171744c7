/**
 * The build's manifest (`.sst/dist/manifest.json`): what the deployer needs to know about each
 * stack without reading templates.
 * @module
 */

export const MANIFEST_VERSION = 1

export interface Manifest {
  version: typeof MANIFEST_VERSION
  app: string
  stage: string
  region: string
  /** Stacks in an order where every stack comes after the stacks it depends on. */
  stacks: ManifestStack[]
  assets: ManifestAsset[]
  /**
   * What the deployer does for each site after the site's stack is deployed (resolve the
   * environment, rewrite and upload the built files, invalidate the CDN). Absent when the app has
   * no site. In construct creation order.
   */
  sites?: ManifestSite[]
}

export interface ManifestStack {
  /** The id in the app, e.g. "Api". */
  id: string
  /** The CloudFormation stack name, "<stage>-<app>-<id>". */
  name: string
  /** Template file name inside .sst/dist/. */
  templateFile: string
  templateBytes: number
  /** True when the template is over 51,200 bytes and must be deployed through S3 (TemplateURL). */
  uploadTemplate: boolean
  resourceCount: number
  /** Names of stacks that must be deployed first. */
  dependencies: string[]
  /** Parameters the deployer fills from other stacks' outputs. */
  parameters: Record<string, { stack: string; output: string; type: "String" | "CommaDelimitedList" }>
  /** The outputs the user added (not the ones for other stacks). */
  outputs: string[]
  tags: Record<string, string>
  /** Asset ids the stack's template refers to. */
  assets: string[]
  /** Construct path of every resource, by logical ID, so deploy errors can name it. */
  resourcePaths: Record<string, string>
  /**
   * Logical IDs of the buckets the app marked as removable: `sst remove` empties them before
   * deleting the stack (CloudFormation cannot delete a bucket that holds objects).
   */
  emptyOnRemove?: string[]
}

export interface ManifestAsset {
  id: string
  kind: string
  /** Key in the assets bucket, content-addressed. */
  s3Key: string
  /** File relative to the app root. */
  file: string
}

/** A value the deployer reads from a deployed stack's outputs. */
export interface ManifestOutputRef {
  /** CloudFormation stack name. */
  stack: string
  /** Output key in that stack. */
  output: string
}

/** Which files of a site get which headers (SST v1's `fileOptions`). */
export interface ManifestSiteFileOption {
  /** Globs relative to the build output ("*" also crosses "/", as in `aws s3 cp --include`). */
  include: string[]
  exclude: string[]
  cacheControl?: string
  contentType?: string
}

/** One site: how `sst build` builds it and what `sst deploy` uploads (see cli/sites/deploy-site.ts). */
export interface ManifestSite {
  /** Construct path, e.g. "Web/site". */
  id: string
  /** The construct's class, e.g. "ViteStaticSite". */
  type: string
  /** Name of the stack that holds the site's bucket and distribution. */
  stack: string
  /** The site's folder, relative to the app root ("." for the root). */
  path: string
  /** Shell command run in `path` by `sst build`; absent: `buildOutput` is uploaded as it is. */
  buildCommand?: string
  /** The build's output folder, relative to `path`. */
  buildOutput: string
  /** Where `sst build` copies the built files, relative to the app root. */
  buildDir: string
  /**
   * The build's environment: literal strings as they are, references as stack outputs. The build
   * sees a reference as the placeholder `{{ KEY }}`; the deployer replaces it in the built files.
   */
  environment: Record<string, string | ManifestOutputRef>
  /** Literal replacements in the built files, applied after the environment's placeholders. */
  replaceValues: { files: string; search: string; replace: string | ManifestOutputRef }[]
  /** Header rules; a later rule wins over an earlier one for a file both match. */
  fileOptions: ManifestSiteFileOption[]
  /** Delete files of an earlier deploy that this build no longer has. */
  purgeFiles: boolean
  /** Wait until the CDN invalidation completes. */
  waitForInvalidation: boolean
  /** Output of `stack` holding the bucket's name. */
  bucketOutput: string
  /** Output of `stack` holding the CloudFront distribution's id. */
  distributionOutput: string
  /** Key prefix of the files in the bucket ("" for the root). */
  bucketPrefix?: string
  /** A file (relative to `path`) that `sst build` writes to type the environment (ViteStaticSite). */
  typesFile?: string
  /**
   * What `sst build` copies into `buildDir`: folders relative to `path`, to folders relative to
   * `buildDir` (OpenNext's `.open-next/assets` to `_assets`). Absent: `buildOutput` to the root.
   */
  copy?: { from: string; to: string }[]
  /**
   * The server function's entry that `sst build` writes after the build, beside the framework's
   * output (compiler/packager/sites/server-wrapper.ts): for NextjsSite a wrapper of OpenNext's
   * handler that puts deploy-time values in place of their placeholders in text responses; for
   * RemixSite the Lambda (or Lambda@Edge) adapter of the Remix server build.
   */
  serverWrapper?: {
    kind: "nextjs" | "remix" | "remix-edge"
    /** The file to write, relative to `path`. */
    file: string
    /** The framework's server module, relative to `file`'s folder (e.g. "./server/index.js"). */
    serverBuild: string
  }
}
