/**
 * The entry file `sst build` writes beside a server-rendered site's build (the manifest site's
 * `serverWrapper`), from the templates in `lambda/` beside this file, which run inside Lambda:
 *
 * - `nextjs-server.mjs` wraps OpenNext's handler. Next.js inlines `NEXT_PUBLIC_*` values into the
 *   server bundle too, and the build saw `{{ KEY }}` for values known only after deploy; the
 *   function's environment holds the real values (CloudFormation resolves them), so text
 *   responses get the placeholders listed in `SST_SITE_PLACEHOLDERS` replaced on the way out.
 * - `remix-server.mjs`: a handler for function URL events (payload 2.0) around Remix's
 *   `createRequestHandler`; the packager bundles it with the server build and `@remix-run/node`.
 * - `remix-edge-server.mjs`: the same for Lambda@Edge origin-request events.
 *
 * The templates import `"__SERVER_BUILD__"`, replaced by the framework's server module.
 * @module
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import type { ManifestSite } from "../../manifest.ts"

type Wrapper = NonNullable<ManifestSite["serverWrapper"]>

const TEMPLATES: Record<Wrapper["kind"], string> = {
  nextjs: "nextjs-server.mjs",
  remix: "remix-server.mjs",
  "remix-edge": "remix-edge-server.mjs",
}
const LAMBDA_FOLDER = join("compiler", "packager", "sites", "lambda")

export function serverWrapperSource(wrapper: Wrapper): string {
  const template = readFileSync(join(packageRoot(), LAMBDA_FOLDER, TEMPLATES[wrapper.kind]), "utf8")
  return template.replace('"__SERVER_BUILD__"', JSON.stringify(wrapper.serverBuild))
}

/** Writes the entry (only when its content changes). */
export function writeServerWrapper(file: string, wrapper: Wrapper): void {
  const source = serverWrapperSource(wrapper)
  if (existsSync(file) && readFileSync(file, "utf8") === source) return
  mkdirSync(dirname(file), { recursive: true })
  writeFileSync(file, source)
}

/** The sst package's root, found from this module (run from source, or bundled into dist/). */
function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url))
  for (;;) {
    if (existsSync(join(dir, LAMBDA_FOLDER))) return dir
    const parent = dirname(dir)
    if (parent === dir) throw new Error(`internal: ${LAMBDA_FOLDER} was not found above ${fileURLToPath(import.meta.url)}`)
    dir = parent
  }
}
