/**
 * What a site tells the deployer (the manifest's `sites`, see compiler/manifest.ts).
 *
 * Decision: a site's files are not a CloudFormation asset uploaded by a custom resource (SST v1
 * ran Python and the AWS CLI in Lambda for that). The template holds the bucket and the
 * distribution only; after the site's stack is deployed, the deployer itself rewrites and
 * uploads the built files (cli/sites/deploy-site.ts). Every value the deployer needs and that
 * exists only after deploy (the bucket's name, the distribution's id, `api.url` in the
 * environment) becomes an internal output of the site's own stack: a reference to another
 * stack's value flows into it through the usual cross-stack parameters, and the deployer reads
 * the resolved value from one place. The template, and so the snapshot, does not depend on the
 * site's build.
 * @module
 */
import { hasToken, logicalIdFromComponents, type Construct, type ManifestOutputRef, type ManifestSite } from "../../compiler/index.ts"
import { PLACEHOLDER_FILES, sitePlaceholder } from "../../compiler/packager/sites/placeholder.ts"

/** The site's path below its stack, as letters and digits: the prefix of its outputs ("site"). */
export function siteOutputPrefix(site: Construct): string {
  const stack = site.enclosingStack
  return logicalIdFromComponents(site.path.slice(stack.path.length + 1).split("/"))
}

/**
 * Adds an internal output `<prefix><name>` holding `value` to the site's stack and returns where
 * the deployer reads it. A name already taken gets a number ("VITEAPIURL2").
 */
export function addSiteOutput(site: Construct, name: string, value: string): ManifestOutputRef {
  const stack = site.enclosingStack
  const base = `${siteOutputPrefix(site)}${name.replace(/[^A-Za-z0-9]/g, "")}`
  let key = base
  for (let n = 2; stack.outputs.has(key); n++) key = `${base}${n}`
  stack.addOutputs({ [key]: { value, internal: true } })
  return { stack: stack.stackName, output: key }
}

/** Literal values as they are; references become outputs `<prefix>SstSiteEnv<KEY>`. */
export function manifestEnvironment(site: Construct, environment: Record<string, string>): ManifestSite["environment"] {
  const entries: ManifestSite["environment"] = {}
  for (const [key, value] of Object.entries(environment)) {
    entries[key] = hasToken(value) ? addSiteOutput(site, `SstSiteEnv${key}`, value) : value
  }
  return entries
}

/** One replacement of `{{ KEY }}` per referenced environment value, then the user's own. */
export function manifestReplaceValues(
  site: Construct,
  environment: ManifestSite["environment"],
  replaceValues: readonly { files: string; search: string; replace: string }[],
): ManifestSite["replaceValues"] {
  const generated = Object.entries(environment)
    .filter((entry): entry is [string, ManifestOutputRef] => typeof entry[1] !== "string")
    .map(([key, ref]) => ({ files: PLACEHOLDER_FILES, search: sitePlaceholder(key), replace: ref }))
  const own = replaceValues.map((replace, index) => ({
    files: replace.files,
    search: replace.search,
    replace: hasToken(replace.replace) ? addSiteOutput(site, `SstSiteReplace${index}`, replace.replace) : replace.replace,
  }))
  return [...generated, ...own]
}

/** Records the site for `sst build` (its build) and `sst deploy` (its upload). */
export function registerSite(site: Construct, entry: ManifestSite): void {
  site.app.sites.push(entry)
}

/** Where `sst build` copies a site's built files: `.sst/dist/sites/<construct path>`. */
export function siteBuildDir(site: Construct): string {
  return `.sst/dist/sites/${site.path}`
}
