// Builds the CLI and the constructs module into dist/ with esbuild. They share chunks, so the
// constructs a user's stacks import are the very classes the CLI runs (instanceof holds).
import { build } from "esbuild"
import { copyFileSync, rmSync } from "node:fs"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"

const root = join(dirname(fileURLToPath(import.meta.url)), "..")
rmSync(join(root, "dist"), { recursive: true, force: true })
await build({
  absWorkingDir: root,
  entryPoints: { cli: "cli/index.ts", constructs: "resources/index.ts" },
  outdir: "dist",
  outExtension: { ".js": ".mjs" },
  chunkNames: "chunks/[name]-[hash]",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  packages: "external",
  // Binding names and error messages use class names (SST_Function_functionName_<id>); without
  // this esbuild renames a class that refers to itself in its body to "_Function".
  keepNames: true,
  sourcemap: true,
  logLevel: "warning",
})
// Files the bundle reads at run time, next to it.
copyFileSync(join(root, "live", "console", "console-page.html"), join(root, "dist", "console-page.html"))
copyFileSync(join(root, "live", "runtime", "node-bootstrap.mjs"), join(root, "dist", "node-bootstrap.mjs"))
copyFileSync(join(root, "live", "runtime", "python-bootstrap.py"), join(root, "dist", "python-bootstrap.py"))
