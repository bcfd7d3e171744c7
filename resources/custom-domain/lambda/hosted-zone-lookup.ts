/**
 * The `Custom::SSTHostedZoneLookup` handler: returns the id of the Route 53 zone `ZoneName` as
 * the attribute `HostedZoneId`, so a certificate can validate itself in it (custom-domain/
 * hosted-zone.ts says why the lookup happens at deploy time).
 * @module
 */
import { request } from "node:https"
import { ListHostedZonesByNameCommand, Route53Client } from "@aws-sdk/client-route-53"
import { findZoneId, fullyQualified } from "./find-zone.ts"

interface CustomResourceEvent {
  RequestType: "Create" | "Update" | "Delete"
  ResponseURL: string
  StackId: string
  RequestId: string
  LogicalResourceId: string
  PhysicalResourceId?: string
  ResourceProperties: { ZoneName: string }
}

const route53 = new Route53Client({})

export async function handler(event: CustomResourceEvent): Promise<void> {
  const name = fullyQualified(String(event.ResourceProperties.ZoneName))
  let response: Record<string, unknown> = { Status: "SUCCESS", PhysicalResourceId: name, Data: {} }
  try {
    if (event.RequestType !== "Delete") {
      const found = await route53.send(new ListHostedZonesByNameCommand({ DNSName: name }))
      const id = findZoneId(found.HostedZones ?? [], name)
      if (!id) throw new Error(`No Route 53 hosted zone named ${name} in this account.`)
      response.Data = { HostedZoneId: id }
    }
  } catch (error) {
    response = { Status: "FAILED", Reason: error instanceof Error ? error.message : String(error), PhysicalResourceId: name }
  }
  await respond(event, { ...response, StackId: event.StackId, RequestId: event.RequestId, LogicalResourceId: event.LogicalResourceId })
}

/** PUTs the answer to CloudFormation's pre-signed URL (an empty content type, as it was signed). */
function respond(event: CustomResourceEvent, body: Record<string, unknown>): Promise<void> {
  const text = JSON.stringify(body)
  return new Promise((resolve, reject) => {
    const put = request(event.ResponseURL, { method: "PUT", headers: { "content-type": "", "content-length": Buffer.byteLength(text) } }, (answer) => {
      answer.resume()
      answer.on("end", () => resolve())
    })
    put.on("error", reject)
    put.end(text)
  })
}
