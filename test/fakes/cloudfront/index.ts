/**
 * A local fake of the CloudFront API's invalidations, speaking its REST-XML wire protocol over
 * HTTP on 127.0.0.1, for tests that drive the real `@aws-sdk/client-cloudfront`.
 *
 * - `POST /2020-05-31/distribution/{id}/invalidation` with an `<InvalidationBatch>`: 201 with a
 *   `Location` header and the `<Invalidation>` (status InProgress). A repeated CallerReference
 *   with the same paths answers the earlier invalidation, as CloudFront does; with other paths,
 *   `InvalidationBatchAlreadyExists` (409).
 * - `GET /2020-05-31/distribution/{id}/invalidation/{invalidationId}`: the invalidation, which
 *   turns Completed after `completeAfterPolls` reads.
 * - A distribution not in `distributions` (when given) answers `NoSuchDistribution` (404); an
 *   unknown invalidation `NoSuchInvalidation` (404). Signatures are not checked.
 * @module
 */
import { randomBytes } from "node:crypto"
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http"
import type { AddressInfo } from "node:net"

const NS = "http://cloudfront.amazonaws.com/doc/2020-05-31/"

export interface FakeInvalidation {
  id: string
  distributionId: string
  callerReference: string
  paths: string[]
  status: "InProgress" | "Completed"
  createTime: string
  reads: number
}

export interface CloudFrontFakeOptions {
  /** Known distribution ids; any id is accepted when absent. */
  distributions?: string[]
  /** GETs after which an invalidation reads Completed. @default 1 */
  completeAfterPolls?: number
}

export interface CloudFrontFake {
  endpoint: string
  /** Every invalidation created, in order. */
  invalidations: FakeInvalidation[]
  /** Every request as "METHOD path", in order. */
  calls: string[]
  addDistribution(id: string): void
  close(): Promise<void>
}

export async function startCloudFrontFake(options: CloudFrontFakeOptions = {}): Promise<CloudFrontFake> {
  const distributions = options.distributions ? new Set(options.distributions) : undefined
  const invalidations: FakeInvalidation[] = []
  const calls: string[] = []
  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => send(response, 500, errorXml("Receiver", "InternalFailure", String(error))))
  })

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const body = await readBody(request)
    const path = new URL(request.url ?? "/", "http://localhost").pathname
    calls.push(`${request.method} ${path}`)
    const create = /^\/2020-05-31\/distribution\/([^/]+)\/invalidation$/.exec(path)
    const read = /^\/2020-05-31\/distribution\/([^/]+)\/invalidation\/([^/]+)$/.exec(path)
    const distributionId = decodeURIComponent((create ?? read)?.[1] ?? "")
    if (!create && !read) return send(response, 404, errorXml("Sender", "InvalidAction", `No operation at ${request.method} ${path}`))
    if (distributions && !distributions.has(distributionId)) {
      return send(response, 404, errorXml("Sender", "NoSuchDistribution", "The specified distribution does not exist."))
    }
    if (create && request.method === "POST") {
      const callerReference = tag(body, "CallerReference") ?? ""
      const paths = [...body.matchAll(/<Path>([\s\S]*?)<\/Path>/g)].map((m) => unescapeXml(m[1]))
      const quantity = Number(tag(body, "Quantity"))
      if (!callerReference || quantity !== paths.length || paths.length === 0) {
        return send(response, 400, errorXml("Sender", "InvalidArgument", "Your request contains one or more invalid invalidation paths or a Quantity that does not match them."))
      }
      const earlier = invalidations.find((i) => i.distributionId === distributionId && i.callerReference === callerReference)
      if (earlier && earlier.paths.join("\n") !== paths.join("\n")) {
        return send(response, 409, errorXml("Sender", "InvalidationBatchAlreadyExists", "The CallerReference you attempted to use is already in use with a different batch."))
      }
      const invalidation = earlier ?? {
        id: `I${randomBytes(10).toString("hex").toUpperCase().slice(0, 13)}`,
        distributionId,
        callerReference,
        paths,
        status: "InProgress" as const,
        createTime: new Date().toISOString(),
        reads: 0,
      }
      if (!earlier) invalidations.push(invalidation)
      response.setHeader("Location", `https://cloudfront.amazonaws.com/2020-05-31/distribution/${distributionId}/invalidation/${invalidation.id}`)
      return send(response, 201, invalidationXml(invalidation))
    }
    if (read && request.method === "GET") {
      const invalidation = invalidations.find((i) => i.distributionId === distributionId && i.id === decodeURIComponent(read[2]))
      if (!invalidation) return send(response, 404, errorXml("Sender", "NoSuchInvalidation", "The specified invalidation does not exist."))
      invalidation.reads++
      if (invalidation.reads >= (options.completeAfterPolls ?? 1)) invalidation.status = "Completed"
      return send(response, 200, invalidationXml(invalidation))
    }
    return send(response, 405, errorXml("Sender", "MethodNotAllowed", `${request.method} is not allowed on ${path}`))
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject)
    server.listen(0, "127.0.0.1", resolve)
  })
  const { port } = server.address() as AddressInfo
  return {
    endpoint: `http://127.0.0.1:${port}`,
    invalidations,
    calls,
    addDistribution: (id) => distributions?.add(id),
    close: () => {
      // A client that kept its connection alive (the SDK does) must not hold the close up.
      server.closeAllConnections()
      return new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

function invalidationXml(i: FakeInvalidation): string {
  const items = i.paths.map((p) => `<Path>${escapeXml(p)}</Path>`).join("")
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<Invalidation xmlns="${NS}"><Id>${i.id}</Id><Status>${i.status}</Status><CreateTime>${i.createTime}</CreateTime>` +
    `<InvalidationBatch><Paths><Quantity>${i.paths.length}</Quantity><Items>${items}</Items></Paths><CallerReference>${escapeXml(i.callerReference)}</CallerReference></InvalidationBatch></Invalidation>`
  )
}

function errorXml(type: string, code: string, message: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<ErrorResponse xmlns="${NS}"><Error><Type>${type}</Type><Code>${code}</Code><Message>${escapeXml(message)}</Message></Error><RequestId>${randomBytes(16).toString("hex")}</RequestId></ErrorResponse>`
}

function send(response: ServerResponse, status: number, body: string): void {
  response.writeHead(status, { "Content-Type": "text/xml", "x-amzn-RequestId": randomBytes(16).toString("hex") })
  response.end(body)
}

function tag(xml: string, name: string): string | undefined {
  const match = new RegExp(`<${name}>([\\s\\S]*?)</${name}>`).exec(xml)
  return match ? unescapeXml(match[1]) : undefined
}

function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;")
}

function unescapeXml(text: string): string {
  return text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, "&")
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of request) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString("utf8")
}
