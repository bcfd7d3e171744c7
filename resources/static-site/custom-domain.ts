/**
 * A custom domain on a site's CloudFront distribution: the certificate, the aliases, the Route 53
 * records, and the redirect of `domainAlias` to the domain. The zone lookup, the certificate and
 * the records are the shared helpers of resources/custom-domain.
 *
 * CloudFront reads certificates from us-east-1 only. In an app deployed to us-east-1 the
 * certificate is created in the site's stack, validated through DNS in the zone. Elsewhere a stack
 * cannot create a certificate in another region, so the app passes one made in us-east-1
 * (`customDomain.cdk.certificate`); without it the build stops with `CertificateRegion`, which
 * says how.
 *
 * `domainAlias` is answered by the same distribution: a CloudFront Function redirects requests
 * for it to the domain (SST v1 made a second bucket and distribution for that).
 * @module
 */
import { CfnResource, Construct, type Problem, type Value } from "../../compiler/index.ts"
import { certificateArnOf, checkDomainName, createAliasRecords, createCertificate, defaultZoneName, hostedZoneFor, type HostedZone } from "../custom-domain/index.ts"
import type { StaticSiteDomainProps } from "./props.ts"

/** The hosted zone id of every CloudFront distribution, for alias records (Route 53's docs). */
export const CLOUDFRONT_HOSTED_ZONE_ID = "Z2FDTNDATAQYW2"

export interface SiteDomain {
  domainName: string
  /** Every name the distribution answers to (domain, alternate names, alias). */
  aliases: string[]
  certificateArn: string
  domainAlias?: string
  /** Undefined for an external domain: no records. */
  zone?: HostedZone
  certificate?: CfnResource
}

type Report = (problem: Omit<Problem, "path" | "construct">) => void

/** Reads `customDomain`, creating the zone lookup and the certificate; undefined when a problem was reported. */
export function prepareDomain(site: Construct, customDomain: string | StaticSiteDomainProps, report: Report): SiteDomain | undefined {
  const props: StaticSiteDomainProps = typeof customDomain === "string" ? { domainName: customDomain } : customDomain
  const { domainName, domainAlias } = props
  checkDomainName(site, domainName, "customDomain.domainName")
  if (domainAlias) checkDomainName(site, domainAlias, "customDomain.domainAlias")
  const aliases = [domainName, ...(props.alternateNames ?? []), ...(domainAlias ? [domainAlias] : [])]
  const given = props.cdk?.certificate
  if (props.isExternalDomain && !given) {
    report({
      code: "ExternalDomainNeedsCertificate",
      property: "customDomain.cdk.certificate",
      problem: `is not set, but ${JSON.stringify(domainName)} is an external domain, whose DNS records the app cannot write.`,
      allowed: "an ACM certificate in us-east-1 that covers the domain.",
      fix: 'create the certificate in us-east-1 and pass it: customDomain: { domainName, isExternalDomain: true, cdk: { certificate: "arn:aws:acm:us-east-1:..." } }.',
    })
    return undefined
  }
  if (given === undefined && site.app.region !== "us-east-1") {
    report({
      code: "CertificateRegion",
      property: "customDomain",
      problem: `needs a certificate for ${JSON.stringify(domainName)} in us-east-1, but the app is deployed to ${site.app.region}, and a stack creates certificates only in its own region.`,
      allowed: "an app in us-east-1, or a certificate made in us-east-1 passed as customDomain.cdk.certificate.",
      fix: 'create the certificate in us-east-1 (aws acm request-certificate --region us-east-1 ...) and pass it: customDomain: { domainName, cdk: { certificate: "arn:aws:acm:us-east-1:..." } }.',
    })
    return undefined
  }
  const arn = typeof given === "string" ? given : given ? certificateArnOf(given) : undefined
  if (arn && /^arn:aws[\w-]*:acm:/.test(arn) && !arn.includes(":acm:us-east-1:")) {
    report({
      code: "CertificateRegion",
      property: "customDomain.cdk.certificate",
      problem: `is ${JSON.stringify(arn)}, a certificate outside us-east-1.`,
      allowed: "an ACM certificate in us-east-1: CloudFront reads certificates only from there.",
      fix: "request the certificate in us-east-1 and pass its ARN.",
    })
    return undefined
  }
  const zone = props.isExternalDomain ? undefined : hostedZoneFor(site, "HostedZone", props.hostedZone ?? siteZoneName(domainName), props.cdk?.hostedZone)
  if (arn) return { domainName, aliases, certificateArn: arn, ...(domainAlias ? { domainAlias } : {}), ...(zone ? { zone } : {}) }
  const certificate = createCertificate(site, "Certificate", { domainName, zone: zone as HostedZone, alternateNames: aliases.slice(1) })
  return { domainName, aliases, certificateArn: certificate.ref, ...(domainAlias ? { domainAlias } : {}), ...(zone ? { zone } : {}), certificate }
}

