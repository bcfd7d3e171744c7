/**
 * STS for tests: answers GetCallerIdentity in the awsQuery protocol that
 * @aws-sdk/client-sts speaks (form-encoded POST, XML answer), with the account of the
 * CloudFormation fake (123456789012). Other actions answer InvalidAction.
 * @module
 */
import { createServer } from "node:http"
import type { AddressInfo } from "node:net"

export interface StsFake {
  endpoint: string
  /** Actions received, in order. */
  calls: string[]
  close(): Promise<void>
}

export async function startStsFake(options: { account?: string; arn?: string } = {}): Promise<StsFake> {
  const account = options.account ?? "123456789012"
  const arn = options.arn ?? `arn:aws:iam::${account}:user/tester`
  const calls: string[] = []
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on("data", (chunk: Buffer) => chunks.push(chunk))
    req.on("end", () => {
      const action = new URLSearchParams(Buffer.concat(chunks).toString("utf8")).get("Action") ?? ""
      calls.push(action)
      res.setHeader("content-type", "text/xml")
      if (action !== "GetCallerIdentity") {
        res.statusCode = 400
        res.end(`<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>InvalidAction</Code><Message>Could not find operation ${action} for version 2011-06-15</Message></Error><RequestId>fake</RequestId></ErrorResponse>`)
        return
      }
      res.end(
        `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><Arn>${arn}</Arn><UserId>AIDAFAKE</UserId><Account>${account}</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>fake</RequestId></ResponseMetadata></GetCallerIdentityResponse>`,
      )
    })
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const { port } = server.address() as AddressInfo
  return {
    endpoint: `http://127.0.0.1:${port}`,
    calls,
    close: async () => {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
