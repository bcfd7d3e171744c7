import assert from "node:assert/strict"
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { dirname, join } from "node:path"
import { test } from "node:test"
import { catchValidation, synth, testApp, statementsOf } from "../test/helpers/synth.ts"
import { validateTemplate } from "../test/helpers/validate-template.ts"
import { AppSyncApi } from "./AppSyncApi.ts"
import { Function } from "./Function.ts"
import { Stack } from "./Stack.ts"
import { emit } from "../test/helpers/synth.ts"

/** An app root holding `files` (path → content). */
function project(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "sst-appsync-"))
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, file)), { recursive: true })
    writeFileSync(join(root, file), text)
  }
  return root
}

const SCHEMA = "type Note { id: ID! }\ntype Query { listNotes: [Note] getNote(id: ID!): Note }\ntype Mutation { createNote(id: ID!): Note }\n"
const root = project({
  "graphql/schema.graphql": SCHEMA,
  "graphql/notes.graphql": "type Note { id: ID! title: String }\ntype Query { listNotes: [Note] }\n",
  "graphql/users.graphql": "type User { id: ID! }\nextend type Query { getUser(id: ID!): User }\n",
  "graphql/conflict.graphql": "type Query { listNotes: Int }\n",
  "vtl/get.request.vtl": '{ "version": "2017-02-28", "operation": "GetItem" }\n',
  "vtl/get.response.vtl": "$util.toJson($ctx.result)\n",
})

function build(props: ConstructorParameters<typeof AppSyncApi>[2], id = "Api") {
  let api: AppSyncApi | undefined
  const result = synth((stack) => {
    api = new AppSyncApi(stack, id, props)
  }, testApp({ root }))
  return { ...result, api: api as AppSyncApi }
}

const tableLike = { tableName: "notes-table", tableArn: "arn:aws:dynamodb:us-east-1:123456789012:table/notes-table" }

test("AppSyncApi creates the API with X-Ray, API key authorization, the schema and a key, as SST v1 did", () => {
  const { template, api } = build({ schema: "graphql/schema.graphql" })
  const r = template.Resources
  assert.equal(r.Api.Type, "AWS::AppSync::GraphQLApi")
  assert.deepEqual(r.Api.Properties, { Name: "test-notes-Api", XrayEnabled: true, AuthenticationType: "API_KEY" })
  assert.deepEqual(r.ApiSchema.Properties, { ApiId: { "Fn::GetAtt": ["Api", "ApiId"] }, Definition: SCHEMA })
  assert.deepEqual(r.ApiApiKey, { Type: "AWS::AppSync::ApiKey", Properties: { ApiId: { "Fn::GetAtt": ["Api", "ApiId"] } }, DependsOn: ["ApiSchema"] })
  assert.equal(api.apiName, "test-notes-Api")
  assert.ok(api.cdk.graphqlApi.apiKey)
  assert.deepEqual(validateTemplate(template), [])
})

