/**
 * Custom domains, shared by every construct that has a `customDomain` (APIs, AppSync, sites).
 *
 * The pieces, in the order a construct uses them:
 * - {@link CustomDomainSchema} / {@link CustomDomainProps}: the prop as SST v1 wrote it.
 * - {@link checkDomainName}: lower case, as Route 53 and ACM store names.
 * - {@link hostedZoneFor}: the Route 53 zone, by id, or looked up by name at deploy time.
 * - {@link createCertificate}: an ACM certificate validated through DNS in that zone
 *   ({@link certificateArnOf} for one the user passes).
 * - {@link createAliasRecords}: A and AAAA alias records to the endpoint.
 * - {@link domainUrlPath}: `domain` or `domain/path/`.
 * @module
 */
export { certificateArnOf, createCertificate, type CertificateOptions } from "./certificate.ts"
export { checkDomainName, domainUrlPath } from "./domain-name.ts"
export { defaultZoneName, hostedZoneFor, type HostedZone } from "./hosted-zone.ts"
export { CertificateReferenceSchema, CustomDomainSchema, HostedZoneReferenceSchema, type CertificateReference, type CustomDomainProps, type HostedZoneReference } from "./props.ts"
export { createAliasRecords, type AliasTarget } from "./records.ts"
