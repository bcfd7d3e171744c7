/**
 * Every example app under examples/ (a folder with sst.json) is built for stage "dev" with the
 * real CLI, and every template and the manifest is compared byte for byte with
 * snapshots/<example>/<file>. `npm run snapshots:update` (UPDATE_SNAPSHOTS=1) rewrites them.
 */
import assert from "node:assert/strict"
import { readdirSync, rmSync } from "node:fs"
import { join } from "node:path"
import { describe, test } from "node:test"
import { EXAMPLES, listApps, readTree, REPO_ROOT, runSst } from "./helpers/cli.ts"
import { matchFile, UPDATING } from "./helpers/snapshot.ts"

const SNAPSHOTS = join(REPO_ROOT, "snapshots")
const examples = listApps(EXAMPLES)

/** The files of a build that are snapshotted: templates and the manifest (assets are binary, named by hash). */
function snapshotFiles(distDir: string): Map<string, Buffer> {
  return new Map([...readTree(distDir)].filter(([name]) => !name.includes("/") && name.endsWith(".json")))
}

test("there is at least one example to snapshot", () => {
  assert.ok(examples.includes("notes"), `examples found: ${examples.join(", ")}`)
})

describe("example snapshots", { concurrency: true }, () => {
  for (const example of examples) {
    test(`${example}: templates and manifest match snapshots/${example}/`, async () => {
      const root = join(EXAMPLES, example)
      rmSync(join(root, ".sst", "dist"), { recursive: true, force: true })
      const run = await runSst(root, ["build", "--stage", "dev"])
      assert.equal(run.code, 0, `sst build failed in examples/${example}:\n${run.stderr}`)
      const built = snapshotFiles(join(root, ".sst", "dist"))
      assert.ok(built.has("manifest.json"))
      const dir = join(SNAPSHOTS, example)
      if (UPDATING) rmSync(dir, { recursive: true, force: true })
      for (const [name, bytes] of built) matchFile(join(dir, name), bytes.toString("utf8"))
      if (!UPDATING) {
        const stale = readdirSync(dir).filter((name) => !built.has(name))
        assert.deepEqual(stale, [], `snapshots/${example}/ holds files this build no longer makes: run npm run snapshots:update`)
      }
    })
  }
})
