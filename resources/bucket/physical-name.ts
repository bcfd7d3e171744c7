/**
 * The bucket's physical name, known before the bucket exists.
 *
 * Why: S3 checks a notification's destination when the bucket's NotificationConfiguration is set,
 * so the bucket must wait for the Lambda permission (and queue or topic policy), and those must
 * name the bucket in their `SourceArn`. With `Fn::GetAtt` of the bucket that is a cycle. A name
 * computed from the stage, app, id, account and region lets the permission write
 * `arn:<partition>:s3:::<name>` without referring to the bucket at all. The name is always set,
 * not only when there are notifications: adding the first notification later must not rename
 * (and so replace) a bucket holding data.
 *
 * Inside the bucket's own stack, `bucketName` and `bucketArn` are that computed value, so a
 * notification function bound to its bucket does not depend on it either; from another stack they
 * are the bucket's real `Ref`/`Fn::GetAtt`, which keeps the stack dependency.
 * @module
 */
import { createHash } from "node:crypto"
import { Aws, GetAtt, Intrinsic, Ref, type CfnResource, type CoreApp } from "../../compiler/index.ts"
import type { ResolveContext } from "../../compiler/intrinsics.ts"

/** S3 bucket names: 3 to 63 characters (S3's naming rules). */
export const MAX_BUCKET_NAME_LENGTH = 63
const ACCOUNT_ID_LENGTH = 12

/** `<stage>-<app>-<id>-<account>-<region>` in S3's alphabet, shortened with a hash when too long. */
export function computedBucketName(app: CoreApp, id: string): string {
  const prefix = app
    .logicalPrefixedName(id)
    .toLowerCase()
    .replace(/[^a-z0-9-]/g, "-")
    .replace(/^-+|-+$/g, "")
  const suffix = `-${Aws.ACCOUNT_ID}-${app.region}`
  const budget = MAX_BUCKET_NAME_LENGTH - (1 + ACCOUNT_ID_LENGTH) - (1 + app.region.length)
  if (prefix.length <= budget) return `${prefix}${suffix}`
  // Two long ids that share a start must not share a name: the hash keeps them apart.
  const hash = createHash("sha256").update(prefix).digest("hex").slice(0, 8)
  return `${prefix.slice(0, budget - 9).replace(/-+$/, "")}-${hash}${suffix}`
}

/** What S3 refuses in a bucket name, or undefined. Names holding references are not checked. */
export function bucketNameProblem(name: string): string | undefined {
  if (name.includes("${Token[")) return undefined
  if (name.length < 3 || name.length > MAX_BUCKET_NAME_LENGTH) return `has ${name.length} characters`
  if (!/^[a-z0-9][a-z0-9.-]*[a-z0-9]$/.test(name)) return "holds characters other than lower-case letters, digits, '.' and '-', or does not start and end with a letter or digit"
  if (/\.\.|\.-|-\./.test(name)) return "has '..', '.-' or '-.'"
  if (/^\d+\.\d+\.\d+\.\d+$/.test(name)) return "looks like an IP address"
  return undefined
}

/** The computed value in the bucket's stack; the bucket's own attribute elsewhere. */
export class KnownBucketValue extends Intrinsic {
  constructor(
    readonly bucket: CfnResource,
    readonly local: string,
    readonly remote: Ref | GetAtt,
  ) {
    super()
  }
  resolve(context: ResolveContext): unknown {
    return context.isLocal(this.bucket) ? context.resolve(this.local) : context.crossStack(this.remote)
  }
  findApp(): CoreApp {
    return this.bucket.app
  }
}

/** `bucketName` and `bucketArn` as string tokens that resolve as described above. */
export function knownBucketAttributes(bucket: CfnResource, name: string): { name: string; arn: string; localArn: string } {
  const localArn = `arn:${Aws.PARTITION}:s3:::${name}`
  return {
    name: new KnownBucketValue(bucket, name, new Ref(bucket)).toString(),
    arn: new KnownBucketValue(bucket, localArn, new GetAtt(bucket, "Arn")).toString(),
    localArn,
  }
}
