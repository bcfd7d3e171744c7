import assert from "node:assert/strict"
import { existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { test } from "node:test"
import { catchValidationAsync } from "../../../test/helpers/core.ts"
import type { ManifestSite } from "../../manifest.ts"
import { buildSites, prepareSites, viteTypes } from "./build-sites.ts"

function site(overrides: Partial<ManifestSite> = {}): ManifestSite {
  return {
    id: "Web/site",
    type: "ViteStaticSite",
    stack: "dev-notes-Web",
    path: "web",
    // Writes the environment the build saw into the output, as a bundler would inline it.
    buildCommand: 'mkdir -p dist/assets && printf "%s|%s" "$VITE_API_URL" "$VITE_STAGE" > dist/assets/env.js && echo "<html></html>" > dist/index.html',
    buildOutput: "dist",
    buildDir: ".sst/dist/sites/Web/site",
    environment: { VITE_API_URL: { stack: "dev-notes-Web", output: "siteSstSiteEnvVITEAPIURL" }, VITE_STAGE: "dev" },
    replaceValues: [],
    fileOptions: [],
    purgeFiles: true,
    waitForInvalidation: true,
    bucketOutput: "siteSstSiteBucket",
    distributionOutput: "siteSstSiteDistribution",
    typesFile: "src/sst-env.d.ts",
    ...overrides,
  }
}

function appRoot(): string {
  const root = mkdtempSync(join(tmpdir(), "sst-build-site-"))
  mkdirSync(join(root, "web"))
  return root
}

const env = { PATH: process.env.PATH }

test("a site is built with placeholders for values known only after deploy, and copied under .sst/dist/sites", async () => {
  const root = appRoot()
  const events: string[] = []
  await buildSites({ app: "notes", stage: "dev", sites: [site()] }, { root, env, log: (event) => events.push(event.type) })
  assert.equal(readFileSync(join(root, ".sst/dist/sites/Web/site/assets/env.js"), "utf8"), "{{ VITE_API_URL }}|dev")
  assert.ok(existsSync(join(root, ".sst/dist/sites/Web/site/index.html")))
  assert.deepEqual(events, ["site-building", "site-built"])
})

test("a Vite site gets src/sst-env.d.ts typing import.meta.env, rewritten only when it changes", async () => {
  const root = appRoot()
  await buildSites({ app: "notes", stage: "dev", sites: [site()] }, { root, env })
  const file = join(root, "web/src/sst-env.d.ts")
  assert.equal(
    readFileSync(file, "utf8"),
    [
      '/// <reference types="vite/client" />',
      "",
      "interface ImportMetaEnv {",
      "  readonly VITE_API_URL: string",
      "  readonly VITE_STAGE: string",
      "}",
      "",
      "interface ImportMeta {",
      "  readonly env: ImportMetaEnv",
      "}",
      "",
    ].join("\n"),
  )
  const written = statSync(file).mtimeMs
  await new Promise((resolve) => setTimeout(resolve, 20))
  await buildSites({ app: "notes", stage: "dev", sites: [site()] }, { root, env })
  assert.equal(statSync(file).mtimeMs, written)
  assert.equal(viteTypes([]), '/// <reference types="vite/client" />\n\ninterface ImportMetaEnv {\n}\n\ninterface ImportMeta {\n  readonly env: ImportMetaEnv\n}\n')
})

test("a site without a build command is uploaded from its folder as it is", async () => {
  const root = appRoot()
  writeFileSync(join(root, "web/index.html"), "<html></html>")
  await buildSites({ app: "notes", stage: "dev", sites: [site({ buildCommand: undefined, buildOutput: ".", typesFile: undefined })] }, { root, env })
  assert.equal(readFileSync(join(root, ".sst/dist/sites/Web/site/index.html"), "utf8"), "<html></html>")
})

test("a failing build command is a SiteBuildFailed problem with the end of its output", async () => {
  const root = appRoot()
  const error = await catchValidationAsync(() =>
    buildSites({ app: "notes", stage: "dev", sites: [site({ buildCommand: "echo 'vite: not found' >&2; exit 127" })] }, { root, env }),
  )
  assert.equal(error.problems[0].code, "SiteBuildFailed")
  assert.equal(error.problems[0].path, "notes/dev/Web/site")
  assert.equal(error.problems[0].construct, "ViteStaticSite")
  assert.match(error.problems[0].problem, /vite: not found/)
  assert.match(error.problems[0].fix, /npm ci/)
})

test("a build that writes no buildOutput folder is a SiteBuildOutputMissing problem", async () => {
  const root = appRoot()
  const error = await catchValidationAsync(() => buildSites({ app: "notes", stage: "dev", sites: [site({ buildCommand: "true", buildOutput: "build" })] }, { root, env }))
  assert.equal(error.problems[0].code, "SiteBuildOutputMissing")
  assert.match(error.message, /buildOutput is "build", but "true" made no such folder in web/)
})

test("prepareSites with skip builds nothing and leaves the sites' functions out of packaging", async () => {
  const { CoreApp } = await import("../../app.ts")
  const { CoreStack } = await import("../../stack.ts")
  const app = new CoreApp({ name: "notes", stage: "dev", region: "us-east-1", root: appRoot() })
  const stack = new CoreStack(app, "Web")
  app.sites.push(site({ id: "Web/site", buildCommand: "exit 1" }))
  app.assets.push({ id: "Web/site/ServerFunction", kind: "function", source: {}, stack }, { id: "Web/Api/Handler", kind: "function", source: {}, stack })
  await prepareSites(app, { root: app.root, env, skip: true })
  assert.deepEqual(app.assets.map((asset) => asset.id), ["Web/Api/Handler"])
  await assert.rejects(prepareSites(app, { root: app.root, env }), { name: "ValidationError", message: /SiteBuildFailed/ })
})
