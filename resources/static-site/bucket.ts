/**
 * A site's private bucket and how CloudFront reads it: an Origin Access Control (not the legacy
 * Origin Access Identity) and a bucket policy that lets only this distribution get objects.
 *
 * The bucket holds nothing but files the deployer uploads from a build, so it is deleted with
 * the stack and `sst remove` empties it first (`emptyOnRemove`).
 * @module
 */
import { createHash } from "node:crypto"
import { Aws, CfnResource, type Construct, type Value } from "../../compiler/index.ts"

/** Origin Access Control names: at most 64 characters, unique in the account (CloudFront's API). */
const MAX_OAC_NAME_LENGTH = 64

/** A bucket no one reaches but through CloudFront: public access blocked, encrypted, owner-enforced. */
export function createSiteBucket(scope: Construct, overrides: Record<string, unknown> = {}): CfnResource {
  const bucket = new CfnResource(scope, "Bucket", {
    type: "AWS::S3::Bucket",
    properties: {
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: "AES256" } }] },
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      OwnershipControls: { Rules: [{ ObjectOwnership: "BucketOwnerEnforced" }] },
      ...(overrides as Record<string, never>),
    },
    removalPolicy: "destroy",
  })
  bucket.emptyOnRemove = true
  return bucket
}

/** The Origin Access Control CloudFront signs its requests to the bucket with. */
export function createOriginAccessControl(scope: Construct): CfnResource {
  return new CfnResource(scope, "OriginAccessControl", {
    type: "AWS::CloudFront::OriginAccessControl",
    properties: {
      OriginAccessControlConfig: {
        Name: originAccessControlName(scope),
        OriginAccessControlOriginType: "s3",
        SigningBehavior: "always",
        SigningProtocol: "sigv4",
      },
    },
  })
}

/** Lets the distribution (and nothing else) read the bucket's objects. */
export function allowDistributionRead(scope: Construct, bucket: CfnResource, distribution: CfnResource): CfnResource {
  return new CfnResource(scope, "BucketPolicy", {
    type: "AWS::S3::BucketPolicy",
    properties: {
      Bucket: bucket.ref,
      PolicyDocument: {
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Principal: { Service: "cloudfront.amazonaws.com" },
            Action: "s3:GetObject",
            Resource: `${bucket.getAtt("Arn")}/*`,
            Condition: { StringEquals: { "AWS:SourceArn": `arn:${Aws.PARTITION}:cloudfront::${Aws.ACCOUNT_ID}:distribution/${distribution.ref}` } },
          },
        ],
      },
    },
  })
}

/** The S3 origin of a distribution, signed with `originAccessControl`. */
export function s3Origin(id: string, bucket: CfnResource, originAccessControl: CfnResource, originPath?: string): Record<string, Value> {
  return {
    Id: id,
    DomainName: bucket.getAtt("RegionalDomainName"),
    // An empty identity is how CloudFront is told "no OAI": access goes through the OAC.
    S3OriginConfig: { OriginAccessIdentity: "" },
    OriginAccessControlId: originAccessControl.getAtt("Id"),
    ...(originPath ? { OriginPath: originPath } : {}),
  }
}

/** `<stage>-<app>-<stack>-<path>`, shortened with a hash when longer than CloudFront allows. */
function originAccessControlName(scope: Construct): string {
  const stack = scope.enclosingStack
  const name = `${stack.stackName}-${scope.path.slice(stack.path.length + 1).replace(/[^A-Za-z0-9-]/g, "-")}`
  if (name.length <= MAX_OAC_NAME_LENGTH) return name
  const hash = createHash("sha256").update(name).digest("hex").slice(0, 8)
  return `${name.slice(0, MAX_OAC_NAME_LENGTH - 9)}-${hash}`
}
