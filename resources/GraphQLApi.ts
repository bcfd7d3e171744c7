/**
 * GraphQLApi: an {@link Api} whose `GET` and `POST` on one path go to one GraphQL server function
 * (SST v1's `GraphQLApi`, deprecated in v1.18 in favour of `graphql` routes).
 *
 * Both routes share one Function and one integration: SST v1 did that by hand; here it is the
 * Api's own sharing of routes with the same handler. `ANY /` would do with one route, but it would
 * put an authorizer in front of the browser's CORS preflight (OPTIONS) too.
 * @module
 */
import { z } from "zod"
import { parseProps, type Construct } from "../compiler/index.ts"
import { Api } from "./Api.ts"
import type { Function } from "./Function.ts"
import type { FunctionDefinition } from "./function/props.ts"
import { functionDefinitionSchema } from "./api/parse-entry.ts"
import { ApiPropsSchema, type ApiAuthorizer, type ApiProps } from "./api/props.ts"
import { assertSameShape } from "../compiler/index.ts"

/** Props of {@link GraphQLApi}: those of {@link Api} without `routes`, plus the server. */
export interface GraphQLApiProps extends Omit<ApiProps, "routes"> {
  /**
   * The function that answers GraphQL requests.
   * @example server: "functions/graphql/graphql.handler"
   */
  server: FunctionDefinition
  /** The path the API serves GraphQL on. @default "/" */
  rootPath?: string
  /**
   * A graphql-codegen configuration file. SST v1 ran `graphql-codegen` while building; `sst build`
   * does not run tools, so run it yourself (it warns when this is set).
   */
  codegen?: string
}

const GraphQLApiPropsSchema = ApiPropsSchema.omit({ routes: true }).extend({
  server: z.custom<FunctionDefinition>((value) => value !== undefined && value !== null, { message: "a function definition" }),
  rootPath: z.string().regex(/^\/\S*$/, { message: 'a path starting with "/"' }).optional(),
  codegen: z.string().min(1).optional(),
})
assertSameShape<GraphQLApiProps, z.input<typeof GraphQLApiPropsSchema>>()

/**
 * A GraphQL API.
 * @example
 * new GraphQLApi(stack, "Api", { server: "functions/graphql.handler", defaults: { function: { bind: [table] } } })
 */
export class GraphQLApi<Authorizers extends Record<string, ApiAuthorizer> = Record<string, ApiAuthorizer>> extends Api<Authorizers> {
  constructor(scope: Construct, id: string, props: GraphQLApiProps) {
    super(scope, id, props as ApiProps<Authorizers>)
  }

  /** The server function, shared by `GET` and `POST` on the root path. */
  get serverFunction(): Function {
    const fn = this.getFunction(this.routes[0] ?? "")
    if (!fn) throw new Error(`internal: GraphQLApi "${this.displayPath}" has no server function`)
    return fn
  }

  override getConstructMetadata(): unknown {
    const parent = super.getConstructMetadata() as { type: string; data: Record<string, unknown> }
    return { ...parent, data: { ...parent.data, graphql: true } }
  }

  /** @internal GraphQLApi props become Api props with the two server routes. */
  protected override checkProps(raw: unknown): ApiProps {
    const input = (raw ?? {}) as Record<string, unknown>
    if ("routes" in input) {
      throw this.app.fail({
        code: "UnknownProp",
        path: this.displayPath,
        construct: "GraphQLApi",
        property: "routes",
        problem: "is not a prop of GraphQLApi: one server function answers every GraphQL request.",
        allowed: "server (the function), rootPath, and the props of Api other than routes.",
        fix: 'pass the handler as server, e.g. server: "functions/graphql.handler" (or use an Api with a "graphql" route).',
      })
    }
    if (input.server === undefined) {
      throw this.app.fail({
        code: "MissingProp",
        path: this.displayPath,
        construct: "GraphQLApi",
        property: "server",
        problem: "is required but missing.",
        allowed: 'a handler string ("functions/graphql.handler"), function props or a Function.',
        fix: 'set server, e.g. server: "functions/graphql.handler".',
      })
    }
    const { server, rootPath = "/", codegen, ...rest } = parseProps(GraphQLApiPropsSchema, raw, this)
    parseProps(z.strictObject({ server: functionDefinitionSchema(server) }), { server }, this)
    if (codegen) this.app.warn(`GraphQLApi "${this.displayPath}": codegen is not run by sst build; run npx graphql-codegen -c ${codegen} yourself.`)
    return { ...rest, routes: { [`GET ${rootPath}`]: { function: server }, [`POST ${rootPath}`]: { function: server } } } as ApiProps
  }
}
