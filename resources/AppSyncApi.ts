/**
 * AppSyncApi: a GraphQL API on AWS AppSync (SST v1's `AppSyncApi`).
 *
 * The constructor reads like a table of contents: the API (or an existing one), its schema, its
 * API key, the data sources, the resolvers and the custom domain. Data sources and resolvers can
 * be added later with {@link AppSyncApi.addDataSources} and {@link AppSyncApi.addResolvers};
 * functions created then get the permissions and bindings attached to the API before.
 * @module
 */
import { CfnResource, Construct, parseProps, type Problem, type Value } from "../compiler/index.ts"
import type { FunctionBinding, SSTConstruct } from "./bindable.ts"
import { Function } from "./Function.ts"
import { toSeconds } from "./function/duration.ts"
import type { Permissions } from "./function/permissions.ts"
import type { FunctionDefinition, FunctionProps } from "./function/props.ts"
import { allowAppSyncToInvoke, modeProperties, type ModeProperties } from "./appsync-api/authorization.ts"
import { createDataSource, targetOf, type DataSourceTarget } from "./appsync-api/data-source.ts"
import { createAppSyncDomain, type AppSyncDomain } from "./appsync-api/domain.ts"
import { parseAt } from "./appsync-api/parse-at.ts"
import {
  AppSyncApiPropsSchema,
  CdkGraphqlPropsSchema,
  classifyDataSource,
  DATA_SOURCE_SCHEMAS,
  DATA_SOURCE_TYPES,
  ImportedApiSchema,
  isImportedApi,
  isResolverProps,
  ResolverPropsSchema,
  type AppSyncApiCdkGraphqlProps,
  type AppSyncApiDataSource,
  type AppSyncApiProps,
  type AppSyncApiResolver,
  type AppSyncApiResolverProps,
  type AppSyncAuthorizationMode,
} from "./appsync-api/props.ts"
import { GRAPHQL_NAME, parseResolverKey, readMappingTemplate, suggestResolverKey, type ResolverKey } from "./appsync-api/resolver.ts"
import { readSchemaFiles } from "./appsync-api/schema-files.ts"
import { closest } from "../compiler/props.ts"

export type * from "./appsync-api/props.ts"

/** The GraphQL API as SST v1 apps read it from `api.cdk.graphqlApi`. */
export interface AppSyncGraphqlApi {
  apiId: string
  arn: string
  graphqlUrl: string
  name: string
  /** The default API key's value, when the API has API key authorization. */
  apiKey?: string
  /** The `AWS::AppSync::GraphQLApi`, when this construct created it. */
  resource?: CfnResource
}

export class AppSyncApi extends Construct implements SSTConstruct {
  readonly cdk: { graphqlApi: AppSyncGraphqlApi; certificate?: string; domainName?: CfnResource }
  private readonly props: AppSyncApiProps
  private readonly schemaResource: CfnResource | undefined
  private readonly domain: AppSyncDomain | undefined
  private readonly dataSources = new Map<string, CfnResource>()
  private readonly functionsByDataSource = new Map<string, Function>()
  private readonly dataSourceByResolver = new Map<string, string>()
  private readonly resolvers = new Map<string, CfnResource>()
  private readonly permissionsForAll: Permissions[] = []
  private readonly bindForAll: SSTConstruct[][] = []

  constructor(scope: Construct, id: string, rawProps: AppSyncApiProps = {}) {
    super(scope, rawProps?.cdk?.id ?? id)
    this.props = parseProps(AppSyncApiPropsSchema, rawProps, this, "AppSyncApi")
    const graphqlApi = this.props.cdk?.graphqlApi
    if (isImportedApi(graphqlApi)) {
      this.cdk = { graphqlApi: this.importApi() }
    } else {
      const apiProps = graphqlApi === undefined ? {} : parseAt(CdkGraphqlPropsSchema, graphqlApi, this, ["cdk", "graphqlApi"], "AppSyncApi")
      this.cdk = { graphqlApi: this.createGraphqlApi(apiProps) }
      this.schemaResource = this.createSchema()
      this.createApiKey(apiProps)
    }
    if (this.props.dataSources) this.addDataSources(this, this.props.dataSources)
    if (this.props.resolvers) this.addResolvers(this, this.props.resolvers)
    if (this.props.customDomain !== undefined) {
      this.domain = createAppSyncDomain(this, this.props.customDomain, this.apiId)
      this.cdk.certificate = this.domain?.certificateArn
      this.cdk.domainName = this.domain?.resource
    }
  }

