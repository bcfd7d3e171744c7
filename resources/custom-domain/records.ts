/**
 * Route 53 alias records (A and AAAA) pointing a domain at an AWS endpoint: an API Gateway
 * domain, a CloudFront distribution, an AppSync domain.
 * @module
 */
import { CfnResource, hasToken, type Construct } from "../../compiler/index.ts"
import type { HostedZone } from "./hosted-zone.ts"

export interface AliasTarget {
  /** The endpoint's DNS name, e.g. a DomainName's `RegionalDomainName`. */
  dnsName: string
  /** The endpoint's own hosted zone id (not the user's zone), e.g. `RegionalHostedZoneId`. */
  hostedZoneId: string
}

/** Creates `AliasRecord` (A) and `AliasRecordAAAA` in `scope` for `recordName`. */
export function createAliasRecords(scope: Construct, zone: HostedZone, recordName: string, target: AliasTarget): CfnResource[] {
  // Route 53 reads names as fully qualified; the trailing dot says so (a reference is left as is).
  const name = hasToken(recordName) || recordName.endsWith(".") ? recordName : `${recordName}.`
  return (["A", "AAAA"] as const).map(
    (type) =>
      new CfnResource(scope, type === "A" ? "AliasRecord" : "AliasRecordAAAA", {
        type: "AWS::Route53::RecordSet",
        properties: { Name: name, Type: type, HostedZoneId: zone.hostedZoneId, AliasTarget: { DNSName: target.dnsName, HostedZoneId: target.hostedZoneId } },
      }),
  )
}