test("AppSyncApi wires a function data source: a service role allowed to invoke that function only, and direct Lambda resolvers", () => {
  const { template, api } = build({
    schema: "graphql/schema.graphql",
    dataSources: { notes: "functions/notes.main" },
    resolvers: { "Query    listNotes": "notes", "Query getNote": "notes", "Mutation\tcreateNote": "notes" },
  })
  const r = template.Resources
  assert.equal(r.ApiLambdanotes.Type, "AWS::Lambda::Function")
  assert.deepEqual(r.ApiDataSourcenotes.Properties, {
    ApiId: { "Fn::GetAtt": ["Api", "ApiId"] },
    Name: "notes",
    Type: "AWS_LAMBDA",
    ServiceRoleArn: { "Fn::GetAtt": ["ApiDataSourcenotesServiceRole", "Arn"] },
    LambdaConfig: { LambdaFunctionArn: { "Fn::GetAtt": ["ApiLambdanotes", "Arn"] } },
  })
  assert.deepEqual(r.ApiDataSourcenotesServiceRole.Properties.Policies[0].PolicyDocument.Statement, [
    { Effect: "Allow", Action: "lambda:InvokeFunction", Resource: { "Fn::GetAtt": ["ApiLambdanotes", "Arn"] } },
  ])
  assert.deepEqual(r.ApiResolverQuerylistNotes.Properties, {
    ApiId: { "Fn::GetAtt": ["Api", "ApiId"] },
    TypeName: "Query",
    FieldName: "listNotes",
    Kind: "UNIT",
    DataSourceName: { "Fn::GetAtt": ["ApiDataSourcenotes", "Name"] },
  })
  assert.deepEqual(r.ApiResolverQuerylistNotes.DependsOn, ["ApiSchema"])
  assert.ok(r.ApiResolverMutationcreateNote)
  assert.equal(api.getFunction("notes"), api.getFunction("Query  listNotes"))
  assert.ok(api.getResolver("Query getNote"))
  assert.equal(api.getDataSource("notes")?.type, "AWS::AppSync::DataSource")
  assert.deepEqual(validateTemplate(template), [])
})

test("AppSyncApi gives a resolver defined by a function its own data source, with defaults.function applied", () => {
  const { template, api } = build({
    schema: "graphql/schema.graphql",
    defaults: { function: { timeout: 20, environment: { TABLE: "notes" } } },
    resolvers: { "Query listNotes": "functions/list.main", "Query getNote": { function: { handler: "functions/get.main", memorySize: 256 } } },
  })
  const r = template.Resources
  assert.equal(r.ApiLambdaLambdaDSQuerylistNotes.Properties.Timeout, 20)
  assert.equal(r.ApiLambdaLambdaDSQuerygetNote.Properties.MemorySize, 256)
  assert.equal(r.ApiLambdaLambdaDSQuerygetNote.Properties.Environment.Variables.TABLE, "notes")
  assert.equal(r.ApiDataSourceLambdaDSQuerylistNotes.Properties.Name, "LambdaDS_Query_listNotes")
  assert.ok(api.getFunction("Query getNote"))
  assert.deepEqual(validateTemplate(template), [])
})

test("AppSyncApi reads dynamodb, rds, http and none data sources, with mapping templates from files and inline", () => {
  const cluster = { clusterArn: "arn:aws:rds:us-east-1:123456789012:cluster:db", secretArn: "arn:aws:secretsmanager:us-east-1:123456789012:secret:db", defaultDatabaseName: "main" }
  const { template } = build({
    schema: "graphql/schema.graphql",
    dataSources: {
      table: { type: "dynamodb", table: tableLike },
      db: { type: "rds", rds: cluster },
      web: { type: "http", endpoint: "https://example.com", description: "the web" },
      local: { type: "none", name: "Local" },
    },
    resolvers: {
      "Query getNote": { dataSource: "table", requestMapping: { file: "vtl/get.request.vtl" }, responseMapping: { file: "vtl/get.response.vtl" } },
      "Query listNotes": { dataSource: "db", requestMapping: { inline: "{}" }, responseMapping: { inline: "$util.toJson($ctx.result)" } },
      "Mutation createNote": { dataSource: "local", requestMapping: { inline: '{ "version": "2018-05-29", "payload": {} }' } },
    },
  })
  const r = template.Resources
  assert.deepEqual(r.ApiDataSourcetable.Properties.DynamoDBConfig, { TableName: "notes-table", AwsRegion: "us-east-1" })
  const dynamo = r.ApiDataSourcetableServiceRole.Properties.Policies[0].PolicyDocument.Statement[0]
  assert.deepEqual(dynamo.Resource, [tableLike.tableArn, `${tableLike.tableArn}/index/*`])
  assert.ok(dynamo.Action.includes("dynamodb:PutItem") && !dynamo.Action.includes("dynamodb:*"))
  assert.deepEqual(r.ApiDataSourcedb.Properties.RelationalDatabaseConfig, {
    RelationalDatabaseSourceType: "RDS_HTTP_ENDPOINT",
    RdsHttpEndpointConfig: { AwsRegion: "us-east-1", DbClusterIdentifier: cluster.clusterArn, AwsSecretStoreArn: cluster.secretArn, DatabaseName: "main" },
  })
  assert.deepEqual(r.ApiDataSourcedbServiceRole.Properties.Policies[0].PolicyDocument.Statement[1], {
    Effect: "Allow",
    Action: ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"],
    Resource: cluster.secretArn,
  })
  assert.deepEqual(r.ApiDataSourceweb.Properties, { ApiId: { "Fn::GetAtt": ["Api", "ApiId"] }, Name: "web", Description: "the web", Type: "HTTP", HttpConfig: { Endpoint: "https://example.com" } })
  assert.equal(r.ApiDataSourcewebServiceRole, undefined, "an unsigned HTTP data source needs no role")
  assert.deepEqual(r.ApiDataSourcelocal.Properties, { ApiId: { "Fn::GetAtt": ["Api", "ApiId"] }, Name: "Local", Type: "NONE" })
  assert.equal(r.ApiResolverQuerygetNote.Properties.RequestMappingTemplate, '{ "version": "2017-02-28", "operation": "GetItem" }\n')
  assert.equal(r.ApiResolverQuerylistNotes.Properties.ResponseMappingTemplate, "$util.toJson($ctx.result)")
  assert.deepEqual(validateTemplate(template), [])
})

