/**
 * The provider Lambda (lambda/provider.ts) run for real: CloudFormation's request events in, its
 * answer PUT to a local response URL, user functions invoked through a local Lambda endpoint and
 * keys written to the SSM fake, all over HTTP with the real AWS SDK clients.
 */
import assert from "node:assert/strict"
import { createPublicKey, createPrivateKey } from "node:crypto"
import { createServer, type IncomingHttpHeaders } from "node:http"
import type { AddressInfo } from "node:net"
import { after, before, test } from "node:test"
import { startSsmFake, type SsmFake } from "../../test/fakes/ssm/index.ts"
import type { CustomResourceEvent, CustomResourceResponse } from "./lambda/cfn-response.ts"
import { handler } from "./lambda/provider.ts"

interface Invocation {
  name: string
  payload: unknown
}

/** What a user function does when invoked, by name. */
const FUNCTIONS: Record<string, (payload: unknown) => Promise<{ status: number; body: string; error?: string }>> = {
  "seed-fn": async () => ({ status: 200, body: JSON.stringify({ ok: true }) }),
  "bad-fn": async () => ({ status: 200, body: JSON.stringify({ errorType: "Error", errorMessage: "table notes already exists" }), error: "Unhandled" }),
  "slow-fn": async () => {
    await new Promise((resolve) => setTimeout(resolve, 1500))
    return { status: 200, body: "{}" }
  },
}

const invocations: Invocation[] = []
const responses: { body: CustomResourceResponse; headers: IncomingHttpHeaders }[] = []
const servers: ReturnType<typeof createServer>[] = []
let responseUrl = ""
let ssm: SsmFake

function listen(handle: (path: string, body: string, headers: IncomingHttpHeaders) => Promise<{ status: number; body: string; headers?: Record<string, string> }>): Promise<string> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on("data", (chunk: Buffer) => chunks.push(chunk))
    req.on("end", () => {
      void handle(req.url ?? "/", Buffer.concat(chunks).toString("utf8"), req.headers).then((answer) => {
        res.writeHead(answer.status, answer.headers ?? {})
        res.end(answer.body)
      })
    })
  })
  servers.push(server)
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)))
}

before(async () => {
  const lambda = await listen(async (path, body): Promise<{ status: number; body: string; headers?: Record<string, string> }> => {
    const name = decodeURIComponent(/\/functions\/([^/]+)\/invocations/.exec(path)?.[1] ?? "")
    invocations.push({ name, payload: JSON.parse(body) })
    const run = FUNCTIONS[name]
    if (!run) return { status: 404, body: JSON.stringify({ Type: "User", message: `Function not found: ${name}` }), headers: { "x-amzn-errortype": "ResourceNotFoundException" } }
    const answer = await run(JSON.parse(body))
    return { status: answer.status, body: answer.body, headers: answer.error ? { "x-amz-function-error": answer.error } : {} }
  })
  responseUrl = `${await listen(async (_path, body, headers) => {
    responses.push({ body: JSON.parse(body) as CustomResourceResponse, headers })
    return { status: 200, body: "" }
  })}/cloudformation-response?signature=abc`
  ssm = await startSsmFake()
  Object.assign(process.env, {
    AWS_REGION: "us-east-1",
    AWS_ACCESS_KEY_ID: "AKIDTEST",
    AWS_SECRET_ACCESS_KEY: "secret",
    AWS_ENDPOINT_URL_LAMBDA: lambda,
    AWS_ENDPOINT_URL_SSM: ssm.endpoint,
  })
})

after(async () => {
  for (const server of servers) {
    server.closeAllConnections()
    server.close()
  }
  await ssm.close()
})

const context = (remainingMs = 900_000) => ({ getRemainingTimeInMillis: () => remainingMs, logGroupName: "/aws/lambda/provider", logStreamName: "2026/01/01/[$LATEST]abc" })

function event(requestType: CustomResourceEvent["RequestType"], properties: Record<string, unknown>, extra: Partial<CustomResourceEvent> = {}): CustomResourceEvent {
  return {
    RequestType: requestType,
    ResponseURL: responseUrl,
    StackId: "arn:aws:cloudformation:us-east-1:123456789012:stack/dev-app-Main/1",
    RequestId: `request-${responses.length + 1}`,
    ResourceType: "Custom::SSTScript",
    LogicalResourceId: "SeedScriptResource",
    ResourceProperties: { ServiceToken: "arn:provider", ...properties },
    ...extra,
  }
}

async function run(e: CustomResourceEvent, remainingMs?: number): Promise<{ response: CustomResourceResponse; headers: IncomingHttpHeaders; invoked: Invocation[] }> {
  const seen = invocations.length
  const count = responses.length
  await handler(e, context(remainingMs))
  assert.equal(responses.length, count + 1, "the provider answers CloudFormation exactly once")
  return { ...responses[count], response: responses[count].body, invoked: invocations.slice(seen) }
}

