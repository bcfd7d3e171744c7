/**
 * Same input, same bytes: examples/notes is built twice with the real CLI, from two temp copies
 * in different absolute folders, under different time zones and locales, and every file of
 * .sst/dist (templates, manifest, and assets under .sst/dist/assets once there are any) must be
 * byte-identical.
 */
import assert from "node:assert/strict"
import { join } from "node:path"
import { after, test } from "node:test"
import { copyApp, EXAMPLES, readTree, removeCopies, runSst } from "./helpers/cli.ts"

after(removeCopies)

const MACHINES = [
  { prefix: "a-", env: { TZ: "UTC", LANG: "C", LC_ALL: "C" } },
  // Another folder depth and name length, a time zone 14 hours ahead, and Turkish casing rules.
  { prefix: "a-much-longer-folder-name-for-the-second-build-", env: { TZ: "Pacific/Kiritimati", LANG: "tr_TR.UTF-8", LC_ALL: "tr_TR.UTF-8" } },
]

for (const example of ["notes"]) {
  test(`examples/${example} builds to the same bytes in other folders, time zones and locales`, async () => {
    const roots = MACHINES.map((machine) => copyApp(join(EXAMPLES, example), machine.prefix))
    const runs = await Promise.all(roots.map((root, i) => runSst(root, ["build", "--stage", "dev"], { env: MACHINES[i].env })))
    runs.forEach((run, i) => assert.equal(run.code, 0, `build in ${roots[i]} failed:\n${run.stderr}`))
    const [first, second] = roots.map((root) => readTree(join(root, ".sst", "dist")))
    assert.ok(first.has("manifest.json"))
    assert.deepEqual([...second.keys()], [...first.keys()], "the two builds wrote different files")
    for (const [name, bytes] of first) {
      assert.ok(bytes.equals(second.get(name) as Buffer), `.sst/dist/${name} differs between the two builds`)
      const text = bytes.toString("latin1")
      for (const root of roots) assert.ok(!text.includes(root), `.sst/dist/${name} holds the absolute path ${root}`)
    }
  })
}
