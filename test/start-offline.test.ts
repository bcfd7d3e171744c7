// `sst start` offline, end to end in this process: a real build (esbuild, zips), the functions
// on the local runtime, the HTTP API served on a port, the console's API, and a rebuild after
// an edit swapping the code in place.
import assert from "node:assert/strict"
import { readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { test } from "node:test"
import { startSession, waitFor } from "./helpers/start-session.ts"

const fixture = join(import.meta.dirname, "fixtures", "offline-api")


test("sst start serves the app's HTTP API from local functions, shows invocations in the console, and reloads on save", async () => {
  const session = startSession(fixture)
  const { dir, lines } = session
  try {
    const apiUrl = await session.apiUrl("Http/Api")
    const consoleUrl = await session.consoleUrl()
    const apiLine = lines.find((line) => line.includes("Http/Api")) as string
    assert.match(apiLine, /GET \/notes\/\{id\}, POST \/notes/)

    const get = await fetch(`${apiUrl}/notes/42`)
    assert.equal(get.status, 200)
    assert.deepEqual(await get.json(), { id: "42", greeting: "hello", region: "eu-west-1" })

    const post = await fetch(`${apiUrl}/notes`, { method: "POST", body: JSON.stringify({ text: "milk" }), headers: { "content-type": "application/json" } })
    assert.equal(post.status, 201)
    assert.deepEqual(await post.json(), { created: "milk", table: "offline:dev-offline-Data.Notes" }, "a value that exists only in AWS reads as a named placeholder")

    assert.equal((await fetch(`${apiUrl}/elsewhere`)).status, 404)

    const state = (await (await fetch(`${consoleUrl}/api/state`)).json()) as { functions: { id: string }[]; stacks: string[] }
    assert.deepEqual(state.functions.map((fn) => fn.id), ["Http/Notes"])
    assert.deepEqual(state.stacks, ["dev-offline-Data", "dev-offline-Http"])
    const invocations = (await (await fetch(`${consoleUrl}/api/invocations?function=Http/Notes`)).json()) as { logs: string[] }[]
    assert.equal(invocations.length, 2)
    assert.deepEqual(invocations[0].logs, ["route POST /notes"])
    const page = await (await fetch(consoleUrl)).text()
    assert.match(page, /<title>SST Console<\/title>/)
    assert.equal((await fetch(`${consoleUrl}/api/state`, { headers: { origin: "https://evil.example" } })).status, 403)

    const invoked = (await (await fetch(`${consoleUrl}/api/invoke`, { method: "POST", body: JSON.stringify({ functionId: "Http/Notes", event: { routeKey: "GET /notes/{id}", pathParameters: { id: "7" } } }) })).json()) as { ok: boolean; response: { body: string } }
    assert.equal(invoked.ok, true)
    assert.equal(JSON.parse(invoked.response.body).id, "7")

    const handler = join(dir, "functions", "notes.ts")
    writeFileSync(handler, readFileSync(handler, "utf8").replace("greeting: process.env.GREETING", 'greeting: "edited"'))
    await waitFor("the rebuild", () => lines.find((line) => line.startsWith("Rebuilt")))
    assert.equal(((await (await fetch(`${apiUrl}/notes/1`)).json()) as { greeting: string }).greeting, "edited", "the same port serves the new code")
  } finally {
    await session.stop()
  }
})

test("the built CLI's sst start serves the API and stops cleanly on Ctrl-C", async () => {
  const { spawn } = await import("node:child_process")
  const { cpSync, mkdtempSync } = await import("node:fs")
  const { tmpdir } = await import("node:os")
  const dir = mkdtempSync(join(tmpdir(), "sst-start-cli-"))
  cpSync(fixture, dir, { recursive: true })
  const child = spawn(process.execPath, [join(import.meta.dirname, "..", "bin", "sst.mjs"), "start", "--stage", "dev"], { cwd: dir, stdio: ["ignore", "pipe", "pipe"] })
  let output = ""
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()))
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()))
  const exited = new Promise<number | null>((resolve) => child.on("exit", resolve))
  try {
    const apiUrl = await waitFor(`the API line in:\n${output}`, () => /Http\/Api {2}(http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1])
    const response = await fetch(`${apiUrl}/notes/5`)
    assert.deepEqual(await response.json(), { id: "5", greeting: "hello", region: "eu-west-1" })
  } finally {
    child.kill("SIGINT")
  }
  assert.equal(await exited, 0, output)
})
