// Runs every *.test.ts of the project on Node's test runner (through tsx). Node 20's runner does
// not expand glob patterns, so the files are listed here: sorted, so runs are comparable.
import { spawnSync } from "node:child_process"
import { readdirSync } from "node:fs"
import { dirname, join, relative } from "node:path"
import { fileURLToPath } from "node:url"

const root = join(dirname(fileURLToPath(import.meta.url)), "..")
const FOLDERS = ["compiler", "resources", "cli", "live", "test"]
const SKIP = new Set(["node_modules", "fixtures", ".sst", "dist"])

function listTests(dir) {
  const files = []
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (SKIP.has(entry.name)) continue
    const path = join(dir, entry.name)
    if (entry.isDirectory()) files.push(...listTests(path))
    else if (entry.name.endsWith(".test.ts")) files.push(relative(root, path))
  }
  return files
}

const only = process.argv.slice(2)
const files = FOLDERS.flatMap((folder) => listTests(join(root, folder)))
  .filter((file) => only.length === 0 || only.some((part) => file.includes(part)))
  .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
if (files.length === 0) {
  process.stderr.write("No test files found.\n")
  process.exit(1)
}
const result = spawnSync(process.execPath, ["--import", "tsx", "--test", "--test-concurrency=2", ...files], { cwd: root, stdio: "inherit" })
process.exit(result.status ?? 1)
