/**
 * The CloudFormation custom resource protocol, as seen from the provider: the request event, and
 * the answer PUT to the pre-signed `ResponseURL` (CloudFormation waits up to an hour for it, so
 * every path, including a timeout, must answer).
 * @module
 */
import { request as httpRequest } from "node:http"
import { request as httpsRequest } from "node:https"

export interface CustomResourceEvent {
  RequestType: "Create" | "Update" | "Delete"
  ResponseURL: string
  StackId: string
  RequestId: string
  ResourceType: string
  LogicalResourceId: string
  /** Absent on Create. */
  PhysicalResourceId?: string
  ResourceProperties: Record<string, unknown>
  OldResourceProperties?: Record<string, unknown>
}

export interface CustomResourceResult {
  /** Kept across updates unless a kind returns a new one (which makes CloudFormation delete the old). */
  physicalResourceId?: string
  /** Values readable with Fn::GetAtt. */
  data?: Record<string, string>
}

export interface CustomResourceResponse {
  Status: "SUCCESS" | "FAILED"
  Reason?: string
  PhysicalResourceId: string
  StackId: string
  RequestId: string
  LogicalResourceId: string
  Data?: Record<string, string>
}

/** CloudFormation refuses response bodies over 4096 bytes; the reason is cut well below that. */
const MAX_REASON_LENGTH = 3000

/** A Create that failed answers with this prefix, so the Delete of its rollback does no work. */
export const FAILED_CREATE_PREFIX = "sst-failed-create-"

export function successResponse(event: CustomResourceEvent, result: CustomResourceResult): CustomResourceResponse {
  return {
    Status: "SUCCESS",
    PhysicalResourceId: result.physicalResourceId ?? event.PhysicalResourceId ?? event.RequestId,
    StackId: event.StackId,
    RequestId: event.RequestId,
    LogicalResourceId: event.LogicalResourceId,
    ...(result.data ? { Data: result.data } : {}),
  }
}

export function failureResponse(event: CustomResourceEvent, reason: string): CustomResourceResponse {
  const physical = event.RequestType === "Create" ? `${FAILED_CREATE_PREFIX}${event.RequestId}` : (event.PhysicalResourceId ?? event.RequestId)
  return {
    Status: "FAILED",
    Reason: reason.length > MAX_REASON_LENGTH ? `${reason.slice(0, MAX_REASON_LENGTH)}...` : reason,
    PhysicalResourceId: physical,
    StackId: event.StackId,
    RequestId: event.RequestId,
    LogicalResourceId: event.LogicalResourceId,
  }
}

/** PUTs the response to the pre-signed URL (with an empty Content-Type, which the signature expects). */
export function sendResponse(url: string, response: CustomResourceResponse): Promise<void> {
  const body = JSON.stringify(response)
  const target = new URL(url)
  const request = target.protocol === "http:" ? httpRequest : httpsRequest
  return new Promise((resolve, reject) => {
    const req = request(target, { method: "PUT", headers: { "content-type": "", "content-length": Buffer.byteLength(body) } }, (res) => {
      res.resume()
      res.on("end", () => {
        if ((res.statusCode ?? 0) >= 300) reject(new Error(`the response URL answered HTTP ${res.statusCode}`))
        else resolve()
      })
    })
    req.on("error", reject)
    req.end(body)
  })
}
