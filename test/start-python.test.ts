// `sst start` offline with a Python function, end to end in this process: the zip `sst deploy`
// would upload (srcPath as is), extracted and run by python3 behind the app's HTTP API, its
// errors and logs reported, and an edit to a .py file served by the same port.
import assert from "node:assert/strict"
import { readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { test } from "node:test"
import { startSession, waitFor } from "./helpers/start-session.ts"

const fixture = join(import.meta.dirname, "fixtures", "offline-python")

test("sst start serves an HTTP API route from a local Python function with srcPath, and reloads it on save", async () => {
  const session = startSession(fixture)
  const { dir, lines } = session
  try {
    const apiUrl = await session.apiUrl("Http/Api")
    const consoleUrl = await session.consoleUrl()

    const get = await fetch(`${apiUrl}/notes/42`)
    assert.equal(get.status, 200)
    assert.equal(get.headers.get("content-type"), "application/json")
    assert.deepEqual(await get.json(), { id: "42", greeting: "hello", region: "eu-west-1" })

    const post = await fetch(`${apiUrl}/notes`, { method: "POST", body: JSON.stringify({ text: "milk" }), headers: { "content-type": "application/json" } })
    assert.equal(post.status, 201)
    const created = (await post.json()) as { created: string; requestId: string }
    assert.equal(created.created, "milk")

    const failed = await fetch(`${apiUrl}/notes/0`)
    assert.equal(failed.status, 500)
    assert.deepEqual(await failed.json(), { message: "Internal Server Error" })
    await waitFor("the failed invocation's line", () => lines.find((line) => /^✗ Http\/Notes \d+ ms: LookupError: no note 0$/.test(line)))

    const invocations = (await (await fetch(`${consoleUrl}/api/invocations?function=Http/Notes`)).json()) as { requestId: string; logs: string[] }[]
    assert.equal(invocations.length, 3)
    assert.deepEqual(invocations[1], { ...invocations[1], requestId: created.requestId, logs: ["route POST /notes"] }, "the context's aws_request_id is the invocation's")

    const handler = join(dir, "services", "notes", "handler.py")
    writeFileSync(handler, readFileSync(handler, "utf8").replace('"greeting": os.environ["GREETING"]', '"greeting": "edited"'))
    await waitFor("the rebuild", () => lines.find((line) => line.startsWith("Rebuilt")))
    assert.equal(((await (await fetch(`${apiUrl}/notes/1`)).json()) as { greeting: string }).greeting, "edited", "the warm Python worker was retired; the same port serves the new code")
  } finally {
    await session.stop()
  }
})
