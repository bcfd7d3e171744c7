import assert from "node:assert/strict"
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { after, test } from "node:test"
import { ProjectError } from "../compiler/index.ts"
import { personalStage, resolveStage, STAGE_FILE } from "./stage.ts"

const roots: string[] = []
after(() => roots.forEach((root) => rmSync(root, { recursive: true, force: true })))

function appRoot(stageFile?: string): string {
  const root = mkdtempSync(join(tmpdir(), "sst-stage-"))
  roots.push(root)
  if (stageFile !== undefined) {
    mkdirSync(join(root, ".sst"))
    writeFileSync(join(root, STAGE_FILE), `${stageFile}\n`)
  }
  return root
}

function sources(root: string, extra: { flag?: string; env?: string; config?: string } = {}) {
  const warnings: string[] = []
  return { warnings, sources: { ...extra, root, interactive: false, warn: (m: string) => warnings.push(m) } }
}

test("--stage wins over SST_STAGE, sst.json's stage and .sst/stage", async () => {
  const { sources: s } = sources(appRoot("fromfile"), { flag: "flag", env: "env", config: "config" })
  assert.equal(await resolveStage(s), "flag")
})

test("SST_STAGE wins over sst.json's stage and .sst/stage", async () => {
  const { sources: s } = sources(appRoot("fromfile"), { env: "env", config: "config" })
  assert.equal(await resolveStage(s), "env")
})

test("sst.json's stage is read next, with a deprecation warning", async () => {
  const { sources: s, warnings } = sources(appRoot("fromfile"), { config: "config" })
  assert.equal(await resolveStage(s), "config")
  assert.deepEqual(warnings, ['The "stage" field in sst.json is deprecated; pass --stage or set SST_STAGE instead.'])
})

test(".sst/stage is read next", async () => {
  const { sources: s } = sources(appRoot("fromfile"))
  assert.equal(await resolveStage(s), "fromfile")
})

test("without any, the stage comes from the user name, without asking, and is saved to .sst/stage", async () => {
  const root = appRoot()
  const { sources: s } = sources(root)
  const stage = await resolveStage(s)
  assert.equal(stage, personalStage())
  assert.equal(readFileSync(join(root, STAGE_FILE), "utf8"), `${stage}\n`)
})

test("a personal stage is a valid stage name", () => {
  assert.match(personalStage(), /^[a-zA-Z][a-zA-Z0-9-]*$/)
})

test("an invalid stage is a ProjectError naming where it came from", async () => {
  const { sources: s } = sources(appRoot(), { env: "my_stage" })
  await assert.rejects(resolveStage(s), (error: unknown) => {
    assert.ok(error instanceof ProjectError)
    assert.equal(error.code, "InvalidStage")
    assert.equal(error.message, `The stage "my_stage" from SST_STAGE is not valid: use a letter, then letters, digits or '-' (e.g. "dev", "pr-12").`)
    return true
  })
})
