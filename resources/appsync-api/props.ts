/**
 * The props of `AppSyncApi` (SST v1's names), and their zod schemas. Data sources and resolvers
 * come in several forms; the construct sorts each value into its form first (see
 * `classifyDataSource`) and checks it against that form's schema, so an error names the form the
 * user meant instead of "none of the forms matched".
 * @module
 */
import { z } from "zod"
import { assertSameShape } from "../../compiler/index.ts"
import { DurationSchema, type Duration } from "../function/duration.ts"
import type { FunctionDefinition, FunctionProps } from "../function/props.ts"
import { CertificateReferenceSchema, HostedZoneReferenceSchema, type CertificateReference, type HostedZoneReference } from "../custom-domain/index.ts"

/** A VTL mapping template, from a file (relative to the app root) or inline. */
export type MappingTemplate = { file: string } | { inline: string }

interface BaseDataSourceProps {
  /** The data source's name in AppSync. @default the key in `dataSources` */
  name?: string
  description?: string
}

/** A Lambda function data source. */
export interface AppSyncApiLambdaDataSourceProps extends BaseDataSourceProps {
  /** @default "function" */
  type?: "function"
  /** @example function: "functions/notes.main" */
  function: FunctionDefinition
}

/** A table with `tableName` and `tableArn`, such as a `Table` construct. */
export interface AppSyncTableLike {
  tableName: string
  tableArn: string
}

/** A DynamoDB table data source; AppSync gets read and write access to the table. */
export interface AppSyncApiDynamoDbDataSourceProps extends BaseDataSourceProps {
  type: "dynamodb"
  /** @example table: notesTable */
  table?: AppSyncTableLike
  cdk?: { dataSource?: { table: AppSyncTableLike } }
}

/** An Aurora Serverless cluster with the Data API, such as an `RDS` construct. */
export interface AppSyncRdsLike {
  clusterArn: string
  secretArn: string
  defaultDatabaseName?: string
}

/** An Aurora Serverless (Data API) data source. */
export interface AppSyncApiRdsDataSourceProps extends BaseDataSourceProps {
  type: "rds"
  /** @example rds: cluster */
  rds?: AppSyncRdsLike
  /** @default the cluster's default database name */
  databaseName?: string
  cdk?: { dataSource?: { serverlessCluster: { clusterArn: string }; secretStore: { secretArn: string }; databaseName?: string } }
}

/** An HTTP endpoint data source. */
export interface AppSyncApiHttpDataSourceProps extends BaseDataSourceProps {
  type: "http"
  /** @example endpoint: "https://api.example.com" */
  endpoint: string
  /** Requests signed with AWS SigV4 for an AWS service endpoint. */
  cdk?: { dataSource?: { authorizationConfig?: { signingRegion: string; signingServiceName: string } } }
}

/** A data source that calls nothing (local resolvers). */
export interface AppSyncApiNoneDataSourceProps extends BaseDataSourceProps {
  type: "none"
}

export type AppSyncApiDataSource =
  | FunctionDefinition
  | AppSyncApiLambdaDataSourceProps
  | AppSyncApiDynamoDbDataSourceProps
  | AppSyncApiRdsDataSourceProps
  | AppSyncApiHttpDataSourceProps
  | AppSyncApiNoneDataSourceProps

/** A resolver: its data source (by key) or a function, and its mapping templates. */
export interface AppSyncApiResolverProps {
  /** The key of a data source in `dataSources`. */
  dataSource?: string
  /** A function that becomes this resolver's own data source. */
  function?: FunctionDefinition
  /** Required for data sources other than functions. @example requestMapping: { file: "mapping/list.vtl" } */
  requestMapping?: MappingTemplate
  responseMapping?: MappingTemplate
  cdk?: { resolver?: { maxBatchSize?: number; cachingConfig?: { ttl: Duration; cachingKeys?: string[] } } }
}

/** A resolver value: a data source key, a function, or resolver props. */
export type AppSyncApiResolver = string | FunctionDefinition | AppSyncApiResolverProps

export type AppSyncAuthorizationType = "API_KEY" | "AWS_IAM" | "AMAZON_COGNITO_USER_POOLS" | "OPENID_CONNECT" | "AWS_LAMBDA"

