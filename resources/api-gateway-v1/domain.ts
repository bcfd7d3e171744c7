/**
 * The custom domain of a REST API: an `AWS::ApiGateway::DomainName` (regional, or edge through
 * CloudFront), its certificate, the base path mapping of the API's stage, and alias records.
 *
 * An edge domain's certificate must live in us-east-1 (CloudFront's region). CDK made one there
 * with a cross-region custom resource; we create it only when the app itself is in us-east-1, and
 * otherwise ask for `cdk.certificate`.
 * @module
 */
import { CfnResource, hasToken, type Construct, type Problem } from "../../compiler/index.ts"
import { certificateArnOf, checkDomainName, createAliasRecords, createCertificate, defaultZoneName, domainUrlPath, hostedZoneFor } from "../custom-domain/index.ts"
import type { ApiGatewayV1ApiCustomDomainProps } from "./props.ts"

export interface RestDomain {
  url?: string
  domainName?: CfnResource
  certificate?: CfnResource
}

const SECURITY_POLICIES = { "TLS 1.0": "TLS_1_0", "TLS 1.2": "TLS_1_2" } as const

export function createRestDomain(scope: Construct, customDomain: string | ApiGatewayV1ApiCustomDomainProps, target: { restApiId: string; stage: CfnResource; region: string }): RestDomain | undefined {
  const props: ApiGatewayV1ApiCustomDomainProps = typeof customDomain === "string" ? { domainName: customDomain } : customDomain
  const report = (problem: Omit<Problem, "path" | "construct">) => scope.app.report({ ...problem, path: scope.displayPath, construct: scope.constructor.name })
  if (props.cdk?.domainName) {
    const conflicting = (["domainName", "hostedZone", "endpointType", "mtls", "securityPolicy"] as const).filter((key) => props[key] !== undefined)
    if (conflicting.length > 0 || props.cdk.hostedZone || props.cdk.certificate) {
      report({
        code: "ConflictingDomainProps",
        property: "customDomain.cdk.domainName",
        problem: `is set together with ${[...conflicting, ...(props.cdk.hostedZone ? ["cdk.hostedZone"] : []), ...(props.cdk.certificate ? ["cdk.certificate"] : [])].join(", ")}, which belong to the domain's own API.`,
        allowed: "cdk.domainName with path only.",
        fix: "keep cdk.domainName and path, and remove the others.",
      })
      return undefined
    }
    createMapping(scope, props.cdk.domainName.ref, props.path, target)
    const name = props.cdk.domainName.properties.DomainName
    return { url: typeof name === "string" ? `https://${domainUrlPath(name, props.path)}` : undefined }
  }
  const domainName = props.domainName
  if (!domainName) {
    report({ code: "MissingDomainName", property: "customDomain.domainName", problem: "is not set.", allowed: "a domain name, or cdk.domainName (another API's domain).", fix: 'set customDomain: "api.example.com".' })
    return undefined
  }
  checkDomainName(scope, domainName, typeof customDomain === "string" ? "customDomain" : "customDomain.domainName")
  if (hasToken(domainName) && !props.hostedZone && !props.cdk?.hostedZone) {
    report({ code: "HostedZoneRequired", property: "customDomain.hostedZone", problem: "is not set, and domainName is a reference whose zone cannot be read at build time.", allowed: "the zone's name, or cdk.hostedZone { hostedZoneId }.", fix: 'set hostedZone: "example.com".' })
    return undefined
  }
  const edge = props.endpointType === "edge"
  if (edge && !props.cdk?.certificate && target.region !== "us-east-1") {
    report({
      code: "EdgeCertificateRegion",
      property: "customDomain.endpointType",
      problem: `is "edge", whose certificate must be in us-east-1, and this app is in ${target.region}.`,
      allowed: 'an edge domain with cdk.certificate (a certificate made in us-east-1), or endpointType "regional".',
      fix: 'pass cdk: { certificate: { certificateArn: "arn:aws:acm:us-east-1:..." } }, or use endpointType: "regional".',
    })
    return undefined
  }
  const zone = hostedZoneFor(scope, "HostedZone", props.hostedZone ?? props.cdk?.hostedZone?.zoneName ?? defaultZoneName(domainName), props.cdk?.hostedZone)
  const certificate = props.cdk?.certificate ? undefined : createCertificate(scope, "Certificate", { domainName, zone })
  const certificateArn = certificate ? certificate.ref : certificateArnOf(props.cdk!.certificate!)
  const domain = new CfnResource(scope, "DomainName", {
    type: "AWS::ApiGateway::DomainName",
    properties: {
      DomainName: domainName,
      EndpointConfiguration: { Types: [edge ? "EDGE" : "REGIONAL"] },
      CertificateArn: edge ? certificateArn : undefined,
      RegionalCertificateArn: edge ? undefined : certificateArn,
      SecurityPolicy: props.securityPolicy ? SECURITY_POLICIES[props.securityPolicy] : undefined,
      MutualTlsAuthentication: props.mtls ? { TruststoreUri: `s3://${props.mtls.bucket.bucketName}/${props.mtls.key}`, TruststoreVersion: props.mtls.version } : undefined,
    },
  })
  createMapping(scope, domain.ref, props.path, target)
  createAliasRecords(
    scope,
    zone,
    domainName,
    edge
      ? { dnsName: domain.getAtt("DistributionDomainName"), hostedZoneId: domain.getAtt("DistributionHostedZoneId") }
      : { dnsName: domain.getAtt("RegionalDomainName"), hostedZoneId: domain.getAtt("RegionalHostedZoneId") },
  )
  return { url: `https://${domainUrlPath(domainName, props.path)}`, domainName: domain, certificate }
}

function createMapping(scope: Construct, domainName: string, path: string | undefined, target: { restApiId: string; stage: CfnResource }): CfnResource {
  return new CfnResource(scope, "BasePathMapping", {
    type: "AWS::ApiGateway::BasePathMapping",
    // Ref of a Stage is its name, and makes the mapping wait for the stage.
    properties: { DomainName: domainName, RestApiId: target.restApiId, Stage: target.stage.ref, BasePath: path },
  })
}
