/**
 * ACM certificates for custom domains, validated through DNS in the domain's Route 53 zone:
 * CloudFormation writes the validation records itself when it knows the zone's id.
 * @module
 */
import { CfnResource, type Construct } from "../../compiler/index.ts"
import type { HostedZone } from "./hosted-zone.ts"
import type { CertificateReference } from "./props.ts"

export interface CertificateOptions {
  domainName: string
  zone: HostedZone
  /** More names the certificate covers, in the same zone. */
  alternateNames?: string[]
}

/** Creates `AWS::CertificateManager::Certificate` `id` in `scope`. */
export function createCertificate(scope: Construct, id: string, options: CertificateOptions): CfnResource {
  const names = [options.domainName, ...(options.alternateNames ?? [])]
  return new CfnResource(scope, id, {
    type: "AWS::CertificateManager::Certificate",
    properties: {
      DomainName: options.domainName,
      SubjectAlternativeNames: options.alternateNames && options.alternateNames.length > 0 ? options.alternateNames : undefined,
      ValidationMethod: "DNS",
      DomainValidationOptions: names.map((name) => ({ DomainName: name, HostedZoneId: options.zone.hostedZoneId })),
    },
  })
}

/** The ARN of a certificate given as a resource or as `{ certificateArn }`. */
export function certificateArnOf(certificate: CertificateReference): string {
  return certificate instanceof CfnResource ? certificate.ref : certificate.certificateArn
}