test("Create invokes UserCreateFunction with the params and answers SUCCESS to the pre-signed URL", async () => {
  const { response, headers, invoked } = await run(event("Create", { UserCreateFunction: "seed-fn", UserUpdateFunction: "other", UserParams: '{"size":10}' }))
  assert.deepEqual(invoked, [{ name: "seed-fn", payload: { size: 10 } }])
  assert.deepEqual(response, {
    Status: "SUCCESS",
    PhysicalResourceId: response.RequestId,
    StackId: "arn:aws:cloudformation:us-east-1:123456789012:stack/dev-app-Main/1",
    RequestId: response.RequestId,
    LogicalResourceId: "SeedScriptResource",
  })
  assert.equal(headers["content-type"], "", "S3 pre-signed URLs expect an empty content type")
})

test("Update invokes UserUpdateFunction and keeps the physical id; Delete invokes UserDeleteFunction", async () => {
  const update = await run(event("Update", { UserUpdateFunction: "seed-fn", UserParams: "{}" }, { PhysicalResourceId: "physical-1" }))
  assert.deepEqual(update.invoked, [{ name: "seed-fn", payload: {} }])
  assert.equal(update.response.PhysicalResourceId, "physical-1")
  const remove = await run(event("Delete", { UserCreateFunction: "bad-fn", UserDeleteFunction: "seed-fn" }, { PhysicalResourceId: "physical-1" }))
  assert.deepEqual(remove.invoked.map((i) => i.name), ["seed-fn"])
  assert.equal(remove.response.Status, "SUCCESS")
  const nothing = await run(event("Update", { UserCreateFunction: "seed-fn" }, { PhysicalResourceId: "physical-1" }))
  assert.deepEqual(nothing.invoked, [], "no function for this request type: nothing runs")
})

test("a failing function fails the deployment with its message and its logs, and the rollback's Delete does nothing", async () => {
  const create = await run(event("Create", { UserCreateFunction: "bad-fn", UserDeleteFunction: "seed-fn" }))
  assert.equal(create.response.Status, "FAILED")
  assert.equal(create.response.Reason, "bad-fn failed: table notes already exists\nLogs: /aws/lambda/bad-fn\nProvider logs: /aws/lambda/provider 2026/01/01/[$LATEST]abc")
  assert.match(create.response.PhysicalResourceId, /^sst-failed-create-/)
  const rollback = await run(event("Delete", { UserCreateFunction: "bad-fn", UserDeleteFunction: "seed-fn" }, { PhysicalResourceId: create.response.PhysicalResourceId }))
  assert.deepEqual(rollback.invoked, [])
  assert.equal(rollback.response.Status, "SUCCESS")
})

test("the provider answers FAILED before its own timeout instead of leaving CloudFormation waiting", async () => {
  const { response } = await run(event("Create", { UserCreateFunction: "slow-fn" }), 10_100)
  assert.equal(response.Status, "FAILED")
  assert.match(response.Reason ?? "", /^timed out before the work finished/)
})

test("a resource type the provider does not serve fails with an internal error", async () => {
  const { response } = await run(event("Create", {}, { ResourceType: "Custom::Unknown" }))
  assert.equal(response.Status, "FAILED")
  assert.match(response.Reason ?? "", /^internal: no custom resource kind handles Custom::Unknown/)
})

test("auth-keys generates an RSA pair once into SecureString parameters and removes them on Delete", async () => {
  const props = { publicPath: "/sst/app/dev/Auth/auth/publicKey", privatePath: "/sst/app/dev/Auth/auth/privateKey" }
  const create = await run(event("Create", props, { ResourceType: "Custom::AuthKeys" }))
  assert.equal(create.response.Status, "SUCCESS")
  assert.equal(create.response.PhysicalResourceId, props.privatePath)
  const privateKey = ssm.parameters.get(props.privatePath)
  const publicKey = ssm.parameters.get(props.publicPath)
  assert.equal(privateKey?.Type, "SecureString")
  assert.equal(publicKey?.Type, "SecureString")
  assert.equal(createPrivateKey(privateKey?.Value ?? "").asymmetricKeyDetails?.modulusLength, 2048)
  assert.equal(createPublicKey(publicKey?.Value ?? "").asymmetricKeyType, "rsa")
  await run(event("Update", props, { ResourceType: "Custom::AuthKeys", PhysicalResourceId: props.privatePath }))
  assert.equal(ssm.parameters.get(props.privatePath)?.Value, privateKey?.Value, "an update keeps the keys, so sessions stay valid")
  const remove = await run(event("Delete", props, { ResourceType: "Custom::AuthKeys", PhysicalResourceId: props.privatePath }))
  assert.equal(remove.response.Status, "SUCCESS")
  assert.equal(ssm.parameters.size, 0)
})
