import assert from "node:assert/strict"
import { test } from "node:test"
import type { Manifest } from "../../compiler/manifest.ts"
import { selectStacks } from "./select.ts"
import { commonPrefix } from "./assets.ts"

const stack = (id: string) => ({ id, name: `dev-notes-${id}`, templateFile: "", templateBytes: 0, uploadTemplate: false, resourceCount: 0, dependencies: [], parameters: {}, outputs: [], tags: {}, assets: [], resourcePaths: {} })
const manifest: Manifest = { version: 1, app: "notes", stage: "dev", region: "us-east-1", stacks: [stack("Database"), stack("Api")], assets: [] }

test("stacks are named by short name or full name, and kept in deployment order", () => {
  assert.deepEqual(selectStacks(manifest, ["Api", "dev-notes-Database"]).map((s) => s.name), ["dev-notes-Database", "dev-notes-Api"])
  assert.equal(selectStacks(manifest, []).length, 2)
})

test("an unknown stack name is refused with the names there are", () => {
  assert.throws(() => selectStacks(manifest, ["Web"]), { message: 'The app has no stack "Web" in stage dev.\n  Fix: name one of: Database, Api (or the full name, e.g. dev-notes-Database).' })
})

test("one listing covers every asset key: the folder they share", () => {
  assert.equal(commonPrefix(["assets/ab12.zip", "assets/ab9f.zip", "assets/cd.zip"]), "assets/")
  assert.equal(commonPrefix(["assets/x/1.zip", "assets/x/2.zip"]), "assets/x/")
  assert.equal(commonPrefix(["a.zip", "b.zip"]), "")
})
