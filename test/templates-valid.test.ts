// Every committed template of every example is valid against AWS's own resource schemas. The
// snapshot test proves the committed templates are exactly what the examples build to, so
// checking the committed files checks the build.
import assert from "node:assert/strict"
import { readdirSync, readFileSync, existsSync } from "node:fs"
import { join } from "node:path"
import { test } from "node:test"
import { validateTemplate } from "./helpers/validate-template.ts"

const snapshots = join(import.meta.dirname, "..", "snapshots")
const templates = existsSync(snapshots)
  ? readdirSync(snapshots, { recursive: true, encoding: "utf8" })
      .filter((file) => file.endsWith(".template.json"))
      .sort()
  : []

test("there are example templates to check", () => {
  assert.ok(templates.length > 0, "no templates under snapshots/")
})

for (const file of templates) {
  test(`snapshots/${file} is valid against AWS's resource schemas`, () => {
    const template = JSON.parse(readFileSync(join(snapshots, file), "utf8"))
    const problems = validateTemplate(template)
    assert.deepEqual(problems.map((p) => `${p.path}: ${p.message}`), [])
  })
}

// Class names make binding names (SST_<Class>_<prop>_<id>); a bundler renaming a class (esbuild
// writes "_Function" for a class that names itself) would silently break every handler.
for (const file of templates) {
  test(`snapshots/${file} names bindings after the constructs' own class names`, () => {
    const text = readFileSync(join(snapshots, file), "utf8")
    assert.deepEqual(text.match(/SST__\w+|\/sst\/[^"]*\/_[A-Z]\w*\//g) ?? [], [])
  })
}