test("AppSyncApi merges several schema files: extensions and repeated types fold into one type", () => {
  const { template } = build({ schema: ["graphql/notes.graphql", "graphql/users.graphql", "graphql/schema.graphql"] })
  assert.equal(
    template.Resources.ApiSchema.Properties.Definition,
    "type Note {\n  id: ID!\n  title: String\n}\n\ntype Query {\n  listNotes: [Note]\n  getUser(id: ID!): User\n  getNote(id: ID!): Note\n}\n\ntype User {\n  id: ID!\n}\n\ntype Mutation {\n  createNote(id: ID!): Note\n}\n",
  )
})

test("AppSyncApi reports a field defined twice differently across schema files", () => {
  const error = catchValidation(() => build({ schema: ["graphql/notes.graphql", "graphql/conflict.graphql"] }))
  assert.equal(error.problems[0].code, "SchemaMergeConflict")
  assert.match(error.message, /graphql\/conflict.graphql:1: Query.listNotes is defined twice differently: "listNotes: \[Note\]" \(graphql\/notes.graphql\) and "listNotes: Int"/)
})

test("AppSyncApi reports a missing schema file and a missing schema", () => {
  const missing = catchValidation(() => build({ schema: "graphql/nope.graphql" }))
  assert.equal(missing.problems[0].code, "SchemaNotFound")
  assert.equal(missing.problems[0].property, "schema")
  const none = catchValidation(() => build({}))
  assert.equal(none.problems[0].code, "MissingSchema")
})

test("AppSyncApi refuses a resolver key that is not '<Type> <field>' and suggests one", () => {
  const error = catchValidation(() => build({ schema: "graphql/schema.graphql", dataSources: { notes: "functions/notes.main" }, resolvers: { "Query.listNotes": "notes" } }))
  assert.equal(error.problems[0].code, "InvalidResolverKey")
  assert.match(error.message, /resolvers\["Query.listNotes"\] is not a valid resolver key/)
  assert.match(error.message, /Fix: write it as "Query listNotes"/)
})

test("AppSyncApi names an unknown data source and suggests the closest key", () => {
  const error = catchValidation(() => build({ schema: "graphql/schema.graphql", dataSources: { notes: "functions/notes.main" }, resolvers: { "Query listNotes": "note" } }))
  assert.equal(error.problems[0].code, "UnknownDataSource")
  assert.match(error.message, /Fix: did you mean "notes"\?/)
  const viaProps = catchValidation(() => build({ schema: "graphql/schema.graphql", dataSources: { notes: "functions/notes.main" }, resolvers: { "Query listNotes": { dataSource: "nots" } } }))
  assert.equal(viaProps.problems[0].property, 'resolvers["Query listNotes"].dataSource')
})

