/**
 * SST v1 apps build unchanged. Each app under test/fixtures/v1-compat/ reproduces, in its own
 * words, the patterns real v1 apps use (create-sst's templates and examples, the guide's notes
 * app, public apps that depend on `@serverless-stack/resources`): class and functional stacks,
 * `use()`, app and stack function defaults, the constructs and their props, permissions in all
 * their forms. Every app is built through the real CLI and every template it writes is checked
 * against AWS's resource schemas; a few assertions pin the v1 behaviour each app depends on.
 */
import assert from "node:assert/strict"
import { readdirSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { after, describe, test } from "node:test"
import { copyApp, FIXTURES, listApps, readManifest, removeCopies, runSst } from "./helpers/cli.ts"
import { validateTemplate } from "./helpers/validate-template.ts"

after(removeCopies)

const V1_APPS = join(FIXTURES, "v1-compat")

/** The stacks each app must build, in order: a new app fails here until it is listed. */
const EXPECTED_STACKS: Record<string, string[]> = {
  "api-auth": ["dev-gatehouse-IamGate", "dev-gatehouse-Federated", "dev-gatehouse-TokenGate", "dev-gatehouse-LambdaGate", "dev-gatehouse-RestGate"],
  "class-stacks": ["dev-ledger-storage", "dev-ledger-api", "dev-ledger-graph"],
  "functional-stacks": ["dev-orchard-Storage", "dev-orchard-catalog", "orchard-reports-dev"],
  "js-stacks": ["dev-depot-BusStack", "dev-depot-DepotStack", "dev-depot-UploadStack"],
  messaging: ["dev-relay-Intake", "dev-relay-Events", "dev-relay-Streams", "dev-relay-Uploads"],
  "rds-graphql": ["dev-archive-Database", "dev-archive-Api", "dev-archive-Graph"],
  realtime: ["dev-signal-Chat", "dev-signal-Seed"],
  sites: ["dev-gallery-Backend", "dev-gallery-Frontends", "dev-gallery-Servers"],
  "sst-auth": ["dev-passport-Database", "dev-passport-Portal", "dev-passport-Accounts"],
}

interface Built {
  root: string
  stderr: string
  templates: Record<string, any>
}

const builds = new Map<string, Promise<Built>>()

/** Builds a copy of the app once (stage dev, sites skipped by runSst); later calls share it. */
function build(app: string): Promise<Built> {
  let pending = builds.get(app)
  if (!pending) {
    pending = (async () => {
      const root = copyApp(join(V1_APPS, app), `sst-v1-${app}-`)
      const run = await runSst(root, ["build", "--stage", "dev"])
      assert.equal(run.code, 0, `${app} did not build:\n${run.stdout}\n${run.stderr}`)
      const dist = join(root, ".sst", "dist")
      const templates: Record<string, any> = {}
      for (const file of readdirSync(dist).filter((name) => name.endsWith(".template.json"))) {
        templates[file.slice(0, -".template.json".length)] = JSON.parse(readFileSync(join(dist, file), "utf8"))
      }
      return { root, stderr: run.stderr, templates }
    })()
    builds.set(app, pending)
  }
  return pending
}

/**
 * Warnings a v1 app is expected to get: what AWS has retired since (Node 14 and 16 runtimes,
 * Aurora Serverless v1) is built as its successor, and v1.18's own deprecation of pothos routes.
 */
const EXPECTED_WARNINGS = [
  /^Warning: Function ".*": runtime "nodejs1[46]\.x" is retired by AWS Lambda/,
  /^Warning: RDS ".*": engine "postgresql10\.14" ran on Aurora Serverless v1, which AWS has retired/,
  /^Warning: Api ".*": routes\["POST \/graphql"\] uses type "pothos", deprecated in SST v1\.18/,
]

const resourcesOfType = (template: any, type: string): any[] => Object.values(template.Resources).filter((resource: any) => resource.Type === type)
const environmentOf = (template: any, logicalId: string): Record<string, unknown> => template.Resources[logicalId].Properties.Environment?.Variables ?? {}

describe("SST v1 apps build unchanged, with templates CloudFormation accepts", { concurrency: true }, () => {
  test("every app under test/fixtures/v1-compat is listed here", () => {
    assert.deepEqual(listApps(V1_APPS), Object.keys(EXPECTED_STACKS).sort())
  })

  for (const app of Object.keys(EXPECTED_STACKS)) {
    test(`${app}: builds its stacks with only the expected warnings, and every template is valid`, async () => {
      const { root, stderr, templates } = await build(app)
      assert.deepEqual(readManifest(root).stacks.map((stack: { name: string }) => stack.name), EXPECTED_STACKS[app])
      const unexpected = stderr.split("\n").filter((line) => line !== "" && !EXPECTED_WARNINGS.some((warning) => warning.test(line)))
      assert.deepEqual(unexpected, [])
      for (const [name, template] of Object.entries(templates)) {
        assert.deepEqual(validateTemplate(template).map((problem) => `${name} ${problem.path}: ${problem.message}`), [])
      }
    })
  }
})

describe("the v1 behaviour the apps rely on", { concurrency: true }, () => {
  test("functional stacks: ids from function and const names, { id } and { stackName }, stack defaults, getAllFunctions, exports", async () => {
    const { root, templates } = await build("functional-stacks")
    const manifest = readManifest(root)
    assert.deepEqual(manifest.stacks.map((stack: { id: string; dependencies: string[] }) => [stack.id, stack.dependencies]), [
      ["Storage", []],
      ["catalog", ["dev-orchard-Storage"]],
      ["Reports", ["dev-orchard-catalog", "dev-orchard-Storage"]],
    ])
    const catalog = templates["dev-orchard-catalog"]
    const route = environmentOf(catalog, "CatalogLambdaGETfruit")
    assert.equal(catalog.Resources.CatalogLambdaGETfruit.Properties.Timeout, 20, "stack.setDefaultFunctionProps applies to the stack's routes")
    assert.equal("ORCHARD_TOKEN" in route, false, "an environment value that is undefined is left out")
    const reports = templates["orchard-reports-dev"]
    assert.deepEqual(reports.Outputs.FunctionCount, { Value: "3" })
    assert.deepEqual(reports.Outputs.CatalogUrl.Export, { Name: "dev-orchard-catalog" })
  })

  test("class stacks wired through constructor props; AppSync resolvers keyed 'Type   field'", async () => {
    const { templates } = await build("class-stacks")
    const resolvers = resourcesOfType(templates["dev-ledger-graph"], "AWS::AppSync::Resolver").map((r) => `${r.Properties.TypeName}.${r.Properties.FieldName}`)
    assert.deepEqual(resolvers.sort(), ["Mutation.openAccount", "Query.account", "Query.accounts"])
    assert.equal(templates["dev-ledger-api"].Resources.Summarize.Properties.FunctionName, "ledger-summarize")
  })

  test("auth: IAM routes with identity pools, user-pool and JWT authorizers, Lambda authorizers of both response types", async () => {
    const { templates } = await build("api-auth")
    assert.equal(resourcesOfType(templates["dev-gatehouse-Federated"], "AWS::Cognito::IdentityPool").length, 2)
    const jwt = resourcesOfType(templates["dev-gatehouse-TokenGate"], "AWS::ApiGatewayV2::Authorizer").map((a) => a.Properties.JwtConfiguration.Issuer)
    assert.deepEqual(jwt[1], "https://gatehouse.eu.auth0.com/")
    const lambda = resourcesOfType(templates["dev-gatehouse-LambdaGate"], "AWS::ApiGatewayV2::Authorizer").map((a) => [a.Properties.Name, a.Properties.EnableSimpleResponses ?? false])
    assert.deepEqual(lambda, [["simple", true], ["policy", false]])
    assert.equal(environmentOf(templates["dev-gatehouse-LambdaGate"], "GuardedLambdaGET").GATE_NAME, "guarded")
    assert.equal(resourcesOfType(templates["dev-gatehouse-RestGate"], "AWS::ApiGateway::Authorizer")[0].Properties.Type, "REQUEST")
  })

  test("config, bind's name before v1.16, binds parameters and secrets like bind", async () => {
    const { templates } = await build("sst-auth")
    const env = environmentOf(templates["dev-passport-Accounts"], "accountsLambdaANYauthproxy")
    assert.equal(env.SST_Secret_value_GITHUB_CLIENT_ID, "__FETCH_FROM_SSM__")
    assert.ok("SST_Parameter_value_PEOPLE_TABLE" in env)
  })

  test("output keys such as API_URL become the output APIURL, as with v1's CfnOutput", async () => {
    const { templates } = await build("rds-graphql")
    assert.deepEqual(Object.keys(templates["dev-archive-Api"].Outputs), ["APIURL", "SecretArn", "ClusterIdentifier"])
  })

  test("messaging: EventBus detailType becomes detail-type; a table's cdk.table settings apply", async () => {
    const { templates } = await build("messaging")
    const rules = resourcesOfType(templates["dev-relay-Events"], "AWS::Events::Rule").map((rule) => rule.Properties.EventPattern)
    assert.deepEqual(rules[0], { source: ["relay.shipping"], "detail-type": ["Shipped", "Delayed"] })
    const orders = templates["dev-relay-Streams"].Resources.Orders.Properties
    assert.deepEqual(orders.TimeToLiveSpecification, { AttributeName: "expiresAt", Enabled: true })
  })

  test("tokens survive string building: JSON.stringify of API URLs is one Fn::Join", async () => {
    const { templates } = await build("js-stacks")
    const value = templates["dev-depot-UploadStack"].Outputs.ApiEndpoints.Value
    assert.equal(value["Fn::Join"][1][0], '["https://')
  })
})