/** One way clients authorize, named as the CDK's `AuthorizationMode`. */
export interface AppSyncAuthorizationMode {
  authorizationType: AppSyncAuthorizationType
  /** With API_KEY. `expires` is the expiry in seconds since the epoch. @default AppSync's 7 days */
  apiKeyConfig?: { name?: string; description?: string; expires?: number }
  /** With AMAZON_COGNITO_USER_POOLS: the pool (a `Cognito`'s `cdk.userPool`, or `{ userPoolId }`). */
  userPoolConfig?: { userPool: { userPoolId: string }; appIdClientRegex?: string; defaultAction?: "ALLOW" | "DENY" }
  /** With OPENID_CONNECT. Expiries are in milliseconds. */
  openIdConnectConfig?: { oidcProvider: string; clientId?: string; tokenExpiryFromAuth?: number; tokenExpiryFromIssue?: number }
  /** With AWS_LAMBDA: the function that authorizes each request. */
  lambdaAuthorizerConfig?: { handler: FunctionDefinition; resultsCacheTtl?: Duration; validationRegex?: string }
}

/** Props of the GraphQL API itself, as SST v1 took them from the CDK's `GraphqlApiProps`. */
export interface AppSyncApiCdkGraphqlProps {
  /** @default "<stage>-<app>-<id>" */
  name?: string
  /** @default API key authorization */
  authorizationConfig?: { defaultAuthorization?: AppSyncAuthorizationMode; additionalAuthorizationModes?: AppSyncAuthorizationMode[] }
  /** Field-level logs to CloudWatch. @default no logs */
  logConfig?: { fieldLogLevel?: "NONE" | "ERROR" | "ALL"; excludeVerboseContent?: boolean }
  /** @default true */
  xrayEnabled?: boolean
}

/** An existing AppSync API to add data sources and resolvers to. */
export interface AppSyncApiImported {
  apiId: string
  arn?: string
  graphqlUrl?: string
}

/** A custom domain, as SST v1's `AppSyncApiDomainProps`. */
export interface AppSyncApiDomainProps {
  /** @example domainName: "api.example.com" */
  domainName: string
  /** The Route 53 hosted zone. @default the domain without its first label ("example.com") */
  hostedZone?: string
  /** The domain is not in Route 53: no DNS record is made, and `cdk.certificate` is required. @default false */
  isExternalDomain?: boolean
  /** @default "CNAME" */
  recordType?: "CNAME" | "A_AAAA"
  /** An ACM certificate in us-east-1: `{ certificateArn }`, its ARN, or an `AWS::CertificateManager::Certificate`. */
  cdk?: {
    certificate?: string | CertificateReference
    /** The zone by id; skips the lookup by name. */
    hostedZone?: HostedZoneReference
  }
}

/** Props of {@link AppSyncApi}. */
export interface AppSyncApiProps {
  /**
   * The GraphQL schema file, or several files merged into one schema (relative to the app root).
   * @example schema: "services/graphql/schema.graphql"
   */
  schema?: string | string[]
  /**
   * Data sources by key; a handler string or function props make a function data source.
   * @example dataSources: { notes: "functions/notes.main", table: { type: "dynamodb", table } }
   */
  dataSources?: Record<string, AppSyncApiDataSource>
  /**
   * Resolvers by `"<Type> <field>"`: a data source key, a function, or resolver props.
   * @example resolvers: { "Query listNotes": "notes", "Mutation createNote": "notes" }
   */
  resolvers?: Record<string, AppSyncApiResolver>
  /** A custom domain; `api.customDomainUrl` is then `https://<domain>/graphql`. @example customDomain: "api.example.com" */
  customDomain?: string | AppSyncApiDomainProps
  /** @example defaults: { function: { timeout: 20, bind: [table] } } */
  defaults?: { function?: FunctionProps }
  cdk?: {
    /** Overrides the construct id. */
    id?: string
    /** Props of the API, or an existing API (`{ apiId }`). */
    graphqlApi?: AppSyncApiCdkGraphqlProps | AppSyncApiImported
  }
}

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === "object" && !Array.isArray(value)
const anyValue = <T>(message: string) => z.custom<T>((value) => value !== undefined, { message })
const stringAttr = (attribute: string) => (value: unknown) => isObject(value) && typeof value[attribute] === "string"

