/**
 * The Route 53 hosted zone of a custom domain.
 *
 * SST v1 apps name zones by domain (`hostedZone: "example.com"`, or nothing: the domain without
 * its first label), and CDK looked the id up with AWS credentials while synthesizing. Our compiler
 * never calls AWS, and an ACM certificate needs the zone's id to validate itself through DNS. So
 * a zone known only by name is looked up at deploy time, inside CloudFormation: a small custom
 * resource calls `route53:ListHostedZonesByName` and returns the id. The lookup function is one
 * per stack; its code is `lambda/hosted-zone-lookup.ts` beside this file, built from the sst
 * package like the other functions of ours (custom-resource/sst-code.ts). A zone given by id
 * (`cdk.hostedZone`) needs no lookup.
 * @module
 */
import { assetsBucket, Aws, CfnResource, Lazy, type Asset, type Construct } from "../../compiler/index.ts"
import { sstFunctionSource } from "../custom-resource/sst-code.ts"

const RUNTIME = "nodejs24.x"

/** A hosted zone as the helpers use it: its id, possibly a deploy-time value. */
export interface HostedZone {
  hostedZoneId: string
  /** The zone's name, when known at build time. */
  zoneName?: string
}

/**
 * The zone `zoneName` (or given by `reference`): the reference as is, else a lookup named `id`
 * in `scope`, resolved when the stack deploys.
 */
export function hostedZoneFor(scope: Construct, id: string, zoneName: string, reference?: { hostedZoneId: string; zoneName?: string }): HostedZone {
  if (reference) return { hostedZoneId: reference.hostedZoneId, zoneName: reference.zoneName ?? zoneName }
  const lookup = new CfnResource(scope, id, {
    type: "Custom::SSTHostedZoneLookup",
    properties: { ServiceToken: lookupFunction(scope).getAtt("Arn"), ZoneName: zoneName },
  })
  return { hostedZoneId: lookup.getAtt("HostedZoneId"), zoneName }
}

/** The zone of `domainName` when none is named: the domain without its first label. */
export function defaultZoneName(domainName: string): string {
  return domainName.split(".").slice(1).join(".")
}

const LOOKUP_FUNCTION_ID = "SSTHostedZoneLookup"

/** The stack's lookup function, created on first use. */
function lookupFunction(scope: Construct): CfnResource {
  const stack = scope.enclosingStack
  const existing = stack.children.find((child) => child.id === LOOKUP_FUNCTION_ID)
  if (existing) return existing as CfnResource
  const role = new CfnResource(stack, `${LOOKUP_FUNCTION_ID}Role`, {
    type: "AWS::IAM::Role",
    properties: {
      AssumeRolePolicyDocument: {
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }],
      },
      ManagedPolicyArns: [`arn:${Aws.PARTITION}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole`],
      Policies: [
        {
          PolicyName: "ListHostedZones",
          // ListHostedZonesByName has no resource type in IAM: "*" is the only resource it takes.
          PolicyDocument: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "route53:ListHostedZonesByName", Resource: "*" }] },
        },
      ],
    },
  })
  const asset: Asset = {
    id: `${stack.path}/${LOOKUP_FUNCTION_ID}`,
    kind: "function",
    source: sstFunctionSource({ srcPath: "resources/custom-domain/lambda", handler: "hosted-zone-lookup.handler", runtime: RUNTIME, architecture: "arm64", constructPath: `${stack.displayPath}/${LOOKUP_FUNCTION_ID}` }),
    stack,
  }
  stack.app.assets.push(asset)
  return new CfnResource(stack, LOOKUP_FUNCTION_ID, {
    type: "AWS::Lambda::Function",
    properties: {
      Description: "Finds the id of a Route 53 hosted zone by name, for custom domains (sst)",
      // Until the packager has run (unit tests), the key names the asset it would build.
      Code: new Lazy(() => ({ S3Bucket: assetsBucket(), S3Key: asset.s3Key ?? `assets/unpackaged/${asset.id}.zip` }), stack.app),
      Handler: new Lazy(() => asset.handler ?? "hosted-zone-lookup.handler", stack.app),
      Runtime: RUNTIME,
      Role: role.getAtt("Arn"),
      Timeout: 60,
      Architectures: ["arm64"],
    },
  })
}
