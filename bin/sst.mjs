#!/usr/bin/env node
// The sst command. dist/ is built by `npm install` (the prepare script) or `npm run build`.
import { existsSync } from "node:fs"

const cli = new URL("../dist/cli.mjs", import.meta.url)
if (!existsSync(cli)) {
  process.stderr.write("sst is not built yet: run `npm install` (or `npm run build`) in the sst checkout.\n")
  process.exit(1)
}
await import(cli.href)
