/**
 * Picks the hosted zone named `name` from Route 53's answer, public zones first: a private zone of
 * the same name cannot validate a public certificate. No AWS calls here, so tests can run it.
 * @module
 */

export interface HostedZoneSummary {
  Id?: string
  Name?: string
  Config?: { PrivateZone?: boolean }
}

/** "example.com" → "example.com.": Route 53 names zones fully qualified. */
export function fullyQualified(name: string): string {
  return name.endsWith(".") ? name : `${name}.`
}

/** The id ("Z0123…", without "/hostedzone/") of the zone named `name`, or undefined. */
export function findZoneId(zones: readonly HostedZoneSummary[], name: string): string | undefined {
  const named = zones.filter((zone) => zone.Name === fullyQualified(name))
  const zone = named.find((z) => !z.Config?.PrivateZone) ?? named[0]
  return zone?.Id?.replace("/hostedzone/", "")
}
