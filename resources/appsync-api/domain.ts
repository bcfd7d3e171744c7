/**
 * The custom domain of an AppSyncApi: `AWS::AppSync::DomainName` with its certificate, the
 * association with the API, and the DNS record in Route 53 (a CNAME by default, as SST v1 made;
 * A and AAAA aliases with `recordType: "A_AAAA"`). Zone lookup, certificates and alias records come
 * from the shared custom-domain helpers.
 *
 * AppSync serves custom domains through CloudFront, so the certificate must be in us-east-1: the
 * construct creates one only when the app itself deploys there, and otherwise asks for
 * `cdk.certificate` (a certificate made in us-east-1) instead of failing at deploy time.
 * @module
 */
import { CfnResource, hasToken, type Construct, type Problem } from "../../compiler/index.ts"
import { certificateArnOf, checkDomainName, createAliasRecords, createCertificate, defaultZoneName, hostedZoneFor } from "../custom-domain/index.ts"
import { parseAt } from "./parse-at.ts"
import { DomainPropsSchema, type AppSyncApiDomainProps } from "./props.ts"

/** AppSync custom domains take certificates from this region only. */
export const APPSYNC_CERTIFICATE_REGION = "us-east-1"

export interface AppSyncDomain {
  domainName: string
  certificateArn: string
  /** The `AWS::AppSync::DomainName`. */
  resource: CfnResource
}

/** Creates the domain in `scope`; undefined (reported) when the prop cannot be used. */
export function createAppSyncDomain(scope: Construct, customDomain: string | AppSyncApiDomainProps, apiId: string): AppSyncDomain | undefined {
  const props: AppSyncApiDomainProps = typeof customDomain === "string" ? { domainName: customDomain } : parseAt(DomainPropsSchema, customDomain, scope, ["customDomain"], "AppSyncApi")
  const report = (problem: Omit<Problem, "path" | "construct">) => scope.app.report({ ...problem, path: scope.displayPath, construct: "AppSyncApi" })
  const { domainName } = props
  checkDomainName(scope, domainName, typeof customDomain === "string" ? "customDomain" : "customDomain.domainName")
  const given = props.cdk?.certificate
  if (props.isExternalDomain && !given) {
    report({ code: "ExternalDomainNeedsCertificate", property: "customDomain.cdk.certificate", problem: "is not set, and isExternalDomain is true.", allowed: "an ACM certificate for the domain, in us-east-1.", fix: 'pass it: cdk: { certificate: { certificateArn: "arn:aws:acm:us-east-1:..." } }.' })
    return undefined
  }
  if (!given && scope.app.region !== APPSYNC_CERTIFICATE_REGION) {
    report({
      code: "AppSyncCertificateRegion",
      property: "customDomain.cdk.certificate",
      problem: `is not set, and the app deploys to ${scope.app.region}; AppSync takes custom domain certificates from ${APPSYNC_CERTIFICATE_REGION} only.`,
      allowed: `a certificate created in ${APPSYNC_CERTIFICATE_REGION} (or an app in ${APPSYNC_CERTIFICATE_REGION}, where one is created for you).`,
      fix: 'create the certificate in us-east-1 and pass it: cdk: { certificate: { certificateArn: "arn:aws:acm:us-east-1:..." } }.',
    })
    return undefined
  }
  if (!props.isExternalDomain && hasToken(domainName) && !props.hostedZone && !props.cdk?.hostedZone) {
    report({ code: "HostedZoneRequired", property: "customDomain.hostedZone", problem: "is not set, and domainName is a reference whose zone cannot be read at build time.", allowed: "the zone's name.", fix: 'set hostedZone: "example.com".' })
    return undefined
  }
  const zone = props.isExternalDomain ? undefined : hostedZoneFor(scope, "HostedZone", props.hostedZone ?? props.cdk?.hostedZone?.zoneName ?? defaultZoneName(domainName), props.cdk?.hostedZone)
  const certificateArn = given ? (typeof given === "string" ? given : certificateArnOf(given)) : createCertificate(scope, "Certificate", { domainName, zone: zone! }).ref
  const domain = new CfnResource(scope, "DomainName", {
    type: "AWS::AppSync::DomainName",
    properties: { DomainName: domainName, CertificateArn: certificateArn },
  })
  new CfnResource(scope, "DomainNameApiAssociation", {
    type: "AWS::AppSync::DomainNameApiAssociation",
    // The DomainName attribute (not the literal) makes the association wait for the domain.
    properties: { DomainName: domain.getAtt("DomainName"), ApiId: apiId },
  })
  if (zone && props.recordType === "A_AAAA") {
    createAliasRecords(scope, zone, domainName, { dnsName: domain.getAtt("AppSyncDomainName"), hostedZoneId: domain.getAtt("HostedZoneId") })
  } else if (zone) {
    new CfnResource(scope, "CnameRecord", {
      type: "AWS::Route53::RecordSet",
      properties: { HostedZoneId: zone.hostedZoneId, Name: hasToken(domainName) ? domainName : `${domainName}.`, Type: "CNAME", TTL: "1800", ResourceRecords: [domain.getAtt("AppSyncDomainName")] },
    })
  }
  return { domainName, certificateArn, resource: domain }
}