  /** The GraphQL endpoint, `https://<id>.appsync-api.<region>.amazonaws.com/graphql`. */
  get url(): string {
    return this.cdk.graphqlApi.graphqlUrl
  }

  /** `https://<domain>/graphql`, when `customDomain` is set. */
  get customDomainUrl(): string | undefined {
    return this.domain ? `https://${this.domain.domainName}/graphql` : undefined
  }

  get apiId(): string {
    return this.cdk.graphqlApi.apiId
  }

  get apiArn(): string {
    return this.cdk.graphqlApi.arn
  }

  get apiName(): string {
    return this.cdk.graphqlApi.name
  }

  /**
   * Adds data sources; functions are created in `scope` (another stack may hold them).
   * @example api.addDataSources(stack, { billing: "functions/billing.main" })
   */
  addDataSources(scope: Construct, dataSources: Record<string, AppSyncApiDataSource>): void {
    for (const [key, value] of Object.entries(dataSources)) this.addDataSource(scope, key, value)
  }

  /**
   * Adds resolvers; functions are created in `scope`.
   * @example api.addResolvers(stack, { "Query getNote": "notes" })
   */
  addResolvers(scope: Construct, resolvers: Record<string, AppSyncApiResolver>): void {
    for (const [key, value] of Object.entries(resolvers)) this.addResolver(scope, key, value)
  }

  /** The `AWS::AppSync::DataSource` of a data source key. */
  getDataSource(key: string): CfnResource | undefined {
    return this.dataSources.get(key) ?? this.dataSources.get(this.dataSourceByResolver.get(parseResolverKey(key)?.normalized ?? "") ?? "")
  }

  /** The `AWS::AppSync::Resolver` of "<Type> <field>". */
  getResolver(key: string): CfnResource | undefined {
    const parsed = parseResolverKey(key)
    return parsed ? this.resolvers.get(parsed.normalized) : undefined
  }

  /** The function of a data source key, or of a resolver key ("Query listNotes"). */
  getFunction(key: string): Function | undefined {
    const byDataSource = this.functionsByDataSource.get(key)
    if (byDataSource) return byDataSource
    const parsed = parseResolverKey(key)
    const dataSource = parsed ? this.dataSourceByResolver.get(parsed.normalized) : undefined
    return dataSource === undefined ? undefined : this.functionsByDataSource.get(dataSource)
  }

  /** Every function of the API's data sources and resolvers. */
  getAllFunctions(): Function[] {
    return [...new Set(this.functionsByDataSource.values())]
  }

  /** Adds permissions to every function of the API, including ones added later. */
  attachPermissions(permissions: Permissions): void {
    this.permissionsForAll.push(permissions)
    for (const fn of this.getAllFunctions()) fn.attachPermissions(permissions)
  }

  /** Adds permissions to the function of one data source key or resolver key. */
  attachPermissionsToDataSource(key: string, permissions: Permissions): void {
    this.requireFunction(key, "attachPermissionsToDataSource")?.attachPermissions(permissions)
  }

  /** Binds constructs to every function of the API, including ones added later. */
  bind(constructs: SSTConstruct[]): void {
    this.bindForAll.push(constructs)
    for (const fn of this.getAllFunctions()) fn.bind(constructs)
  }

  /** Binds constructs to the function of one data source key or resolver key. */
  bindToDataSource(key: string, constructs: SSTConstruct[]): void {
    this.requireFunction(key, "bindToDataSource")?.bind(constructs)
  }

  getConstructMetadata(): unknown {
    return {
      type: "AppSyncApi",
      data: {
        url: this.url,
        appSyncApiId: this.apiId,
        dataSources: [...this.dataSources.keys()].map((key) => ({ name: key, fn: this.functionsByDataSource.get(key)?.functionArn })),
      },
    }
  }

  /** Binding the API gives functions its URL (`SST_AppSyncApi_url_<id>`) and no permissions. */
  getFunctionBinding(): FunctionBinding {
    return { clientPackage: "api", variables: { url: { type: "plain", value: this.customDomainUrl ?? this.url } }, permissions: {} }
  }

