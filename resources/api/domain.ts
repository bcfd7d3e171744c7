/**
 * The custom domain of an API Gateway v2 API (HTTP or WebSocket): a regional
 * `AWS::ApiGatewayV2::DomainName` with its certificate, the `ApiMapping` of the API's stage under
 * an optional base path, and alias records in the domain's Route 53 zone.
 * @module
 */
import { CfnResource, hasToken, type Construct, type Problem } from "../../compiler/index.ts"
import {
  certificateArnOf,
  checkDomainName,
  createAliasRecords,
  createCertificate,
  defaultZoneName,
  domainUrlPath,
  hostedZoneFor,
  type CustomDomainProps,
} from "../custom-domain/index.ts"

export interface ApiGatewayV2DomainTarget {
  apiId: string
  /** The stage mapped under the domain. */
  stage: CfnResource
  /** The URL scheme: "https" for HTTP APIs, "wss" for WebSocket APIs. */
  protocol: "https" | "wss"
}

export interface ApiGatewayV2Domain {
  /** `<protocol>://<domain>` or `<protocol>://<domain>/<path>/`. */
  url: string
  /** The DomainName resource, when this API created it. */
  domainName?: CfnResource
  /** The certificate, when this API created it. */
  certificate?: CfnResource
}

/** Creates the domain resources in `scope`; undefined (reported) when the prop cannot be used. */
export function createApiGatewayV2Domain(scope: Construct, customDomain: string | CustomDomainProps, target: ApiGatewayV2DomainTarget): ApiGatewayV2Domain | undefined {
  const props: CustomDomainProps = typeof customDomain === "string" ? { domainName: customDomain } : customDomain
  const report = (problem: Omit<Problem, "path" | "construct">) => scope.app.report({ ...problem, path: scope.displayPath, construct: scope.constructor.name })
  if (props.cdk?.domainName) return mapExistingDomain(scope, props, target, report)
  const domainName = props.domainName
  if (!domainName) {
    report({ code: "MissingDomainName", property: "customDomain.domainName", problem: "is not set.", allowed: "a domain name, or cdk.domainName (another API's domain).", fix: 'set customDomain: "api.example.com" or { domainName: "api.example.com" }.' })
    return undefined
  }
  checkDomainName(scope, domainName, typeof customDomain === "string" ? "customDomain" : "customDomain.domainName")
  if (props.isExternalDomain) {
    if (!props.cdk?.certificate) {
      report({ code: "ExternalDomainNeedsCertificate", property: "customDomain.cdk.certificate", problem: "is not set, and isExternalDomain is true.", allowed: "an ACM certificate for the domain, in the API's region.", fix: 'pass it: cdk: { certificate: { certificateArn: "arn:aws:acm:..." } }.' })
      return undefined
    }
    if (props.hostedZone || props.cdk.hostedZone) {
      report({ code: "ExternalDomainWithHostedZone", property: "customDomain.hostedZone", problem: "is set, and isExternalDomain is true.", allowed: "a hosted zone only for domains in Route 53.", fix: "remove hostedZone, or set isExternalDomain: false." })
      return undefined
    }
  } else if (hasToken(domainName) && !props.hostedZone && !props.cdk?.hostedZone) {
    report({ code: "HostedZoneRequired", property: "customDomain.hostedZone", problem: "is not set, and domainName is a reference whose zone cannot be read at build time.", allowed: "the zone's name, or cdk.hostedZone { hostedZoneId }.", fix: 'set hostedZone: "example.com".' })
    return undefined
  }
  const zone = props.isExternalDomain ? undefined : hostedZoneFor(scope, "HostedZone", props.hostedZone ?? props.cdk?.hostedZone?.zoneName ?? defaultZoneName(domainName), props.cdk?.hostedZone)
  const certificate = props.cdk?.certificate ? undefined : createCertificate(scope, "Certificate", { domainName, zone: zone! })
  const domain = new CfnResource(scope, "DomainName", {
    type: "AWS::ApiGatewayV2::DomainName",
    properties: {
      DomainName: domainName,
      DomainNameConfigurations: [{ CertificateArn: certificate ? certificate.ref : certificateArnOf(props.cdk!.certificate!), EndpointType: "REGIONAL" }],
    },
  })
  createMapping(scope, domain.ref, props.path, target)
  if (zone) createAliasRecords(scope, zone, domainName, { dnsName: domain.getAtt("RegionalDomainName"), hostedZoneId: domain.getAtt("RegionalHostedZoneId") })
  return { url: `${target.protocol}://${domainUrlPath(domainName, props.path)}`, domainName: domain, certificate }
}

/** Another API's domain: only a mapping under this API's path. */
function mapExistingDomain(scope: Construct, props: CustomDomainProps, target: ApiGatewayV2DomainTarget, report: (problem: Omit<Problem, "path" | "construct">) => void): ApiGatewayV2Domain | undefined {
  if (props.domainName || props.hostedZone || props.cdk?.hostedZone || props.cdk?.certificate) {
    report({
      code: "ConflictingDomainProps",
      property: "customDomain.cdk.domainName",
      problem: "is set together with domainName, hostedZone or a certificate, which belong to the domain's own API.",
      allowed: "cdk.domainName with path only.",
      fix: "keep cdk.domainName and path, and remove the others.",
    })
    return undefined
  }
  const domain = props.cdk!.domainName!
  createMapping(scope, domain.ref, props.path, target)
  return { url: `${target.protocol}://${domainUrlPath(String(domain.properties.DomainName ?? domain.ref), props.path)}` }
}

function createMapping(scope: Construct, domainName: string, path: string | undefined, target: ApiGatewayV2DomainTarget): CfnResource {
  return new CfnResource(scope, "Mapping", {
    type: "AWS::ApiGatewayV2::ApiMapping",
    // Ref of a Stage is its name, and makes the mapping wait for the stage.
    properties: { ApiId: target.apiId, DomainName: domainName, Stage: target.stage.ref, ApiMappingKey: path },
  })
}