export const MappingTemplateSchema = z.union([z.strictObject({ file: z.string().min(1) }), z.strictObject({ inline: z.string() })])
const FunctionDefinitionValue = anyValue<FunctionDefinition>("a handler string, function props or a Function")
const TableLike = z.custom<AppSyncTableLike>((v) => stringAttr("tableName")(v) && stringAttr("tableArn")(v), { message: "a Table (an object with tableName and tableArn)" })
const RdsLike = z.custom<AppSyncRdsLike>((v) => stringAttr("clusterArn")(v) && stringAttr("secretArn")(v), { message: "an RDS (an object with clusterArn and secretArn)" })

export const LambdaDataSourceSchema = z.strictObject({
  type: z.literal("function").optional(),
  name: z.string().optional(),
  description: z.string().optional(),
  function: FunctionDefinitionValue,
})
export const DynamoDbDataSourceSchema = z.strictObject({
  type: z.literal("dynamodb"),
  name: z.string().optional(),
  description: z.string().optional(),
  table: TableLike.optional(),
  cdk: z.strictObject({ dataSource: z.strictObject({ table: TableLike }).optional() }).optional(),
})
export const RdsDataSourceSchema = z.strictObject({
  type: z.literal("rds"),
  name: z.string().optional(),
  description: z.string().optional(),
  rds: RdsLike.optional(),
  databaseName: z.string().optional(),
  cdk: z
    .strictObject({
      dataSource: z
        .strictObject({
          serverlessCluster: z.custom<{ clusterArn: string }>(stringAttr("clusterArn"), { message: "an object with clusterArn" }),
          secretStore: z.custom<{ secretArn: string }>(stringAttr("secretArn"), { message: "an object with secretArn" }),
          databaseName: z.string().optional(),
        })
        .optional(),
    })
    .optional(),
})
export const HttpDataSourceSchema = z.strictObject({
  type: z.literal("http"),
  name: z.string().optional(),
  description: z.string().optional(),
  endpoint: z.string().min(1),
  cdk: z
    .strictObject({
      dataSource: z.strictObject({ authorizationConfig: z.strictObject({ signingRegion: z.string(), signingServiceName: z.string() }).optional() }).optional(),
    })
    .optional(),
})
export const NoneDataSourceSchema = z.strictObject({ type: z.literal("none"), name: z.string().optional(), description: z.string().optional() })

assertSameShape<AppSyncApiLambdaDataSourceProps, z.input<typeof LambdaDataSourceSchema>>()
assertSameShape<AppSyncApiDynamoDbDataSourceProps, z.input<typeof DynamoDbDataSourceSchema>>()
assertSameShape<AppSyncApiRdsDataSourceProps, z.input<typeof RdsDataSourceSchema>>()
assertSameShape<AppSyncApiHttpDataSourceProps, z.input<typeof HttpDataSourceSchema>>()
assertSameShape<AppSyncApiNoneDataSourceProps, z.input<typeof NoneDataSourceSchema>>()

export const ResolverPropsSchema = z.strictObject({
  dataSource: z.string().min(1).optional(),
  function: FunctionDefinitionValue.optional(),
  requestMapping: MappingTemplateSchema.optional(),
  responseMapping: MappingTemplateSchema.optional(),
  cdk: z
    .strictObject({
      resolver: z
        .strictObject({
          maxBatchSize: z.number().int().min(1).max(2000).optional(),
          cachingConfig: z.strictObject({ ttl: DurationSchema, cachingKeys: z.array(z.string()).optional() }).optional(),
        })
        .optional(),
    })
    .optional(),
})
assertSameShape<AppSyncApiResolverProps, z.input<typeof ResolverPropsSchema>>()

const AuthorizationModeSchema = z.strictObject({
  authorizationType: z.enum(["API_KEY", "AWS_IAM", "AMAZON_COGNITO_USER_POOLS", "OPENID_CONNECT", "AWS_LAMBDA"]),
  apiKeyConfig: z.strictObject({ name: z.string().optional(), description: z.string().optional(), expires: z.number().int().positive().optional() }).optional(),
  userPoolConfig: z
    .strictObject({
      userPool: z.custom<{ userPoolId: string }>(stringAttr("userPoolId"), { message: "a user pool (an object with userPoolId, e.g. cognito.cdk.userPool)" }),
      appIdClientRegex: z.string().optional(),
      defaultAction: z.enum(["ALLOW", "DENY"]).optional(),
    })
    .optional(),
  openIdConnectConfig: z
    .strictObject({
      oidcProvider: z.string().min(1),
      clientId: z.string().optional(),
      tokenExpiryFromAuth: z.number().nonnegative().optional(),
      tokenExpiryFromIssue: z.number().nonnegative().optional(),
    })
    .optional(),
  lambdaAuthorizerConfig: z
    .strictObject({ handler: FunctionDefinitionValue, resultsCacheTtl: DurationSchema.optional(), validationRegex: z.string().optional() })
    .optional(),
})
assertSameShape<AppSyncAuthorizationMode, z.input<typeof AuthorizationModeSchema>>()

