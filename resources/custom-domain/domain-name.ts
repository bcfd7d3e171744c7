/**
 * Checks on a custom domain's name and the URL it gives, shared by every construct with a
 * `customDomain`.
 * @module
 */
import { hasToken, type Construct, type Problem } from "../../compiler/index.ts"

/** Reports a domain name with capitals (Route 53 and ACM store names in lower case; SST v1 refused them too). */
export function checkDomainName(construct: Construct, domainName: string, property: string): void {
  if (hasToken(domainName) || domainName === domainName.toLowerCase()) return
  construct.app.report({
    code: "DomainNameNotLowerCase",
    path: construct.displayPath,
    construct: construct.constructor.name,
    property,
    problem: `is ${JSON.stringify(domainName)}, which has capital letters.`,
    allowed: "a domain name in lower case.",
    fix: `write ${JSON.stringify(domainName.toLowerCase())}.`,
  } satisfies Problem)
}

/**
 * `domain`, or `domain/path/` under a base path: API Gateway answers "Not Found" for the mapped
 * path without its trailing slash.
 */
export function domainUrlPath(domainName: string, path: string | undefined): string {
  return path ? `${domainName}/${path}/` : domainName
}
