/**
 * Bundles the user's stacks entry (sst.json "main") into one ES module the CLI can import.
 *
 * Imports of `sst/constructs` and of SST v1's `@serverless-stack/resources` are pointed at our
 * constructs module, the very one the CLI runs, so an app needs no node_modules of its own and
 * `instanceof` holds across the boundary. Other packages stay external and resolve from the
 * app's own node_modules.
 * @module
 */
import { createHash } from "node:crypto"
import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import * as esbuild from "esbuild"
import { ProjectError } from "../errors.ts"

/** Module names that mean "our constructs". */
export const CONSTRUCTS_ALIASES = ["sst/constructs", "@serverless-stack/resources"]

export interface BundleStacksOptions {
  /** App root (absolute). */
  root: string
  /** Entry file relative to root. */
  entry: string
  /** Absolute path of the constructs module the bundle must import. */
  constructsModule: string
  /** Folder for the bundle (absolute), e.g. <root>/.sst/build. */
  outDir: string
}

/** Returns the absolute path of the written bundle; its name carries the hash of its content. */
export async function bundleStacks(options: BundleStacksOptions): Promise<string> {
  let result: esbuild.BuildResult<{ write: false; metafile: false }>
  try {
    result = await esbuild.build({
      absWorkingDir: options.root,
      entryPoints: [options.entry],
      bundle: true,
      write: false,
      format: "esm",
      platform: "node",
      target: "node20",
      outfile: join(options.outDir, "stacks.mjs"),
      sourcemap: "inline",
      logLevel: "silent",
      plugins: [aliasConstructs(options.constructsModule)],
      banner: { js: 'import { createRequire as __sstCreateRequire } from "node:module"; const require = __sstCreateRequire(import.meta.url);' },
    })
  } catch (error) {
    throw new ProjectError("StacksBuildFailed", formatEsbuildFailure(error, options.entry), options.entry)
  }
  const code = result.outputFiles[0].contents
  const hash = createHash("sha256").update(code).digest("hex").slice(0, 16)
  mkdirSync(options.outDir, { recursive: true })
  const name = `stacks.${hash}.mjs`
  for (const old of readdirSync(options.outDir)) {
    if (/^stacks\.[0-9a-f]+\.mjs$/.test(old) && old !== name) rmSync(join(options.outDir, old))
  }
  const file = join(options.outDir, name)
  writeFileSync(file, code)
  return file
}

function aliasConstructs(constructsModule: string): esbuild.Plugin {
  return {
    name: "sst-constructs-alias",
    setup(build) {
      build.onResolve({ filter: /^[^./]|^\.[^./]|^\.\.[^/]/ }, (args) => {
        if (CONSTRUCTS_ALIASES.includes(args.path)) return { path: constructsModule, external: true }
        if (args.path.startsWith("node:")) return { path: args.path, external: true }
        // Bare imports (packages) stay external: the app's node_modules provide them at import time.
        return { path: args.path, external: true }
      })
    },
  }
}

/** esbuild's messages as "file:line:column: text", at most five, then a count. */
export function formatEsbuildFailure(error: unknown, entry: string): string {
  const errors = (error as { errors?: esbuild.Message[] }).errors
  if (!errors || errors.length === 0) return `Building the stacks in ${entry} failed: ${(error as Error).message}`
  const lines = errors.slice(0, 5).map((message) => {
    const where = message.location ? `${message.location.file}:${message.location.line}:${message.location.column + 1}: ` : ""
    const source = message.location ? `\n    ${message.location.lineText}\n    ${" ".repeat(message.location.column)}^` : ""
    return `  ${where}${message.text}${source}`
  })
  if (errors.length > 5) lines.push(`  ... and ${errors.length - 5} more errors`)
  return `Building the stacks in ${entry} failed:\n${lines.join("\n")}`
}
