/**
 * Assets: files a template needs in the stage's assets bucket (function bundles, site files).
 *
 * Constructs declare an asset while they are built; the packager builds it into
 * `.sst/dist/assets/` and names it by the hash of its content, and the deployer uploads it.
 * Templates refer to the bucket through {@link ASSETS_BUCKET} and to the key through the asset's
 * `s3Key`, a value filled in once the packager has hashed the content.
 * @module
 */
import { Sub } from "./intrinsics.ts"

/** The bootstrap bucket of the account and region (created by `sst bootstrap`). */
export const ASSETS_BUCKET_NAME_TEMPLATE = "sst-assets-${AWS::AccountId}-${AWS::Region}"

export function assetsBucket(): Sub {
  return new Sub(ASSETS_BUCKET_NAME_TEMPLATE)
}

export interface Asset {
  /** Unique within the app: the path of the construct that declared it. */
  readonly id: string
  /** What the packager does with it: "function" (bundle a handler), "files" (zip a folder). */
  readonly kind: string
  /** Packager input; its shape belongs to the kind. */
  readonly source: unknown
  /** The stack whose template refers to it. */
  readonly stack?: import("./stack.ts").CoreStack
  /** Set by the packager: the content-addressed key, e.g. "assets/3f2a….zip". */
  s3Key?: string
  /** Set by the packager: the file under .sst/dist/assets/, relative to the app root. */
  file?: string
  /**
   * Set by the packager for "function" assets: the `Handler` the Lambda runtime needs inside the
   * zip (e.g. "functions/list.main", or "bootstrap" for Go).
   */
  handler?: string
}
