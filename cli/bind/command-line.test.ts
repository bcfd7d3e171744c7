import assert from "node:assert/strict"
import { test } from "node:test"
import { separateBoundCommand } from "./command-line.ts"

test("sst bind without -- gets one before the command, so the command keeps its own flags", () => {
  assert.deepEqual(separateBoundCommand(["bind", "vitest", "run", "--watch"]), ["bind", "--", "vitest", "run", "--watch"])
  assert.deepEqual(separateBoundCommand(["--stage", "dev", "bind", "--profile", "p", "--verbose", "node", "-e", "1", "--stage", "x"]), [
    "--stage", "dev", "bind", "--profile", "p", "--verbose", "--", "node", "-e", "1", "--stage", "x",
  ])
})

test("sst bind -- <command>, commands other than bind, and a bind with no command stay as written", () => {
  assert.deepEqual(separateBoundCommand(["bind", "--stage", "dev", "--", "vitest", "--", "--run"]), ["bind", "--stage", "dev", "--", "vitest", "--", "--run"])
  assert.deepEqual(separateBoundCommand(["secrets", "set", "bind", "x"]), ["secrets", "set", "bind", "x"])
  assert.deepEqual(separateBoundCommand(["bind", "--stage", "dev"]), ["bind", "--stage", "dev"])
  assert.deepEqual(separateBoundCommand([]), [])
})