/** An apex ("example.com") is its own zone; a subdomain lives in its parent's. */
function siteZoneName(domainName: string): string {
  return domainName.split(".").length <= 2 ? domainName : defaultZoneName(domainName)
}

/** The distribution config's `Aliases` and `ViewerCertificate`. */
export function distributionDomainConfig(domain: SiteDomain): Record<string, Value> {
  return {
    Aliases: domain.aliases,
    ViewerCertificate: { AcmCertificateArn: domain.certificateArn, SslSupportMethod: "sni-only", MinimumProtocolVersion: "TLSv1.2_2021" },
  }
}

/** A viewer-request function that sends `domainAlias` to `domainName` (301), or undefined without an alias. */
export function createAliasRedirect(site: Construct, domain: SiteDomain): CfnResource | undefined {
  if (!domain.domainAlias) return undefined
  const code = [
    "function handler(event) {",
    "  var request = event.request;",
    "  var host = request.headers.host ? request.headers.host.value : '';",
    // Server-rendered sites read the viewer's host here (this replaces their ForwardedHost function).
    "  if (host) request.headers['x-forwarded-host'] = { value: host };",
    `  if (host !== ${JSON.stringify(domain.domainAlias)}) return request;`,
    "  var query = Object.keys(request.querystring).map(function (k) { return k + '=' + request.querystring[k].value; }).join('&');",
    `  var location = 'https://' + ${JSON.stringify(domain.domainName)} + request.uri + (query ? '?' + query : '');`,
    "  return { statusCode: 301, statusDescription: 'Moved Permanently', headers: { location: { value: location } } };",
    "}",
  ].join("\n")
  return new CfnResource(site, "AliasRedirect", {
    type: "AWS::CloudFront::Function",
    properties: {
      Name: aliasFunctionName(site),
      AutoPublish: true,
      FunctionCode: code,
      FunctionConfig: { Comment: `Redirects ${domain.domainAlias} to ${domain.domainName}`, Runtime: "cloudfront-js-2.0" },
    },
  })
}

/** A and AAAA alias records of the domain (and of its alias) in the zone, pointing at the distribution. */
export function createDomainRecords(site: Construct, domain: SiteDomain, distribution: CfnResource): void {
  if (!domain.zone) return
  const target = { dnsName: distribution.getAtt("DomainName"), hostedZoneId: CLOUDFRONT_HOSTED_ZONE_ID }
  createAliasRecords(site, domain.zone, domain.domainName, target)
  if (domain.domainAlias) createAliasRecords(new Construct(site, "DomainAlias"), domain.zone, domain.domainAlias, target)
}

/** CloudFront function names: 1–64 letters, digits, '-' and '_', unique in the account. */
function aliasFunctionName(site: Construct): string {
  const stack = site.enclosingStack
  return `${stack.stackName}-${site.path.slice(stack.path.length + 1)}-redirect`.replace(/[^A-Za-z0-9-_]/g, "-").slice(0, 64)
}
