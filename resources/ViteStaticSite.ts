/**
 * ViteStaticSite: a {@link StaticSite} with Vite's defaults (SST v1, deprecated there in 1.18 but
 * used by real apps): output in `dist`, built with `npm run build` (`yarn build` when the site
 * has a `yarn.lock`), single-page error handling, and `src/sst-env.d.ts` typing
 * `import.meta.env` for the environment's keys (written by `sst build`).
 * @module
 */
import { existsSync } from "node:fs"
import { join } from "node:path"
import { z } from "zod"
import { assertSameShape, type Construct } from "../compiler/index.ts"
import { staticSitePropsShape, type StaticSiteProps } from "./static-site/props.ts"
import { StaticSite } from "./StaticSite.ts"

/** Props of {@link ViteStaticSite}. */
export interface ViteStaticSiteProps extends StaticSiteProps {
  /** @default "dist" */
  buildOutput?: string
  /** @default "npm run build", or "yarn build" when the site has a yarn.lock */
  buildCommand?: string
  /** The file, relative to `path`, that types `import.meta.env`. @default "src/sst-env.d.ts" */
  typesPath?: string
}

const ViteStaticSitePropsSchema = z.strictObject({ ...staticSitePropsShape, typesPath: z.string().min(1).optional() })
assertSameShape<ViteStaticSiteProps, z.input<typeof ViteStaticSitePropsSchema>>() // the interface stays StaticSite's plus typesPath

/**
 * A Vite app on S3 behind CloudFront.
 * @example
 * new ViteStaticSite(stack, "site", { path: "web", environment: { VITE_API_URL: api.url } })
 */
export class ViteStaticSite extends StaticSite {
  constructor(scope: Construct, id: string, props: ViteStaticSiteProps) {
    // StaticSite checks the props (under this construct's path); typesPath becomes its vite.types.
    const { typesPath, ...rest } = props ?? ({} as ViteStaticSiteProps)
    super(scope, id, {
      ...rest,
      buildOutput: rest.buildOutput ?? "dist",
      buildCommand: rest.buildCommand ?? (typeof rest.path === "string" ? defaultBuildCommand(scope.app.root, rest.path) : undefined),
      errorPage: rest.errorPage ?? "redirect_to_index_page",
      vite: { types: typesPath ?? rest.vite?.types ?? "src/sst-env.d.ts" },
    })
  }
}

/** `yarn build` for a yarn project, `npm run build` otherwise (SST v1's rule). */
export function defaultBuildCommand(root: string, path: string): string {
  return existsSync(join(root, path, "yarn.lock")) ? "yarn build" : "npm run build"
}