test("AppSyncApi reports misspelt data source props and types by their path", () => {
  const typo = catchValidation(() => build({ schema: "graphql/schema.graphql", dataSources: { web: { type: "http", endpont: "https://x" } as never } }))
  const unknown = typo.problems.find((problem) => problem.code === "UnknownProp")
  assert.equal(unknown?.property, "dataSources.web.endpont")
  assert.match(typo.message, /did you mean "endpoint"\?/)
  const type = catchValidation(() => build({ schema: "graphql/schema.graphql", dataSources: { t: { type: "dynamo", table: tableLike } as never } }))
  assert.equal(type.problems[0].code, "UnknownDataSourceType")
  assert.match(type.message, /did you mean "dynamodb"\?/)
  const prop = catchValidation(() => build({ schema: "graphql/schema.graphql", dataSorces: {} } as never))
  assert.equal(prop.problems[0].code, "UnknownProp")
})

test("AppSyncApi requires a request mapping template for data sources other than functions", () => {
  const error = catchValidation(() => build({ schema: "graphql/schema.graphql", dataSources: { table: { type: "dynamodb", table: tableLike } }, resolvers: { "Query listNotes": "table" } }))
  assert.equal(error.problems[0].code, "MissingMappingTemplate")
  assert.equal(error.problems[0].property, 'resolvers["Query listNotes"].requestMapping')
})

test("AppSyncApi reports a mapping template file that does not exist", () => {
  const error = catchValidation(() =>
    build({ schema: "graphql/schema.graphql", dataSources: { notes: "functions/notes.main" }, resolvers: { "Query listNotes": { dataSource: "notes", requestMapping: { file: "vtl/nope.vtl" } } } }),
  )
  assert.equal(error.problems[0].code, "MappingTemplateNotFound")
})

test("AppSyncApi binds its URL as SST_AppSyncApi_url_<id> and grants appsync:GraphQL on <apiArn>/* as a permission", () => {
  const { template } = synth((stack) => {
    const api = new AppSyncApi(stack, "Graph-QL", { schema: "graphql/schema.graphql" })
    new Function(stack, "Client", { handler: "functions/client.main", bind: [api] })
    new Function(stack, "Caller", { handler: "functions/caller.main", permissions: [api] })
  }, testApp({ root }))
  const r = template.Resources
  assert.deepEqual(r.Client.Properties.Environment.Variables.SST_AppSyncApi_url_Graph_QL, { "Fn::GetAtt": ["GraphQL", "GraphQLUrl"] })
  assert.deepEqual(statementsOf(r, "Caller"), [
    { Effect: "Allow", Action: "appsync:GraphQL", Resource: { "Fn::Join": ["", [{ "Fn::GetAtt": ["GraphQL", "Arn"] }, "/*"]] } },
  ])
  assert.deepEqual(validateTemplate(template), [])
})

test("AppSyncApi attachPermissions and bind reach functions added before and after", () => {
  const { template } = synth((stack) => {
    const api = new AppSyncApi(stack, "Api", { schema: "graphql/schema.graphql", dataSources: { a: "functions/a.main" } })
    api.attachPermissions(["s3"])
    api.addDataSources(stack, { b: "functions/b.main" })
    api.addResolvers(stack, { "Query listNotes": "b" })
  }, testApp({ root }))
  const r = template.Resources
  assert.deepEqual(statementsOf(r, "ApiLambdaa"), [{ Effect: "Allow", Action: "s3:*", Resource: "*" }])
  assert.deepEqual(statementsOf(r, "Lambdab"), [{ Effect: "Allow", Action: "s3:*", Resource: "*" }])
  assert.ok(r.ApiResolverQuerylistNotes)
  assert.deepEqual(validateTemplate(template), [])
})

