/**
 * ReactStaticSite: a {@link StaticSite} with Create React App's defaults (SST v1): output in
 * `build`, built with `npm run build` (`yarn build` with a `yarn.lock`), single-page error
 * handling. Create React App only passes variables named `REACT_APP_*` to the code, so other
 * environment keys are an error rather than a value that silently never arrives.
 * @module
 */
import type { Construct } from "../compiler/index.ts"
import type { StaticSiteProps } from "./static-site/props.ts"
import { StaticSite } from "./StaticSite.ts"
import { defaultBuildCommand } from "./ViteStaticSite.ts"

/** Props of {@link ReactStaticSite}. */
export interface ReactStaticSiteProps extends StaticSiteProps {
  /** @default "build" */
  buildOutput?: string
  /** @default "npm run build", or "yarn build" when the site has a yarn.lock */
  buildCommand?: string
  /** Keys must start with `REACT_APP_`. @example environment: { REACT_APP_API_URL: api.url } */
  environment?: Record<string, string>
}

const PREFIX = "REACT_APP_"

/**
 * A Create React App site on S3 behind CloudFront.
 * @example
 * new ReactStaticSite(stack, "site", { path: "frontend", environment: { REACT_APP_API_URL: api.url } })
 */
export class ReactStaticSite extends StaticSite {
  constructor(scope: Construct, id: string, props: ReactStaticSiteProps) {
    const given = props ?? ({} as ReactStaticSiteProps)
    super(scope, id, {
      ...given,
      buildOutput: given.buildOutput ?? "build",
      buildCommand: given.buildCommand ?? (typeof given.path === "string" ? defaultBuildCommand(scope.app.root, given.path) : undefined),
      errorPage: given.errorPage ?? "redirect_to_index_page",
    })
    for (const key of Object.keys(this.props.environment ?? {})) {
      if (key.startsWith(PREFIX)) continue
      this.report({
        code: "InvalidEnvironmentKey",
        property: `environment.${key}`,
        problem: `does not start with "${PREFIX}", so Create React App would not pass it to the site's code.`,
        allowed: `keys that start with "${PREFIX}" (Create React App's rule for variables the build embeds).`,
        fix: `rename it to "${PREFIX}${key}" and read process.env.${PREFIX}${key} in the code.`,
      })
    }
  }
}
