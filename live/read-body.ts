/**
 * The whole body of an incoming HTTP request, for the local servers (Runtime API, console).
 * @module
 */
import type { IncomingMessage } from "node:http"

export function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    request.on("data", (chunk: Buffer) => chunks.push(chunk))
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")))
    request.on("error", reject)
  })
}