test("AppSyncApi supports user pool, IAM, OIDC and Lambda authorization modes", () => {
  const { template } = build({
    schema: "graphql/schema.graphql",
    cdk: {
      graphqlApi: {
        authorizationConfig: {
          defaultAuthorization: { authorizationType: "AMAZON_COGNITO_USER_POOLS", userPoolConfig: { userPool: { userPoolId: "us-east-1_abc" } } },
          additionalAuthorizationModes: [
            { authorizationType: "AWS_IAM" },
            { authorizationType: "OPENID_CONNECT", openIdConnectConfig: { oidcProvider: "https://auth.example.com" } },
            { authorizationType: "AWS_LAMBDA", lambdaAuthorizerConfig: { handler: "functions/auth.main", resultsCacheTtl: "5 minutes" } },
          ],
        },
        logConfig: { fieldLogLevel: "ALL" },
      },
    },
  })
  const api = template.Resources.Api.Properties
  assert.deepEqual(api.UserPoolConfig, { UserPoolId: "us-east-1_abc", AwsRegion: "us-east-1", DefaultAction: "ALLOW" })
  assert.equal(api.AuthenticationType, "AMAZON_COGNITO_USER_POOLS")
  assert.deepEqual(api.AdditionalAuthenticationProviders[0], { AuthenticationType: "AWS_IAM" })
  assert.deepEqual(api.AdditionalAuthenticationProviders[1], { AuthenticationType: "OPENID_CONNECT", OpenIDConnectConfig: { Issuer: "https://auth.example.com" } })
  assert.deepEqual(api.AdditionalAuthenticationProviders[2].LambdaAuthorizerConfig, { AuthorizerUri: { "Fn::GetAtt": ["ApiAuthorizer3", "Arn"] }, AuthorizerResultTtlInSeconds: 300 })
  assert.deepEqual(template.Resources.ApiAuthorizer3Permission.Properties, {
    Action: "lambda:InvokeFunction",
    FunctionName: { "Fn::GetAtt": ["ApiAuthorizer3", "Arn"] },
    Principal: "appsync.amazonaws.com",
    SourceArn: { "Fn::GetAtt": ["Api", "Arn"] },
  })
  assert.equal(template.Resources.ApiApiKey, undefined, "no API key without API key authorization")
  assert.deepEqual(api.LogConfig.FieldLogLevel, "ALL")
  assert.deepEqual(validateTemplate(template), [])
})

test("AppSyncApi reports an authorization mode without its config", () => {
  const error = catchValidation(() => build({ schema: "graphql/schema.graphql", cdk: { graphqlApi: { authorizationConfig: { defaultAuthorization: { authorizationType: "AMAZON_COGNITO_USER_POOLS" } } } } }))
  assert.equal(error.problems[0].code, "MissingAuthorizationConfig")
  assert.equal(error.problems[0].property, "cdk.graphqlApi.authorizationConfig.defaultAuthorization.userPoolConfig")
})

test("AppSyncApi adds data sources and resolvers to an existing API", () => {
  const { template, api } = build({ cdk: { graphqlApi: { apiId: "abc123" } }, dataSources: { notes: "functions/notes.main" }, resolvers: { "Query listNotes": "notes" } })
  assert.equal(template.Resources.Api, undefined)
  assert.equal(template.Resources.ApiDataSourcenotes.Properties.ApiId, "abc123")
  assert.equal(api.apiId, "abc123")
  assert.deepEqual(validateTemplate(template), [])
})