export const CdkGraphqlPropsSchema = z.strictObject({
  name: z.string().min(1).optional(),
  authorizationConfig: z
    .strictObject({ defaultAuthorization: AuthorizationModeSchema.optional(), additionalAuthorizationModes: z.array(AuthorizationModeSchema).optional() })
    .optional(),
  logConfig: z.strictObject({ fieldLogLevel: z.enum(["NONE", "ERROR", "ALL"]).optional(), excludeVerboseContent: z.boolean().optional() }).optional(),
  xrayEnabled: z.boolean().optional(),
})
assertSameShape<AppSyncApiCdkGraphqlProps, z.input<typeof CdkGraphqlPropsSchema>>()

export const ImportedApiSchema = z.strictObject({ apiId: z.string().min(1), arn: z.string().optional(), graphqlUrl: z.string().optional() })
assertSameShape<AppSyncApiImported, z.input<typeof ImportedApiSchema>>()

export const DomainPropsSchema = z.strictObject({
  domainName: z.string().min(1),
  hostedZone: z.string().min(1).optional(),
  isExternalDomain: z.boolean().optional(),
  recordType: z.enum(["CNAME", "A_AAAA"]).optional(),
  cdk: z.strictObject({ certificate: z.union([z.string().min(1), CertificateReferenceSchema]).optional(), hostedZone: HostedZoneReferenceSchema.optional() }).optional(),
})
assertSameShape<AppSyncApiDomainProps, z.input<typeof DomainPropsSchema>>()

export const AppSyncApiPropsSchema = z.strictObject({
  schema: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).optional(),
  dataSources: z.record(z.string(), anyValue<AppSyncApiDataSource>("a data source")).optional(),
  resolvers: z.record(z.string(), anyValue<AppSyncApiResolver>("a resolver")).optional(),
  customDomain: z.union([z.string().min(1), anyValue<AppSyncApiDomainProps>("custom domain props")]).optional(),
  defaults: z.strictObject({ function: anyValue<FunctionProps>("function props").optional() }).optional(),
  cdk: z
    .strictObject({
      id: z.string().min(1).optional(),
      graphqlApi: anyValue<AppSyncApiCdkGraphqlProps | AppSyncApiImported>("graphql API props or an existing API").optional(),
    })
    .optional(),
})
assertSameShape<AppSyncApiProps, z.input<typeof AppSyncApiPropsSchema>>()

/** Which form a data source value is in; "props" means function props (checked by Function). */
export type DataSourceForm = "definition" | "function" | "dynamodb" | "rds" | "http" | "none" | "unknown-type"

export const DATA_SOURCE_SCHEMAS = {
  function: LambdaDataSourceSchema,
  dynamodb: DynamoDbDataSourceSchema,
  rds: RdsDataSourceSchema,
  http: HttpDataSourceSchema,
  none: NoneDataSourceSchema,
} as const

export const DATA_SOURCE_TYPES = Object.keys(DATA_SOURCE_SCHEMAS) as (keyof typeof DATA_SOURCE_SCHEMAS)[]

/** The form of a data source value, by its `type` (or a `function` key). */
export function classifyDataSource(value: unknown): DataSourceForm {
  if (!isObject(value) || !("type" in value || "function" in value)) return "definition"
  if (!("type" in value) || value.type === undefined) return "function"
  return (DATA_SOURCE_TYPES as unknown[]).includes(value.type) ? (value.type as DataSourceForm) : "unknown-type"
}

const RESOLVER_PROPS_KEYS = ["dataSource", "function", "requestMapping", "responseMapping", "cdk"]

/** Whether a resolver value is resolver props (rather than a data source key or a function definition). */
export function isResolverProps(value: unknown): value is AppSyncApiResolverProps {
  return isObject(value) && RESOLVER_PROPS_KEYS.some((key) => key in value)
}

/** Whether `cdk.graphqlApi` is an existing API rather than props for a new one. */
export function isImportedApi(value: unknown): value is AppSyncApiImported {
  return isObject(value) && "apiId" in value
}
