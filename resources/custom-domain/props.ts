/**
 * The `customDomain` prop as SST v1's APIs take it, and its schema. Sites and AppSyncApi have
 * their own variants; the parts they share (`domainName`, `hostedZone`, `isExternalDomain`,
 * `cdk.hostedZone`, `cdk.certificate`) have the same names and meaning everywhere.
 * @module
 */
import { z } from "zod"
import { assertSameShape, CfnResource } from "../../compiler/index.ts"

/** A Route 53 hosted zone known by id (no lookup needed). */
export interface HostedZoneReference {
  /** @example "Z0123456789ABCDEFGHIJ" */
  hostedZoneId: string
  /** @example "example.com" */
  zoneName?: string
}

/** An ACM certificate: its ARN (`{ certificateArn }`, as CDK's certificates have it) or an `AWS::CertificateManager::Certificate` resource. */
export type CertificateReference = { certificateArn: string } | CfnResource

export interface CustomDomainProps {
  /** The domain, in lower case. @example "api.example.com" */
  domainName?: string
  /** The Route 53 zone holding the domain. @default the domain without its first label ("example.com") */
  hostedZone?: string
  /** Serve the API under this base path of the domain: the URL becomes `https://<domain>/<path>/`. */
  path?: string
  /** The domain is not in Route 53: no DNS records are made and `cdk.certificate` is required. @default false */
  isExternalDomain?: boolean
  cdk?: {
    /** A domain an API of this app already created (its `cdk.domainName`), to map this API under another path. */
    domainName?: CfnResource
    /** The zone, by id; skips the lookup by name. */
    hostedZone?: HostedZoneReference
    /** An existing certificate instead of a new one validated through DNS. */
    certificate?: CertificateReference
  }
}

const isResourceOf = (type: string) => (value: unknown) => value instanceof CfnResource && value.type === type

export const HostedZoneReferenceSchema = z.strictObject({ hostedZoneId: z.string().min(1), zoneName: z.string().min(1).optional() })

export const CertificateReferenceSchema = z.union([
  z.custom<CfnResource>(isResourceOf("AWS::CertificateManager::Certificate"), { message: "an AWS::CertificateManager::Certificate resource" }),
  z.object({ certificateArn: z.string().min(1) }),
])

export const CustomDomainSchema = z.strictObject({
  domainName: z.string().min(1).optional(),
  hostedZone: z.string().min(1).optional(),
  path: z.string().min(1).optional(),
  isExternalDomain: z.boolean().optional(),
  cdk: z
    .strictObject({
      domainName: z.custom<CfnResource>(isResourceOf("AWS::ApiGatewayV2::DomainName"), { message: "an AWS::ApiGatewayV2::DomainName resource (another API's cdk.domainName)" }).optional(),
      hostedZone: HostedZoneReferenceSchema.optional(),
      certificate: CertificateReferenceSchema.optional(),
    })
    .optional(),
})
assertSameShape<CustomDomainProps, z.input<typeof CustomDomainSchema>>()
