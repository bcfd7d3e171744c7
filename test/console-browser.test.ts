// The console in a real browser (Debian's Chromium driven by playwright-core): it lists the
// app's functions, invokes one with a typed payload, and shows API invocations live.
import assert from "node:assert/strict"
import { existsSync } from "node:fs"
import { join } from "node:path"
import { test } from "node:test"
import { chromium } from "playwright-core"
import { startSession } from "./helpers/start-session.ts"

const CHROMIUM = "/usr/bin/chromium"
const fixture = join(import.meta.dirname, "fixtures", "offline-api")

test("the console lists functions, invokes one, and shows API calls live", async () => {
  assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: install Debian's chromium package (.ci/run does)`)
  const session = startSession(fixture)
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  })
  try {
    const consoleUrl = await session.consoleUrl()
    const apiUrl = await session.apiUrl("Http/Api")
    const page = await browser.newPage()
    await page.goto(consoleUrl)
    await page.getByText("dev-offline-Http").waitFor()
    assert.match((await page.locator("#app").textContent()) ?? "", /offline · stage dev · eu-west-1/)

    await page.getByRole("button", { name: "Http/Notes" }).click()
    await page.getByLabel("Event payload").fill('{"routeKey":"GET /notes/{id}","pathParameters":{"id":"99"}}')
    await page.getByRole("button", { name: "Invoke" }).click()
    const first = page.locator(".invocation").first()
    await first.getByText("OK").waitFor()
    assert.match((await first.textContent()) ?? "", /\\"id\\":\\"99\\"/)

    await fetch(`${apiUrl}/notes`, { method: "POST", body: '{"text":"eggs"}', headers: { "content-type": "application/json" } })
    await page.locator(".invocation").nth(1).waitFor()
    assert.match((await page.locator(".invocation").first().textContent()) ?? "", /route POST \/notes/)
    await page.screenshot({ path: join(session.dir, "console.png"), fullPage: true })
  } finally {
    await browser.close()
    await session.stop()
  }
})
