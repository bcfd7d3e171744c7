import assert from "node:assert/strict"
import { mkdtempSync, readFileSync, statSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { test } from "node:test"
import { createZip } from "../../compiler/packager/zip.ts"
import { extractZip, readZip } from "./unzip.ts"

test("a zip written by the packager reads back entry for entry, with its modes", async () => {
  const big = "x".repeat(10_000)
  const { bytes } = await createZip([
    { name: "functions/list.mjs", data: Buffer.from("export const main = () => 1\n") },
    { name: "bootstrap", data: Buffer.from("#!/bin/sh\n"), executable: true },
    { name: "data/big.txt", data: Buffer.from(big) },
  ])
  const entries = readZip(bytes)
  assert.deepEqual(entries.map((e) => e.name).sort(), ["bootstrap", "data/big.txt", "functions/list.mjs"])
  assert.equal(entries.find((e) => e.name === "data/big.txt")?.data.toString(), big)
  const dir = mkdtempSync(join(tmpdir(), "sst-unzip-"))
  extractZip(bytes, dir)
  assert.equal(readFileSync(join(dir, "functions/list.mjs"), "utf8"), "export const main = () => 1\n")
  assert.equal(statSync(join(dir, "bootstrap")).mode & 0o777, 0o755)
})

test("bytes that are not a zip are refused", () => {
  assert.throws(() => readZip(Buffer.from("not a zip at all, just some text padding it out")), /Not a zip file/)
})