  /** As a permission (`permissions: [api]`): query the API. */
  getPermissions(): Record<string, string[]> {
    return { "appsync:GraphQL": [`${this.apiArn}/*`] }
  }

  private importApi(): AppSyncGraphqlApi {
    const imported = parseAt(ImportedApiSchema, this.props.cdk?.graphqlApi, this, ["cdk", "graphqlApi"], "AppSyncApi")
    if (this.props.schema !== undefined) {
      this.report({
        code: "SchemaWithImportedApi",
        property: "schema",
        problem: "is set while cdk.graphqlApi is an existing API, whose schema this app does not own.",
        allowed: "schema for a new API; an existing API keeps its own schema.",
        fix: "remove schema, or remove cdk.graphqlApi to create a new API.",
      })
    }
    const arn = imported.arn ?? `arn:${this.enclosingStack.partition}:appsync:${this.app.region}:${this.enclosingStack.account}:apis/${imported.apiId}`
    return { apiId: imported.apiId, arn, graphqlUrl: imported.graphqlUrl ?? "", name: imported.apiId }
  }

  private createGraphqlApi(apiProps: AppSyncApiCdkGraphqlProps): AppSyncGraphqlApi {
    const name = apiProps.name ?? this.app.logicalPrefixedName(this.id)
    const auth = apiProps.authorizationConfig
    const defaultMode: AppSyncAuthorizationMode = auth?.defaultAuthorization ?? { authorizationType: "API_KEY" }
    const additional = auth?.additionalAuthorizationModes ?? []
    const resource = new CfnResource(this, "Resource", {
      type: "AWS::AppSync::GraphQLApi",
      properties: { Name: name, XrayEnabled: apiProps.xrayEnabled ?? true },
    })
    const arn = resource.getAtt("Arn")
    const modes = [defaultMode, ...additional].map((mode, index) =>
      this.authorizationMode(mode, index === 0, index === 0 ? "cdk.graphqlApi.authorizationConfig.defaultAuthorization" : `cdk.graphqlApi.authorizationConfig.additionalAuthorizationModes[${index - 1}]`, arn, index),
    )
    Object.assign(resource.properties, modes[0])
    if (modes.length > 1) resource.properties.AdditionalAuthenticationProviders = modes.slice(1) as unknown as Value
    if (apiProps.logConfig) resource.properties.LogConfig = this.createLogConfig(apiProps.logConfig) as Value
    return { apiId: resource.getAtt("ApiId"), arn, graphqlUrl: resource.getAtt("GraphQLUrl"), name, resource }
  }

  private authorizationMode(mode: AppSyncAuthorizationMode, isDefault: boolean, property: string, apiArn: string, index: number): ModeProperties {
    let authorizerArn: string | undefined
    const handler = mode.lambdaAuthorizerConfig?.handler
    if (mode.authorizationType === "AWS_LAMBDA" && handler !== undefined) {
      const fn = Function.fromDefinition(this, index === 0 ? "Authorizer" : `Authorizer${index}`, handler, this.props.defaults?.function)
      allowAppSyncToInvoke(this, `${fn.id}Permission`, fn.functionArn, apiArn)
      authorizerArn = fn.functionArn
    }
    return modeProperties(mode, isDefault, { region: this.app.region, authorizerArn, property, report: (problem) => this.report(problem) })
  }

