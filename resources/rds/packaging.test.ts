/**
 * examples/rds built by the real CLI: the migrator and the custom resource provider come from the
 * sst package (`srcRoot: "sst"`), the migrations are bundled into the migrator, and the zips are
 * the same bytes whatever the app's folder, its depth, or where sst sits relative to it.
 */
import assert from "node:assert/strict"
import { cpSync, mkdirSync, mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { after, test } from "node:test"
import { readZip } from "../../test/fixtures/functions/read-zip.ts"
import { EXAMPLES, readManifest, readTree, runSst } from "../../test/helpers/cli.ts"

const dirs: string[] = []
after(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })))

/** A copy of examples/rds at `depth` folders below a new temp folder. */
function copyAt(depth: number): string {
  const base = mkdtempSync(join(tmpdir(), "sst-rds-pack-"))
  dirs.push(base)
  const root = join(base, ...Array.from({ length: depth }, (_, i) => `level${i}`), "app")
  mkdirSync(root, { recursive: true })
  cpSync(join(EXAMPLES, "rds"), root, { recursive: true, filter: (path) => !path.includes(".sst") })
  return root
}

test("examples/rds packages the migrator with its migrations and the provider, the same bytes at any depth", async () => {
  const roots = [copyAt(0), copyAt(3)]
  const runs = await Promise.all(roots.map((root) => runSst(root, ["build", "--stage", "dev"])))
  runs.forEach((run, i) => assert.equal(run.code, 0, `build in ${roots[i]} failed:\n${run.stderr}`))
  const [first, second] = roots.map((root) => readTree(join(root, ".sst", "dist")))
  assert.deepEqual([...second.keys()], [...first.keys()])
  for (const [name, bytes] of first) assert.ok(bytes.equals(second.get(name) as Buffer), `.sst/dist/${name} differs between the two builds`)

  const manifest = readManifest(roots[0])
  const zipOf = (id: string) => {
    const asset = manifest.assets.find((a: { id: string }) => a.id === id)
    assert.ok(asset, `no asset ${id} in ${JSON.stringify(manifest.assets.map((a: { id: string }) => a.id))}`)
    return readZip(first.get(asset.file.replace(/^\.sst\/dist\//, "")) as Buffer)
  }
  const migrator = zipOf("Database/rds/MigrationFunction")
  assert.deepEqual(migrator.map((e) => e.name), ["migrator.js", "package.json", "sst_rds_migration_scripts/first.js"])
  const first_ = migrator.find((e) => e.name === "sst_rds_migration_scripts/first.js")?.data.toString("utf8") ?? ""
  assert.match(first_, /createTable\("comment"\)/)
  assert.match(first_, /export\{/, "an ES module the migrator imports")
  const provider = zipOf("Database/CustomResourceHandler")
  assert.deepEqual(provider.map((e) => e.name), ["package.json", "provider.js"])
  // The AWS SDK is the Lambda runtime's: imported, not bundled.
  assert.match(migrator[0].data.toString("utf8"), /from"@aws-sdk\/client-rds-data"/)
  assert.match(provider[1].data.toString("utf8"), /from"@aws-sdk\/client-lambda"/)
  assert.ok(migrator[0].data.length < 400_000, `migrator.js is ${migrator[0].data.length} bytes: Kysely alone, not the SDK`)
  for (const entry of [...migrator, ...provider]) {
    const text = entry.data.toString("utf8")
    for (const root of roots) assert.ok(!text.includes(root), `${entry.name} holds the path ${root}`)
    assert.ok(!text.includes("/work/") && !text.includes("node_modules"), `${entry.name} holds a path of this machine`)
  }
  const template = JSON.parse(first.get("dev-rds-Database.template.json")?.toString("utf8") ?? "{}")
  assert.equal(template.Resources.rdsMigrationFunction.Properties.Handler, "migrator.handler")
  assert.equal(template.Resources.CustomResourceHandler.Properties.Handler, "provider.handler")
})