test("AppSyncApi in one stack, a function binding it in another: the URL crosses stacks as a parameter", () => {
  const app = testApp({ root })
  const a = new Stack(app, "A")
  const api = new AppSyncApi(a, "Api", { schema: "graphql/schema.graphql" })
  const b = new Stack(app, "B")
  new Function(b, "Client", { handler: "functions/client.main", bind: [api] })
  const { templates } = emit(app)
  assert.deepEqual(validateTemplate(templates.A), [])
  assert.deepEqual(validateTemplate(templates.B), [])
  assert.ok(Object.keys(templates.B.Parameters ?? {}).length > 0)
})

test("AppSyncApi custom domain: certificate validated in the looked-up zone, domain, association and a CNAME; customDomainUrl and binding use it", () => {
  const { template, api } = build({ schema: "graphql/schema.graphql", customDomain: "api.example.com" })
  const r = template.Resources
  assert.equal(r.ApiHostedZone.Type, "Custom::SSTHostedZoneLookup")
  assert.deepEqual(r.ApiCertificate.Properties.DomainValidationOptions, [{ DomainName: "api.example.com", HostedZoneId: { "Fn::GetAtt": ["ApiHostedZone", "HostedZoneId"] } }])
  assert.deepEqual(r.ApiDomainName.Properties, { DomainName: "api.example.com", CertificateArn: { Ref: "ApiCertificate" } })
  assert.deepEqual(r.ApiDomainNameApiAssociation.Properties, { DomainName: { "Fn::GetAtt": ["ApiDomainName", "DomainName"] }, ApiId: { "Fn::GetAtt": ["Api", "ApiId"] } })
  assert.deepEqual(r.ApiCnameRecord.Properties, {
    HostedZoneId: { "Fn::GetAtt": ["ApiHostedZone", "HostedZoneId"] },
    Name: "api.example.com.",
    Type: "CNAME",
    TTL: "1800",
    ResourceRecords: [{ "Fn::GetAtt": ["ApiDomainName", "AppSyncDomainName"] }],
  })
  assert.equal(api.customDomainUrl, "https://api.example.com/graphql")
  assert.equal(api.getFunctionBinding().variables.url.value, "https://api.example.com/graphql")
  assert.deepEqual(validateTemplate(template), [])
})

test("AppSyncApi custom domain with A/AAAA records, a zone by id and a given certificate", () => {
  const { template } = build({
    schema: "graphql/schema.graphql",
    customDomain: { domainName: "gql.example.com", recordType: "A_AAAA", cdk: { hostedZone: { hostedZoneId: "Z123" }, certificate: { certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/abc" } } },
  })
  const r = template.Resources
  assert.equal(r.ApiCertificate, undefined)
  assert.equal(r.ApiHostedZone, undefined)
  assert.deepEqual(r.ApiAliasRecord.Properties.AliasTarget, { DNSName: { "Fn::GetAtt": ["ApiDomainName", "AppSyncDomainName"] }, HostedZoneId: { "Fn::GetAtt": ["ApiDomainName", "HostedZoneId"] } })
  assert.equal(r.ApiAliasRecordAAAA.Properties.Type, "AAAA")
  assert.deepEqual(validateTemplate(template), [])
})

test("AppSyncApi custom domain outside us-east-1 asks for a us-east-1 certificate", () => {
  const error = catchValidation(() => synth((stack) => new AppSyncApi(stack, "Api", { schema: "graphql/schema.graphql", customDomain: "api.example.com" }), testApp({ root, region: "eu-west-1" })))
  assert.equal(error.problems[0].code, "AppSyncCertificateRegion")
  const typo = catchValidation(() => build({ schema: "graphql/schema.graphql", customDomain: { domainName: "api.example.com", hostedZones: "example.com" } as never }))
  assert.equal(typo.problems[0].property, "customDomain.hostedZones")
})

test("AppSyncApi reports a dynamodb data source without a table", () => {
  const error = catchValidation(() => build({ schema: "graphql/schema.graphql", dataSources: { table: { type: "dynamodb" } } }))
  assert.equal(error.problems[0].code, "MissingDataSourceTarget")
  assert.equal(error.problems[0].property, 'dataSources["table"].table')
})
