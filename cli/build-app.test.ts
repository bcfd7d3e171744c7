import assert from "node:assert/strict"
import { existsSync } from "node:fs"
import { join } from "node:path"
import { after, test } from "node:test"
import { App } from "../resources/App.ts"
import { copyApp, FIXTURES, removeCopies } from "../test/helpers/cli.ts"
import { buildApp } from "./build-app.ts"

const saved = { ...process.env }
after(() => {
  removeCopies()
  for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key]
  Object.assign(process.env, saved)
})

test("buildApp runs the pipeline in process: project, stage, .env, the user's stacks, emit, .sst/dist", async () => {
  const root = copyApp(join(FIXTURES, "v1-app"))
  delete process.env.SST_STAGE
  const warnings: string[] = []
  const build = await buildApp({ cwd: root, stage: "dev", warn: (message) => warnings.push(message) })
  assert.equal(build.stage, "dev")
  assert.equal(build.region, "us-east-1")
  assert.equal(build.project.root, root)
  assert.ok(build.app instanceof App, "the user's stacks got the very App class this process runs")
  assert.deepEqual(build.result.manifest.stacks.map((s) => s.name), ["dev-legacy-Database", "dev-legacy-Api"])
  const outputs = build.result.stacks[1].template.Outputs as Record<string, { Value: unknown }>
  assert.equal(outputs.Greeting.Value, "hello")
  assert.equal(outputs.SstStage.Value, "dev")
  assert.equal(process.env.SST_APP, "legacy")
  assert.deepEqual(warnings, [])
  assert.equal(build.distDir, join(root, ".sst", "dist"))
  assert.ok(existsSync(join(build.distDir, "dev-legacy-Api.template.json")))
})

test("buildApp marks the developer's own stage, the one sst start uses, as personal; a named stage is not", async () => {
  const root = copyApp(join(FIXTURES, "v1-app"))
  delete process.env.SST_STAGE
  const named = await buildApp({ cwd: root, stage: "prod" })
  assert.equal(named.personalStage, false)
  delete process.env.SST_STAGE
  const personal = await buildApp({ cwd: root })
  assert.equal(personal.personalStage, true, "no --stage, SST_STAGE or sst.json stage: .sst/stage or the user name")
  process.env.SST_STAGE = "ci"
  assert.equal((await buildApp({ cwd: root })).personalStage, false)
  delete process.env.SST_STAGE
})
