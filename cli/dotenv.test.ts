import assert from "node:assert/strict"
import { mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { after, test } from "node:test"
import { loadDotEnv, parseDotEnv } from "./dotenv.ts"

const roots: string[] = []
after(() => roots.forEach((root) => rmSync(root, { recursive: true, force: true })))

function appWith(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "sst-dotenv-"))
  roots.push(root)
  for (const [name, text] of Object.entries(files)) writeFileSync(join(root, name), text)
  return root
}

test("parseDotEnv reads KEY=value lines, comments, export, and quoted values", () => {
  const text = [
    "# a comment",
    "PLAIN=value",
    "SPACED = padded  ",
    "export EXPORTED=yes",
    'DOUBLE="two\\nlines"',
    "SINGLE='kept \\n as is'",
    "INLINE=value # a comment",
    "HASH=\"a # b\"",
    "EMPTY=",
    "not a line",
  ].join("\n")
  assert.deepEqual(parseDotEnv(text), {
    PLAIN: "value",
    SPACED: "padded",
    EXPORTED: "yes",
    DOUBLE: "two\nlines",
    SINGLE: "kept \\n as is",
    INLINE: "value",
    HASH: "a # b",
    EMPTY: "",
  })
})

test("parseDotEnv accepts Windows line ends", () => {
  assert.deepEqual(parseDotEnv("A=1\r\nB=2\r\n"), { A: "1", B: "2" })
})

test(".env, then .env.<stage>, then .env.<stage>.local; later files win", () => {
  const root = appWith({ ".env": "A=base\nB=base\nC=base", ".env.dev": "B=dev\nC=dev", ".env.dev.local": "C=local", ".env.prod": "A=prod" })
  const env: NodeJS.ProcessEnv = {}
  assert.deepEqual(loadDotEnv(root, "dev", env), [".env", ".env.dev", ".env.dev.local"])
  assert.deepEqual(env, { A: "base", B: "dev", C: "local" })
})

test("variables already set in the environment win over the files", () => {
  const root = appWith({ ".env": "A=file\nB=file" })
  const env: NodeJS.ProcessEnv = { A: "ci" }
  loadDotEnv(root, "dev", env)
  assert.deepEqual(env, { A: "ci", B: "file" })
})

test("no .env files: nothing loaded, nothing changed", () => {
  const env: NodeJS.ProcessEnv = { A: "1" }
  assert.deepEqual(loadDotEnv(appWith({}), "dev", env), [])
  assert.deepEqual(env, { A: "1" })
})
