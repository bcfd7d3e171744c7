import assert from "node:assert/strict"
import { test } from "node:test"
import { contentTypeOf } from "./content-type.ts"
import { globToRegExp, matchesGlob } from "./glob.ts"
import { applyReplacements, defaultCacheControl, hasContentHash, headersFor, IMMUTABLE, REVALIDATE, REVALIDATE_CACHEABLE } from "./site-files.ts"

test("fingerprinted names are recognised in Vite, Create React App and Next.js outputs", () => {
  for (const name of ["assets/index-BXk9e5Bf.js", "assets/index--kSrwB6j.js", "static/js/main.8f2e3c1a.js", "static/js/787.5a5b8c2a.chunk.js", "static/css/main.073c9b0a.css.map"]) {
    assert.equal(hasContentHash(name), true, name)
  }
  for (const name of ["assets/logo.svg", "assets/my-settings.js", "assets/index-component.js", "sw.js", "favicon.ico"]) assert.equal(hasContentHash(name), false, name)
})

test("default Cache-Control: pages revalidated, hashed assets immutable, the rest revalidated but cacheable", () => {
  assert.equal(defaultCacheControl("index.html"), REVALIDATE)
  assert.equal(defaultCacheControl("docs/guide.htm"), REVALIDATE)
  assert.equal(defaultCacheControl("assets/index-BXk9e5Bf.js"), IMMUTABLE)
  assert.equal(defaultCacheControl("_next/static/chunks/app.js"), IMMUTABLE)
  assert.equal(defaultCacheControl("config-2024abcd.js"), REVALIDATE_CACHEABLE, "a hash-like name outside a bundler's folder is not trusted")
  assert.equal(defaultCacheControl("assets/logo.png"), REVALIDATE_CACHEABLE)
})

test("fileOptions: include picks, exclude leaves out (but not the v1 catch-all), a later rule wins", () => {
  const rules = [
    { include: ["*.js"], exclude: ["*"], cacheControl: "max-age=1" },
    { include: ["assets/*"], exclude: ["*.map"], cacheControl: "max-age=2", contentType: "x/y" },
  ]
  assert.deepEqual(headersFor("a/b.js", rules), { contentType: "text/javascript; charset=utf-8", cacheControl: "max-age=1" })
  assert.deepEqual(headersFor("assets/b.js", rules), { contentType: "x/y", cacheControl: "max-age=2" })
  assert.deepEqual(headersFor("assets/b.js.map", rules), { contentType: "application/json; charset=utf-8", cacheControl: REVALIDATE_CACHEABLE })
})

test("globs: * crosses folders as in aws s3 cp, **/ may match no folder, braces pick words", () => {
  assert.equal(matchesGlob("docs/index.html", "*.html"), true)
  assert.equal(matchesGlob("index.js", "**/*.js"), true)
  assert.equal(matchesGlob("a/b/index.js", "**/*.js"), true)
  assert.equal(matchesGlob("a/index.mjs", "*.{js,mjs}"), true)
  assert.equal(matchesGlob("index.json", "*.{js,mjs}"), false)
  assert.equal(matchesGlob("x", "*/x"), false)
  assert.equal(globToRegExp("a?.txt").source, "^a.\\.txt$")
})

test("replacements apply to the files their glob matches, as literal text", () => {
  const replacements = [{ files: "*.js", search: "{{ API }}", replace: "https://x.$&/" }]
  assert.equal(applyReplacements("a.js", Buffer.from('f("{{ API }}")'), replacements).toString(), 'f("https://x.$&/")')
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47])
  assert.equal(applyReplacements("a.png", png, replacements), png)
})

test("Content-Type comes from the extension, octet-stream when unknown", () => {
  assert.equal(contentTypeOf("a/b.woff2"), "font/woff2")
  assert.equal(contentTypeOf("site.webmanifest"), "application/manifest+json; charset=utf-8")
  assert.equal(contentTypeOf("LICENSE"), "application/octet-stream")
  assert.equal(contentTypeOf(".env"), "application/octet-stream")
})
