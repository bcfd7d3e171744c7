import assert from "node:assert/strict"
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { dirname, join } from "node:path"
import { after, test } from "node:test"
import { ProjectError } from "../errors.ts"
import { findProjectRoot, readProject } from "./config.ts"

const roots: string[] = []
after(() => roots.forEach((root) => rmSync(root, { recursive: true, force: true })))

/** A temp folder holding `files` (path → text). */
function project(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "sst-config-"))
  roots.push(root)
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true })
    writeFileSync(join(root, path), text)
  }
  return root
}

function projectError(fn: () => unknown): ProjectError {
  try {
    fn()
  } catch (error) {
    if (error instanceof ProjectError) return error
    throw error
  }
  throw new Error("expected a ProjectError")
}

const entry = { "stacks/index.ts": "export default function main() {}\n" }

test("sst.json is found in the folder or any folder above it", () => {
  const root = project({ "sst.json": '{"name":"notes"}', ...entry, "web/src/.keep": "" })
  assert.equal(findProjectRoot(join(root, "web", "src")), root)
})

test("no sst.json anywhere up the tree is ConfigNotFound with an example to create", () => {
  const root = project({})
  const error = projectError(() => findProjectRoot(root))
  assert.equal(error.code, "ConfigNotFound")
  assert.equal(error.message, `No sst.json in ${root} or any folder above it. Run sst in your app's folder, or create sst.json: {"name": "my-app", "region": "us-east-1", "main": "stacks/index.ts"}.`)
})

test("a valid sst.json gives the config and the entry relative to the root", () => {
  const root = project({ "sst.json": '{"name":"notes","region":"eu-west-1","main":"./infra/main.ts"}', "infra/main.ts": "" })
  const loaded = readProject(root)
  assert.deepEqual(loaded.config, { name: "notes", region: "eu-west-1", main: "./infra/main.ts" })
  assert.equal(loaded.main, "infra/main.ts")
})

test("without main, stacks/index.ts (then .js, then lib/index.*) is the entry", () => {
  assert.equal(readProject(project({ "sst.json": '{"name":"notes"}', ...entry })).main, "stacks/index.ts")
  assert.equal(readProject(project({ "sst.json": '{"name":"notes"}', "lib/index.js": "" })).main, "lib/index.js")
})

test("malformed JSON is ConfigNotJson naming the file and showing valid syntax", () => {
  const error = projectError(() => readProject(project({ "sst.json": '{"name": "notes",}' })))
  assert.equal(error.code, "ConfigNotJson")
  assert.equal(error.file, "sst.json")
  assert.match(error.message, /^sst\.json is not valid JSON: .+\. Fix the syntax, e\.g\. \{"name": "my-app", "region": "us-east-1"\}\.$/)
})

test("an unknown field is ConfigInvalid listing the allowed fields", () => {
  const error = projectError(() => readProject(project({ "sst.json": '{"name":"notes","regoin":"us-east-1"}', ...entry })))
  assert.equal(error.code, "ConfigInvalid")
  assert.equal(
    error.message,
    'sst.json has a problem:\n  "regoin": not a field of sst.json (allowed: $schema, name, region, main, stage, ssmPrefix, lint, typeCheck, esbuildConfig, express)',
  )
})

test("a missing name is ConfigInvalid saying what the name is", () => {
  const error = projectError(() => readProject(project({ "sst.json": '{"region":"us-east-1"}', ...entry })))
  assert.equal(error.message, 'sst.json has a problem:\n  name: required; the app\'s name, e.g. "notes"')
})

test("a bad name and a bad region are both reported", () => {
  const error = projectError(() => readProject(project({ "sst.json": '{"name":"my_app","region":"useast1"}', ...entry })))
  assert.equal(error.message, "sst.json has problems:\n  name: a letter, then letters, digits or '-'\n  region: an AWS region such as us-east-1")
})

test("a main that does not exist is EntryNotFound naming it", () => {
  const root = project({ "sst.json": '{"name":"notes","main":"stacks/main.ts"}' })
  const error = projectError(() => readProject(root))
  assert.equal(error.code, "EntryNotFound")
  assert.equal(error.file, "stacks/main.ts")
  assert.match(error.message, /^The stacks entry "stacks\/main\.ts" named by "main" in sst\.json does not exist/)
})

test("no main and no default entry is EntryNotFound listing where we looked", () => {
  const error = projectError(() => readProject(project({ "sst.json": '{"name":"notes"}' })))
  assert.equal(error.message, 'sst.json names no "main", and none of stacks/index.ts, stacks/index.js, lib/index.ts, lib/index.js exists. Add "main": "stacks/index.ts" to sst.json and create that file.')
})
