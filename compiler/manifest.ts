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
}

export interface ManifestAsset {
  id: string
  kind: string
  /** Key in the assets bucket, content-addressed. */
  s3Key: string
  /** File relative to the app root. */
  file: string
}
