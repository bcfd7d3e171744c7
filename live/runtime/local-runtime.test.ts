import assert from "node:assert/strict"
import { mkdtempSync, writeFileSync, mkdirSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { after, before, test } from "node:test"
import { LocalRuntime, type LocalFunction } from "./local-runtime.ts"

const root = mkdtempSync(join(tmpdir(), "sst-runtime-"))
mkdirSync(join(root, "functions"))
writeFileSync(join(root, "package.json"), JSON.stringify({ type: "module" }))
writeFileSync(
  join(root, "functions", "list.mjs"),
  `let calls = 0
export async function main(event, context) {
  calls++
  console.log("listing for", event.user)
  return { statusCode: 200, body: JSON.stringify({ user: event.user, calls, table: process.env.TABLE, remaining: context.getRemainingTimeInMillis() > 0 }) }
}
export const callback = (event, context, done) => setTimeout(() => done(null, "via callback"), 5)
export async function fails() { throw new TypeError("bad input") }
export async function slow() { await new Promise((r) => setTimeout(r, 5000)) }
export async function exits() { process.exit(3) }
`,
)

const runtime = new LocalRuntime()
const fn = (handler: string, extra: Partial<LocalFunction> = {}): LocalFunction => ({
  id: `Api/${handler}`,
  runtime: "nodejs22.x",
  handler,
  taskRoot: root,
  environment: { TABLE: "notes-table" },
  timeoutSeconds: 10,
  memorySize: 1024,
  functionName: "dev-notes-list",
  ...extra,
})

before(() => runtime.start())
after(() => runtime.stop())

test("a Node handler runs locally with its environment and the Lambda context, and stays warm", async () => {
  runtime.register(fn("functions/list.main"))
  const first = await runtime.invoke("Api/functions/list.main", { user: "ann" })
  assert.equal(first.result.ok, true)
  const body = JSON.parse(JSON.parse((first.result as { body: string }).body).body)
  assert.deepEqual(body, { user: "ann", calls: 1, table: "notes-table", remaining: true })
  assert.deepEqual(first.logs, ["listing for ann"])
  const second = await runtime.invoke("Api/functions/list.main", { user: "bob" })
  assert.equal(JSON.parse(JSON.parse((second.result as { body: string }).body).body).calls, 2, "the second call reuses the warm worker")
})

test("callback-style handlers answer through the callback", async () => {
  runtime.register(fn("functions/list.callback"))
  const record = await runtime.invoke("Api/functions/list.callback", {})
  assert.deepEqual(record.result, { ok: true, body: '"via callback"' })
})

test("a thrown error comes back with its type and message", async () => {
  runtime.register(fn("functions/list.fails"))
  const record = await runtime.invoke("Api/functions/list.fails", {})
  assert.equal(record.result.ok, false)
  assert.equal((record.result as { error: { errorType: string } }).error.errorType, "TypeError")
  assert.equal((record.result as { error: { errorMessage: string } }).error.errorMessage, "bad input")
})

test("an invocation past the function's timeout is stopped, as Lambda stops it", async () => {
  runtime.register(fn("functions/list.slow", { timeoutSeconds: 0.3 }))
  const record = await runtime.invoke("Api/functions/list.slow", {})
  assert.deepEqual(record.result, { ok: false, error: { errorType: "Sandbox.Timedout", errorMessage: "Task timed out after 0.30 seconds" } })
})

test("a missing export is an init error naming the export", async () => {
  runtime.register(fn("functions/list.nothere"))
  const record = await runtime.invoke("Api/functions/list.nothere", {})
  assert.equal(record.result.ok, false)
  assert.match((record.result as { error: { errorMessage: string } }).error.errorMessage, /does not export a function named "nothere"/)
})

test("a process that exits mid-invocation is reported with its exit status", async () => {
  runtime.register(fn("functions/list.exits"))
  const record = await runtime.invoke("Api/functions/list.exits", {})
  assert.deepEqual(record.result, { ok: false, error: { errorType: "Runtime.ExitError", errorMessage: "Runtime exited with error: exit status 3" } })
})