  private createLogConfig(logConfig: NonNullable<AppSyncApiCdkGraphqlProps["logConfig"]>): Record<string, unknown> {
    // AppSync writes the logs with a role of the app's; AWS's managed policy holds exactly those rights.
    const role = new CfnResource(this, "LogsRole", {
      type: "AWS::IAM::Role",
      properties: {
        AssumeRolePolicyDocument: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "appsync.amazonaws.com" }, Action: "sts:AssumeRole" }] },
        ManagedPolicyArns: [`arn:${this.enclosingStack.partition}:iam::aws:policy/service-role/AWSAppSyncPushToCloudWatchLogs`],
      },
    })
    return { CloudWatchLogsRoleArn: role.getAtt("Arn"), FieldLogLevel: logConfig.fieldLogLevel ?? "ERROR", ExcludeVerboseContent: logConfig.excludeVerboseContent }
  }

  private createSchema(): CfnResource | undefined {
    const schema = this.props.schema
    if (schema === undefined) {
      this.report({
        code: "MissingSchema",
        property: "schema",
        problem: "is not set; a new AppSync API needs a GraphQL schema.",
        allowed: 'the path of a .graphql file, or a list of them, relative to the app root.',
        fix: 'set schema, e.g. schema: "services/graphql/schema.graphql".',
      })
      return undefined
    }
    const definition = readSchemaFiles(schema, this.app.root, (problem) => this.report(problem))
    if (definition === undefined) return undefined
    return new CfnResource(this, "Schema", { type: "AWS::AppSync::GraphQLSchema", properties: { ApiId: this.apiId, Definition: definition } })
  }

  private createApiKey(apiProps: AppSyncApiCdkGraphqlProps): void {
    const auth = apiProps.authorizationConfig
    const modes = [auth?.defaultAuthorization ?? { authorizationType: "API_KEY" as const }, ...(auth?.additionalAuthorizationModes ?? [])]
    const mode = modes.find((m) => m.authorizationType === "API_KEY")
    if (!mode) return
    const key = new CfnResource(this, "ApiKey", {
      type: "AWS::AppSync::ApiKey",
      properties: { ApiId: this.apiId, Description: mode.apiKeyConfig?.description, Expires: mode.apiKeyConfig?.expires },
    })
    // As the CDK does: creating a key while the schema is being created can fail.
    if (this.schemaResource) key.addDependency(this.schemaResource)
    this.cdk.graphqlApi.apiKey = key.getAtt("ApiKey")
  }

  private addDataSource(scope: Construct, key: string, value: AppSyncApiDataSource): void {
    const property = `dataSources[${JSON.stringify(key)}]`
    const form = value instanceof Function ? "definition" : classifyDataSource(value)
    if (form === "unknown-type") {
      const type = String((value as { type: unknown }).type)
      this.report({
        code: "UnknownDataSourceType",
        property: `${property}.type`,
        problem: `is ${JSON.stringify(type)}.`,
        allowed: `one of ${DATA_SOURCE_TYPES.map((t) => JSON.stringify(t)).join(", ")}.`,
        fix: closest(type, DATA_SOURCE_TYPES) ? `did you mean "${closest(type, DATA_SOURCE_TYPES)}"?` : "use one of the allowed types.",
      })
      return
    }
    const props = form === "definition" ? { function: value as FunctionDefinition } : parseAt(DATA_SOURCE_SCHEMAS[form], value, this, ["dataSources", key], "AppSyncApi")
    const name = props.name ?? key
    if (!this.checkDataSourceName(key, name, property)) return
    if (this.dataSources.has(key)) {
      this.report({ code: "DuplicateDataSource", property, problem: "is added a second time.", allowed: "each data source key once.", fix: "use another key." })
      return
    }
    const target = this.dataSourceTarget(scope, key, form === "definition" ? "function" : form, props as Record<string, unknown>, property)
    if (!target) return
    this.dataSources.set(key, createDataSource(this, this.apiId, this.app.region, { key, name, description: props.description, target }))
  }

  private dataSourceTarget(scope: Construct, key: string, type: DataSourceTarget["type"], props: Record<string, unknown>, property: string): DataSourceTarget | undefined {
    switch (type) {
      case "function": {
        const fn = this.createFunction(scope, `Lambda_${key}`, props.function as FunctionDefinition)
        this.functionsByDataSource.set(key, fn)
        return { type, fn }
      }
      default: {
        const target = targetOf(type, props)
        if (typeof target !== "string") return target
        this.report({ code: "MissingDataSourceTarget", property: `${property}.${target}`, problem: "is not set.", allowed: `${target === "table" ? "a Table" : "an RDS"}.`, fix: `set it, e.g. ${target}: ${target === "table" ? "notesTable" : "cluster"}.` })
        return undefined
      }
    }
  }

  private checkDataSourceName(key: string, name: string, property: string): boolean {
    if (!/^[A-Za-z][A-Za-z0-9_-]*$/.test(key)) {
      this.report({
        code: "InvalidDataSourceKey",
        property,
        problem: "is not a valid data source key.",
        allowed: "a letter, then letters, digits, '_' or '-'.",
        fix: `rename it, e.g. ${JSON.stringify(key.replace(/[^A-Za-z0-9_-]/g, "_").replace(/^[^A-Za-z]+/, "") || "notes")}.`,
      })
      return false
    }
    if (GRAPHQL_NAME.test(name)) return true
    this.report({
      code: "InvalidDataSourceName",
      property: name === key ? property : `${property}.name`,
      problem: `makes the AppSync data source name ${JSON.stringify(name)}, which AppSync refuses.`,
      allowed: "a letter or '_', then letters, digits and '_' (AppSync data source names).",
      fix: `set name: ${JSON.stringify(name.replace(/[^_0-9A-Za-z]/g, "_"))}.`,
    })
    return false
  }

  private addResolver(scope: Construct, rawKey: string, value: AppSyncApiResolver): void {
    const property = `resolvers[${JSON.stringify(rawKey)}]`
    const key = parseResolverKey(rawKey)
    if (!key) {
      this.report({
        code: "InvalidResolverKey",
        property,
        problem: "is not a valid resolver key.",
        allowed: '"<Type> <field>": a GraphQL type, whitespace, then one of its fields, e.g. "Query listNotes".',
        fix: `write it as ${JSON.stringify(suggestResolverKey(rawKey))}.`,
      })
      return
    }
    if (this.resolvers.has(key.normalized)) {
      this.report({ code: "DuplicateResolver", property, problem: `is a second resolver for ${key.normalized}.`, allowed: "one resolver per type and field.", fix: "remove one of the two." })
      return
    }
    const props: AppSyncApiResolverProps = !(value instanceof Function) && isResolverProps(value) ? parseAt(ResolverPropsSchema, value, this, ["resolvers", rawKey], "AppSyncApi") : this.resolverPropsOf(value, property)
    const dataSourceKey = this.resolverDataSource(scope, key, props, property)
    if (dataSourceKey === undefined) return
    this.dataSourceByResolver.set(key.normalized, dataSourceKey)
    this.createResolver(key, dataSourceKey, props, property)
  }

  /** A string names a data source when one has that key, or looks like no handler; otherwise it is a handler. */
  private resolverPropsOf(value: string | FunctionDefinition, property: string): AppSyncApiResolverProps {
    if (typeof value !== "string" || this.dataSources.has(value)) return typeof value === "string" ? { dataSource: value } : { function: value }
    if (/[./]/.test(value)) return { function: value }
    const known = [...this.dataSources.keys()]
    this.report({
      code: "UnknownDataSource",
      property,
      problem: `names the data source ${JSON.stringify(value)}, which this API does not have.`,
      allowed: known.length > 0 ? `a key of dataSources (${known.map((k) => JSON.stringify(k)).join(", ")}), or a handler such as "functions/notes.main".` : 'a handler such as "functions/notes.main", or a key of dataSources.',
      fix: closest(value, known) ? `did you mean "${closest(value, known)}"?` : `add ${JSON.stringify(value)} to dataSources.`,
    })
    return {}
  }

  /** The data source key of a resolver: the one it names, or a new function data source. */
  private resolverDataSource(scope: Construct, key: ResolverKey, props: AppSyncApiResolverProps, property: string): string | undefined {
    if (props.dataSource !== undefined && props.function !== undefined) {
      this.report({ code: "ResolverDataSourceAndFunction", property, problem: "sets both dataSource and function.", allowed: "one of dataSource and function.", fix: "remove one of the two." })
      return undefined
    }
    if (props.function !== undefined) {
      const dataSourceKey = `LambdaDS_${key.typeName}_${key.fieldName}`
      this.addDataSource(scope, dataSourceKey, { function: props.function })
      return this.dataSources.has(dataSourceKey) ? dataSourceKey : undefined
    }
    if (props.dataSource === undefined) {
      if (isResolverProps(props)) this.report({ code: "MissingResolverDataSource", property, problem: "sets neither dataSource nor function.", allowed: "dataSource (a key of dataSources) or function.", fix: 'add dataSource: "<key>" or function: "functions/x.main".' })
      return undefined
    }
    if (this.dataSources.has(props.dataSource)) return props.dataSource
    const known = [...this.dataSources.keys()]
    const suggestion = closest(props.dataSource, known)
    this.report({
      code: "UnknownDataSource",
      property: `${property}.dataSource`,
      problem: `is ${JSON.stringify(props.dataSource)}, which is no data source of this API.`,
      allowed: `a key of dataSources: ${known.map((k) => JSON.stringify(k)).join(", ") || "(none yet)"}.`,
      fix: suggestion ? `did you mean "${suggestion}"?` : `add ${JSON.stringify(props.dataSource)} to dataSources first.`,
    })
    return undefined
  }

  private createResolver(key: ResolverKey, dataSourceKey: string, props: AppSyncApiResolverProps, property: string): void {
    const dataSource = this.dataSources.get(dataSourceKey) as CfnResource
    const isFunction = this.functionsByDataSource.has(dataSourceKey)
    if (!isFunction && props.requestMapping === undefined) {
      this.report({
        code: "MissingMappingTemplate",
        property: `${property}.requestMapping`,
        problem: `is not set; the data source "${dataSourceKey}" is not a function, so AppSync needs a request mapping template.`,
        allowed: "{ file: \"<path>.vtl\" } or { inline: \"<VTL>\" }.",
        fix: 'add requestMapping (and responseMapping), e.g. requestMapping: { file: "mapping-templates/list-notes.request.vtl" }.',
      })
    }
    const cache = props.cdk?.resolver?.cachingConfig
    const resolver = new CfnResource(this, `Resolver_${key.typeName}_${key.fieldName}`, {
      type: "AWS::AppSync::Resolver",
      properties: {
        ApiId: this.apiId,
        TypeName: key.typeName,
        FieldName: key.fieldName,
        Kind: "UNIT",
        DataSourceName: dataSource.getAtt("Name"),
        RequestMappingTemplate: this.mappingTemplate(props.requestMapping, `${property}.requestMapping`),
        ResponseMappingTemplate: this.mappingTemplate(props.responseMapping, `${property}.responseMapping`),
        MaxBatchSize: props.cdk?.resolver?.maxBatchSize,
        CachingConfig: cache ? { Ttl: toSeconds(cache.ttl), CachingKeys: cache.cachingKeys } : undefined,
      },
    })
    // A resolver needs its type and field in the schema (the CDK adds the same dependency).
    if (this.schemaResource) resolver.addDependency(this.schemaResource)
    this.resolvers.set(key.normalized, resolver)
  }

  private mappingTemplate(template: AppSyncApiResolverProps["requestMapping"], property: string): string | undefined {
    if (template === undefined) return undefined
    try {
      return readMappingTemplate(template, this.app.root)
    } catch {
      this.report({
        code: "MappingTemplateNotFound",
        property: `${property}.file`,
        problem: `is ${JSON.stringify("file" in template ? template.file : "")}, which does not exist.`,
        allowed: "a VTL file relative to the app root (the folder of sst.json), or { inline }.",
        fix: "correct the path, or create the file.",
      })
      return undefined
    }
  }

  private createFunction(scope: Construct, id: string, definition: FunctionDefinition): Function {
    const fn = Function.fromDefinition(scope, id, definition, this.props.defaults?.function as FunctionProps | undefined, `is passed as a Function to the AppSyncApi "${this.displayPath}", whose defaults.function cannot apply to a function that already exists.`)
    for (const permissions of this.permissionsForAll) fn.attachPermissions(permissions)
    for (const constructs of this.bindForAll) fn.bind(constructs)
    return fn
  }

  private requireFunction(key: string, method: string): Function | undefined {
    const fn = this.getFunction(key)
    if (!fn) {
      this.report({
        code: "UnknownDataSource",
        property: `${method}(${JSON.stringify(key)})`,
        problem: "names no function data source or resolver of this API.",
        allowed: `a function data source key or resolver key: ${[...this.functionsByDataSource.keys()].map((k) => JSON.stringify(k)).join(", ") || "(none)"}.`,
        fix: "use one of the keys above.",
      })
    }
    return fn
  }

  private report(problem: Omit<Problem, "path" | "construct">): void {
    this.app.report({ ...problem, path: this.displayPath, construct: "AppSyncApi" } as Problem)
  }
}
