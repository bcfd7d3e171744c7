import assert from "node:assert/strict"
import { readFileSync, rmSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { test } from "node:test"
import { ValidationError } from "../compiler/index.ts"
import { Function } from "../resources/Function.ts"
import { buildFunctions, writeApp } from "./fixtures/functions/build-functions.ts"
import { validateTemplate } from "./helpers/validate-template.ts"

/** A package as npm leaves it in node_modules, so the test needs no network. */
const NPM_PACKAGE = {
  "node_modules/shout-case/package.json": JSON.stringify({ name: "shout-case", version: "1.2.3", main: "index.js" }),
  "node_modules/shout-case/index.js": "exports.shout = (s) => s.toUpperCase() + '!!SHOUT-CASE-MARKER'\n",
}

const APP = {
  "package.json": JSON.stringify({ name: "fixture", private: true, dependencies: { "shout-case": "1.2.3" } }),
  ...NPM_PACKAGE,
  "services/lib/greeting.ts": "export const greeting = (name: string): string => `hello ${name}`\n",
  "services/functions/list.ts": [
    'import { shout } from "shout-case"',
    'import { greeting } from "../lib/greeting"',
    "export async function main() { return { statusCode: 200, body: shout(greeting('notes')) } }",
    "export const other = 1",
  ].join("\n"),
}

test("A TypeScript function with an npm dependency is bundled as ESM into a zip named by its hash", async () => {
  const root = writeApp(APP)
  const built = await buildFunctions(root, (stack) => new Function(stack, "List", { handler: "functions/list.main", srcPath: "services" }))
  const asset = built.asset("List")
  assert.match(asset.s3Key as string, /^assets\/[0-9a-f]{64}\.zip$/)
  assert.equal(asset.file, `.sst/dist/assets/${(asset.s3Key as string).slice("assets/".length)}`)
  assert.deepEqual(built.template.Resources.List.Properties.Code.S3Key, asset.s3Key)
  assert.equal(built.template.Resources.List.Properties.Handler, "functions/list.main")
  assert.deepEqual(built.zip("List").map((e) => e.name), ["functions/list.js", "package.json"])
  const code = built.entry("List", "functions/list.js")
  assert.match(code, /SHOUT-CASE-MARKER/, "the npm package is bundled")
  assert.match(code, /hello /, "the shared module is bundled")
  assert.match(code, /^import \{ createRequire as __sstCreateRequire \} from "node:module"/)
  assert.deepEqual(JSON.parse(built.entry("List", "package.json")), { type: "module" })
  for (const entry of built.zip("List")) {
    assert.equal(entry.mode, 0o100644)
    assert.equal(entry.dosDate, (0 << 9) | (1 << 5) | 1, "1980-01-01")
    assert.equal(entry.dosTime, 0)
  }
  assert.deepEqual(validateTemplate(built.template), [])
})

test("CJS output gets package.json type commonjs and no createRequire banner; sourcemap adds the map and NODE_OPTIONS", async () => {
  const root = writeApp(APP)
  const built = await buildFunctions(root, (stack) => new Function(stack, "List", { handler: "functions/list.main", srcPath: "services", bundle: { format: "cjs", sourcemap: true, minify: false } }))
  assert.deepEqual(JSON.parse(built.entry("List", "package.json")), { type: "commonjs" })
  const code = built.entry("List", "functions/list.js")
  assert.doesNotMatch(code, /createRequire/)
  assert.match(code, /module\.exports = __toCommonJS/)
  assert.ok(built.zip("List").some((e) => e.name === "functions/list.js.map"))
  assert.equal(built.template.Resources.List.Properties.Environment.Variables.NODE_OPTIONS, "--enable-source-maps")
})

test("nodeModules stay out of the bundle and are installed into the zip at the app's version", async () => {
  const root = writeApp({
    "package.json": JSON.stringify({ name: "fixture", private: true, dependencies: { "tiny-dep": "file:./vendor/tiny-dep" } }),
    "vendor/tiny-dep/package.json": JSON.stringify({ name: "tiny-dep", version: "0.0.1", main: "index.js" }),
    "vendor/tiny-dep/index.js": "exports.value = 'TINY-DEP-INSTALLED'\n",
    "node_modules/tiny-dep/package.json": JSON.stringify({ name: "tiny-dep", version: "0.0.1", main: "index.js" }),
    "node_modules/tiny-dep/index.js": "exports.value = 'TINY-DEP-INSTALLED'\n",
    "functions/use.ts": 'import { value } from "tiny-dep"\nexport const handler = async () => value\n',
  })
  const built = await buildFunctions(root, (stack) => new Function(stack, "Use", { handler: "functions/use.handler", bundle: { nodeModules: ["tiny-dep"] } }))
  const names = built.zip("Use").map((e) => e.name)
  assert.ok(names.includes("node_modules/tiny-dep/index.js"), names.join(", "))
  assert.ok(!names.some((n) => n.includes(".package-lock.json")))
  assert.doesNotMatch(built.entry("Use", "functions/use.js"), /TINY-DEP-INSTALLED/)
  assert.match(built.entry("Use", "functions/use.js"), /"tiny-dep"/)
  assert.equal(JSON.parse(built.entry("Use", "package.json")).type, "module")
})

test("copyFiles puts files and folders into the zip, relative to the app root", async () => {
  const root = writeApp({ ...APP, "templates/email.html": "<p>hi</p>", "assets/fonts/a.txt": "A", "assets/fonts/b.txt": "B" })
  const built = await buildFunctions(root, (stack) =>
    new Function(stack, "List", { handler: "functions/list.main", srcPath: "services", bundle: { copyFiles: [{ from: "templates/email.html" }, { from: "assets/fonts", to: "fonts" }] } }),
  )
  assert.deepEqual(built.zip("List").map((e) => e.name), ["fonts/a.txt", "fonts/b.txt", "functions/list.js", "package.json", "templates/email.html"])
})

test("Two builds of the same code give the same bytes; a second build with no change does no bundling work", async () => {
  const root = writeApp(APP)
  const build = () => buildFunctions(root, (stack) => {
    new Function(stack, "List", { handler: "functions/list.main", srcPath: "services" })
    new Function(stack, "Other", { handler: "functions/list.main", srcPath: "services", bundle: { minify: false } })
  })
  const first = await build()
  const bytes = readFileSync(join(root, first.asset("List").file as string))
  const warm = await build()
  assert.deepEqual(warm.events.map((e) => e.type), ["asset-cached", "asset-cached"])
  rmSync(join(root, ".sst"), { recursive: true })
  const cold = await build()
  assert.ok(cold.events.some((e) => e.type === "node-group"))
  assert.deepEqual(readFileSync(join(root, cold.asset("List").file as string)), bytes)
  assert.equal(cold.asset("List").s3Key, first.asset("List").s3Key)
  writeFileSync(join(root, "services/lib/greeting.ts"), "export const greeting = (name: string): string => `bye ${name}`\n")
  const changed = await build()
  assert.deepEqual(changed.events.filter((e) => e.type === "asset-built").length, 2)
  assert.notEqual(changed.asset("List").s3Key, first.asset("List").s3Key)
})

test("A handler typo names the handler, the files tried and the construct path, and suggests the file", async () => {
  const root = writeApp(APP)
  const error = await buildFunctions(root, (stack) => new Function(stack, "List", { handler: "functions/lsit.main", srcPath: "services" })).catch((e: unknown) => e)
  assert.ok(error instanceof ValidationError)
  assert.equal(
    error.message,
    [
      'Function "notes/test/Main/List": handler is "functions/lsit.main", but no file functions/lsit.{ts,tsx,mts,cts,js,jsx,mjs,cjs} exists in srcPath "services".  [HandlerNotFound]',
      "  Allowed: a file relative to srcPath; tried services/functions/lsit.ts, services/functions/lsit.tsx, services/functions/lsit.mts, services/functions/lsit.cts, services/functions/lsit.js, services/functions/lsit.jsx, services/functions/lsit.mjs, services/functions/lsit.cjs.",
      '  Fix: did you mean "functions/list.main"?',
    ].join("\n"),
  )
})

test("A missing export is a build error that lists the exports of the file", async () => {
  const root = writeApp(APP)
  const error = await buildFunctions(root, (stack) => new Function(stack, "List", { handler: "functions/list.mian", srcPath: "services" })).catch((e: unknown) => e)
  assert.ok(error instanceof ValidationError)
  assert.equal(error.problems[0].code, "HandlerExportNotFound")
  assert.equal(error.problems[0].allowed, "the exports of services/functions/list.ts: main, other.")
  assert.equal(error.problems[0].fix, 'did you mean "functions/list.main"?')
})

test("esbuild's errors show the file, line and column", async () => {
  const root = writeApp({ "functions/bad.ts": "export const main = async () => {\n  return 1 +\n}\n" })
  const error = await buildFunctions(root, (stack) => new Function(stack, "Bad", { handler: "functions/bad.main" })).catch((e: unknown) => e)
  assert.ok(error instanceof ValidationError)
  assert.equal(error.problems[0].code, "BundleFailed")
  assert.match(error.problems[0].problem, /^could not be bundled: functions\/bad\.ts:3:1: Unexpected "\}"/)
})

test("A handler outside the app root (code shipped with sst, in a lambda/ folder) builds from an absolute srcPath", async () => {
  const shipped = writeApp({ "lambda/replace.ts": "export const handler = async () => 'SHIPPED-HANDLER'\n" })
  const root = writeApp({})
  const built = await buildFunctions(root, (stack) => new Function(stack, "Replacer", { handler: "lambda/replace.handler", srcPath: shipped }))
  assert.deepEqual(built.zip("Replacer").map((e) => e.name), ["lambda/replace.js", "package.json"])
  assert.match(built.entry("Replacer", "lambda/replace.js"), /SHIPPED-HANDLER/)
  assert.equal(built.template.Resources.Replacer.Properties.Handler, "lambda/replace.handler")
})
