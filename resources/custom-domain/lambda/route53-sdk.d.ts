/**
 * The part of `@aws-sdk/client-route-53` the lookup handler uses. The Lambda Node.js runtime
 * provides the SDK and the bundle leaves it out, so the package is not a dependency of sst; these
 * declarations let the handler type-check without it.
 */
declare module "@aws-sdk/client-route-53" {
  export class Route53Client {
    constructor(config: Record<string, unknown>)
    send(command: ListHostedZonesByNameCommand): Promise<{ HostedZones?: { Id?: string; Name?: string; Config?: { PrivateZone?: boolean } }[] }>
  }
  export class ListHostedZonesByNameCommand {
    constructor(input: { DNSName?: string; HostedZoneId?: string; MaxItems?: number })
  }
}
