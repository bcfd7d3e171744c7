import assert from "node:assert/strict"
import { test } from "node:test"
import { runScheduled } from "./schedule.ts"

const tick = () => new Promise((resolve) => setTimeout(resolve, 1))

test("items start after what they depend on, independent ones in parallel up to the limit", async () => {
  const started: string[] = []
  let running = 0
  let most = 0
  const results = await runScheduled(
    [
      { name: "db", after: [] },
      { name: "auth", after: [] },
      { name: "files", after: [] },
      { name: "api", after: ["db", "auth"] },
    ],
    2,
    async (name) => {
      started.push(name)
      most = Math.max(most, ++running)
      await tick()
      running--
      return { ok: true, value: name }
    },
  )
  assert.equal(most, 2)
  assert.ok(started.indexOf("api") > started.indexOf("db") && started.indexOf("api") > started.indexOf("auth"))
  assert.deepEqual(results.map((r) => r.status), ["succeeded", "succeeded", "succeeded", "succeeded"])
})

test("dependants of a failed item are skipped, through other skipped items, and the rest go on", async () => {
  const results = await runScheduled(
    [
      { name: "db", after: [] },
      { name: "api", after: ["db"] },
      { name: "web", after: ["api"] },
      { name: "cron", after: [] },
      { name: "outside", after: ["not-in-this-run"] },
    ],
    4,
    async (name) => ({ ok: name !== "db", value: name }),
  )
  assert.deepEqual(
    results.map((r) => [r.name, r.status, r.status === "skipped" ? r.blockedBy : ""]),
    [["db", "failed", ""], ["api", "skipped", "db"], ["web", "skipped", "db"], ["cron", "succeeded", ""], ["outside", "succeeded", ""]],
  )
})
