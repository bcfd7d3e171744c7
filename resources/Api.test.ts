import assert from "node:assert/strict"
import { test } from "node:test"
import { catchValidation, emit, synth, testApp, statementsOf } from "../test/helpers/synth.ts"
import { validateTemplate } from "../test/helpers/validate-template.ts"
import { Table } from "../test/fixtures/functions/bindable-doubles.ts"
import { Api } from "./Api.ts"
import { Function } from "./Function.ts"
import { Stack } from "./Stack.ts"

const ofType = (template: { Resources: Record<string, any> }, type: string) => Object.entries(template.Resources).filter(([, r]) => r.Type === type)

test("Api makes an HTTP API named <stage>-<app>-<id>, an auto-deployed $default stage with JSON access logs, and routes CloudFormation accepts", () => {
  const { template } = synth((stack) => new Api(stack, "Api", { routes: { "GET /notes": "functions/list.main", "POST /notes": "functions/create.main" } }))
  const r = template.Resources
  assert.equal(r.Api.Type, "AWS::ApiGatewayV2::Api")
  assert.deepEqual(r.Api.Properties, {
    Name: "test-notes-Api",
    ProtocolType: "HTTP",
    CorsConfiguration: { AllowHeaders: ["*"], AllowMethods: ["*"], AllowOrigins: ["*"] },
  })
  assert.equal(r.ApiStage.Properties.StageName, "$default")
  assert.equal(r.ApiStage.Properties.AutoDeploy, true)
  assert.deepEqual(r.ApiStage.Properties.AccessLogSettings.DestinationArn, { "Fn::GetAtt": ["ApiLogGroup", "Arn"] })
  assert.deepEqual(JSON.parse(r.ApiStage.Properties.AccessLogSettings.Format.replace(/:\$context\.(status|responseLatency)/g, ':"$$context.$1"')).routeKey, "$context.routeKey")
  assert.deepEqual(r.ApiLogGroup.Properties.LogGroupName, { "Fn::Join": ["", ["/aws/vendedlogs/apis/test-notes-Api-", { Ref: "Api" }, "/default"]] })
  assert.deepEqual(r.ApiRouteGETnotes.Properties, {
    ApiId: { Ref: "Api" },
    RouteKey: "GET /notes",
    Target: { "Fn::Join": ["", ["integrations/", { Ref: "ApiIntegrationGETnotes" }]] },
    AuthorizationType: "NONE",
  })
  assert.deepEqual(r.ApiIntegrationGETnotes.Properties, {
    ApiId: { Ref: "Api" },
    IntegrationType: "AWS_PROXY",
    IntegrationUri: { "Fn::GetAtt": ["ApiLambdaGETnotes", "Arn"] },
    PayloadFormatVersion: "2.0",
  })
  assert.equal(r.ApiLambdaPOSTnotes.Properties.Handler, "functions/create.main")
  assert.deepEqual(validateTemplate(template), [])
})

test("Api lets API Gateway invoke each function once, for any route and stage of this API", () => {
  const { template } = synth((stack) => new Api(stack, "Api", { routes: { "GET /notes": "functions/list.main" } }))
  assert.deepEqual(template.Resources.ApiPermissionGETnotes.Properties, {
    Action: "lambda:InvokeFunction",
    FunctionName: { "Fn::GetAtt": ["ApiLambdaGETnotes", "Arn"] },
    Principal: "apigateway.amazonaws.com",
    SourceArn: { "Fn::Join": ["", ["arn:", { Ref: "AWS::Partition" }, ":execute-api:us-east-1:", { Ref: "AWS::AccountId" }, ":", { Ref: "Api" }, "/*/*"]] },
  })
})

test("Api routes with the same handler and props share one function, integration and permission; other props make another function", () => {
  let api!: Api
  const { template } = synth((stack) => {
    api = new Api(stack, "Api", {
      routes: {
        "GET /notes/{id}": "functions/notes.main",
        "PUT /notes/{id}": "functions/notes.main",
        "DELETE /notes/{id}": { function: "functions/notes.main" },
        "PATCH /notes/{id}": { function: { handler: "functions/notes.main" } },
        "POST /notes": { function: { handler: "functions/notes.main", timeout: 30 } },
      },
    })
  })
  assert.equal(ofType(template, "AWS::Lambda::Function").length, 2)
  assert.equal(ofType(template, "AWS::ApiGatewayV2::Integration").length, 2)
  assert.equal(ofType(template, "AWS::Lambda::Permission").length, 2)
  assert.equal(ofType(template, "AWS::ApiGatewayV2::Route").length, 5)
  assert.equal(api.getFunction("PUT /notes/{id}"), api.getFunction("GET /notes/{id}"))
  assert.equal(api.getFunction("PATCH /notes/{id}"), api.getFunction("GET /notes/{id}"))
  assert.notEqual(api.getFunction("POST /notes"), api.getFunction("GET /notes/{id}"))
  assert.equal(template.Resources.ApiLambdaPOSTnotes.Properties.Timeout, 30)
})

test("Api fits 100 routes in one stack, far under CloudFormation's 500 resources", () => {
  // Twenty resources, each with list/create/get/update/delete: five routes on two handlers (a
  // collection handler and an item handler), as an app with router-style handlers writes them.
  const routes: Record<string, string> = {}
  for (let i = 0; i < 20; i++) {
    routes[`GET /r${i}`] = `functions/r${i}/collection.main`
    routes[`POST /r${i}`] = `functions/r${i}/collection.main`
    routes[`GET /r${i}/{id}`] = `functions/r${i}/item.main`
    routes[`PUT /r${i}/{id}`] = `functions/r${i}/item.main`
    routes[`DELETE /r${i}/{id}`] = `functions/r${i}/item.main`
  }
  const app = testApp()
  const stack = new Stack(app, "Main")
  new Api(stack, "Api", { defaults: { function: { bind: [new Table(stack, "Notes")] } }, routes })
  const { template, result } = emit(app)
  const count = Object.keys(template.Resources).length
  const base = 3 + 2 // Api, Stage, LogGroup; the bound table and its SSM parameter
  const functions = ofType(template, "AWS::Lambda::Function").length
  console.log(`100-route Api: ${count} resources; ${functions} functions (each with its role holding its policy, integration and invoke permission); ${((count - base) / 100).toFixed(2)} resources per route (SST v1: ~6)`)
  assert.equal(Object.keys(routes).length, 100)
  assert.equal(functions, 40)
  assert.equal(count, base + 100 + 40 * 4)
  assert.ok(count < 400, `${count} resources`)
  assert.equal(result.manifest.stacks[0].resourceCount, count)
  assert.deepEqual(validateTemplate(template), [])
})

test("Api with 100 distinct handlers invokes them through shared roles instead of 100 permissions, and fits in one stack", () => {
  const routes: Record<string, string> = {}
  for (let i = 0; i < 100; i++) routes[`GET /r${i}`] = `functions/r${i}.main`
  const { template } = synth((stack) => new Api(stack, "Api", { routes }))
  const count = Object.keys(template.Resources).length
  console.log(`100 routes, 100 handlers: ${count} resources, ${((count - 3 - 2) / 100).toFixed(2)} per route (route, integration, function, role) plus 2 invoke roles`)
  assert.equal(ofType(template, "AWS::Lambda::Permission").length, 0)
  assert.equal(count, 3 + 100 * 4 + 2)
  const role = template.Resources.ApiInvokeRole
  assert.deepEqual(role.Properties.AssumeRolePolicyDocument.Statement, [{ Effect: "Allow", Principal: { Service: "apigateway.amazonaws.com" }, Action: "sts:AssumeRole" }])
  const statement = role.Properties.Policies[0].PolicyDocument.Statement[0]
  assert.equal(statement.Action, "lambda:InvokeFunction")
  assert.equal(statement.Resource.length, 50)
  assert.deepEqual(statement.Resource[0], { "Fn::GetAtt": ["ApiLambdaGETr0", "Arn"] })
  assert.equal(template.Resources.ApiInvokeRole2.Properties.Policies[0].PolicyDocument.Statement[0].Resource.length, 50)
  assert.deepEqual(template.Resources.ApiIntegrationGETr0.Properties.CredentialsArn, { "Fn::GetAtt": ["ApiInvokeRole", "Arn"] })
  assert.deepEqual(template.Resources.ApiIntegrationGETr99.Properties.CredentialsArn, { "Fn::GetAtt": ["ApiInvokeRole2", "Arn"] })
  assert.deepEqual(validateTemplate(template), [])
})

test("Api with 100 distinct handlers that all bind a table fits in one stack: each function's policy is inline in its role", () => {
  const routes: Record<string, string> = {}
  for (let i = 0; i < 100; i++) routes[`GET /r${i}`] = `functions/r${i}.main`
  const { template } = synth((stack) => new Api(stack, "Api", { defaults: { function: { bind: [new Table(stack, "Notes")] } }, routes }))
  const count = Object.keys(template.Resources).length
  console.log(`100 routes, 100 bound handlers: ${count} resources`)
  assert.equal(ofType(template, "AWS::IAM::Policy").length, 0)
  assert.equal(count, 3 + 2 + 100 * 4 + 2, "route, integration, function and role per route; 2 shared invoke roles; table and its parameter")
  assert.deepEqual(template.Resources.ApiLambdaGETr7ServiceRole.Properties.Policies[0].PolicyDocument.Statement[0].Action, "dynamodb:*")
  assert.deepEqual(validateTemplate(template), [])
})

test("Api reads route keys with any spacing and any method case, and getFunction finds them the same way", () => {
  let api!: Api
  synth((stack) => {
    api = new Api(stack, "Api", { routes: { "GET    /notes": "functions/list.main", "delete /notes/{id}": "functions/delete.main" } })
  })
  assert.deepEqual(api.routes, ["GET /notes", "DELETE /notes/{id}"])
  assert.ok(api.getFunction("GET /notes"))
  assert.equal(api.getFunction("GET\t /notes"), api.getFunction("GET /notes"))
  assert.ok(api.getFunction("DELETE  /notes/{id}"))
  assert.equal(api.getFunction("GET /missing"), undefined)
})

test("Api takes $default, ANY and {proxy+} routes", () => {
  const { template } = synth((stack) => new Api(stack, "Api", { routes: { $default: "functions/default.main", "ANY /files/{proxy+}": "functions/files.main" } }))
  assert.equal(template.Resources.ApiRoutedefault.Properties.RouteKey, "$default")
  assert.equal(template.Resources.ApiRouteANYfilesproxy.Properties.RouteKey, "ANY /files/{proxy+}")
  assert.ok(template.Resources.ApiLambdadefault)
})

test("Api refuses a bad route key in the STYLE.md format: what, what is allowed, and the fix", () => {
  const error = catchValidation(() => synth((stack) => new Api(stack, "Api", { routes: { "GET /notes/{id": "functions/get.main" } })))
  assert.equal(error.problems[0].code, "InvalidRouteKey")
  assert.equal(
    error.message,
    [
      'Api "notes/test/Main/Api": routes["GET /notes/{id"] is not a valid route key.  [InvalidRouteKey]',
      '  Allowed: "<METHOD> /<path>" or "$default", METHOD one of GET POST PUT PATCH DELETE HEAD OPTIONS ANY;',
      "           path parameters written {name} or {name+}.",
      '  Fix: close the brace: "GET /notes/{id}".',
    ].join("\n"),
  )
})

test("Api reports every bad route key at once, each with its fix", () => {
  const error = catchValidation(() =>
    synth((stack) =>
      new Api(stack, "Api", {
        routes: {
          "FETCH /notes": "f.main",
          "GET notes": "f.main",
          "/notes": "f.main",
          "GET /{proxy+}/x": "f.main",
          "GET /a b": "f.main",
          "POST $default": "f.main",
          "GET /a/{id}/b/{id}": "f.main",
          "GET /ok": "f.main",
        },
      }),
    ),
  )
  assert.deepEqual(
    error.problems.map((p) => [p.code, p.property, p.fix]),
    [
      ["InvalidRouteKey", 'routes["FETCH /notes"]', 'use one of the methods: "PATCH /notes".'],
      ["InvalidRouteKey", 'routes["GET notes"]', 'start the path with "/": "GET /notes".'],
      ["InvalidRouteKey", 'routes["/notes"]', 'put the method before the path: "GET /notes".'],
      ["InvalidRouteKey", 'routes["GET /{proxy+}/x"]', 'make {proxy+} the last segment: "GET /{proxy+}".'],
      ["InvalidRouteKey", 'routes["GET /a b"]', 'write one method and one path, without spaces inside the path: "GET /ab".'],
      ["InvalidRouteKey", 'routes["POST $default"]', 'write "$default" alone, without a method.'],
      ["InvalidRouteKey", 'routes["GET /a/{id}/b/{id}"]', 'give each parameter its own name: "GET /a/{id}/b/{id2}".'],
    ],
  )
})

test("Api refuses a route added twice, also across addRoutes and with other spacing", () => {
  const error = catchValidation(() =>
    synth((stack) => {
      const api = new Api(stack, "Api", { routes: { "GET /notes": "functions/list.main" } })
      api.addRoutes(stack, { "GET  /notes": "functions/other.main" })
    }),
  )
  assert.equal(error.problems[0].code, "DuplicateRoute")
  assert.equal(error.problems[0].property, 'routes["GET  /notes"]')
  assert.match(error.message, /is the route "GET \/notes", which this API already has/)
})

test("Api keeps route ids apart when two paths read alike once punctuation is dropped", () => {
  const { template } = synth((stack) => new Api(stack, "Api", { routes: { "GET /a/b": "f.main", "GET /ab": "g.main" } }))
  assert.equal(template.Resources.ApiRouteGETab.Properties.RouteKey, "GET /a/b")
  assert.equal(template.Resources.ApiRouteGETab2.Properties.RouteKey, "GET /ab")
})

test("Api addRoutes in another stack puts the routes' resources there, named after the Api", () => {
  const app = testApp()
  const first = new Stack(app, "First")
  const second = new Stack(app, "Second")
  const api = new Api(first, "Api", { routes: { "GET /a": "functions/a.main" } })
  api.addRoutes(second, { "GET /b": "functions/b.main" })
  const { templates } = emit(app)
  assert.ok(templates.Second.Resources.ApiRouteGETb)
  assert.ok(templates.Second.Resources.ApiLambdaGETb)
  assert.deepEqual(templates.Second.Resources.ApiRouteGETb.Properties.ApiId, { Ref: "XrefFirstApiRef" })
  assert.deepEqual(validateTemplate(templates.Second), [])
})

test("Api names a misspelt prop and suggests the right one, at the top and inside a route", () => {
  const top = catchValidation(() =>
    // @ts-expect-error the type refuses it; JavaScript callers reach the schema
    synth((stack) => new Api(stack, "Api", { rotues: { "GET /": "f.main" } })),
  )
  assert.equal(top.problems[0].code, "UnknownProp")
  assert.equal(top.problems[0].property, "rotues")
  assert.equal(top.problems[0].fix, 'did you mean "routes"?')
  const route = catchValidation(() =>
    // @ts-expect-error the type refuses it; JavaScript callers reach the schema
    synth((stack) => new Api(stack, "Api", { routes: { "GET /": { function: "f.main", authorizor: "iam" } } })),
  )
  assert.equal(route.problems[0].code, "UnknownProp")
  assert.equal(route.problems[0].property, 'routes["GET /"].authorizor')
  assert.equal(route.problems[0].fix, 'did you mean "authorizer"?')
  const defaults = catchValidation(() =>
    // @ts-expect-error the type refuses it; JavaScript callers reach the schema
    synth((stack) => new Api(stack, "Api", { defaults: { function: { timout: 3 } }, routes: {} })),
  )
  assert.equal(defaults.problems[0].property, "defaults.function.timout")
  assert.equal(defaults.problems[0].fix, 'did you mean "timeout"?')
})

test("Api authorizers: jwt and user_pool become JWT authorizers, with scopes on the routes that use them", () => {
  const { template } = synth((stack) =>
    new Api(stack, "Api", {
      authorizers: {
        Auth0: { type: "jwt", jwt: { issuer: "https://myorg.us.auth0.com", audience: ["api"] } },
        Pool: { type: "user_pool", userPool: { id: "us-east-1_abc", clientIds: ["client1"] } },
      },
      defaults: { authorizer: "Pool", authorizationScopes: ["notes/read"] },
      routes: {
        "GET /notes": "functions/list.main",
        "POST /notes": { function: "functions/create.main", authorizer: "Auth0", authorizationScopes: ["notes/write"] },
        "GET /health": { function: "functions/health.main", authorizer: "none" },
        "GET /admin": { function: "functions/admin.main", authorizer: "iam" },
      },
    }),
  )
  const r = template.Resources
  assert.deepEqual(r.ApiAuthorizerPool.Properties, {
    ApiId: { Ref: "Api" },
    Name: "Pool",
    IdentitySource: ["$request.header.Authorization"],
    AuthorizerType: "JWT",
    JwtConfiguration: { Issuer: "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_abc", Audience: ["client1"] },
  })
  assert.deepEqual(r.ApiAuthorizerAuth0.Properties.JwtConfiguration, { Issuer: "https://myorg.us.auth0.com", Audience: ["api"] })
  assert.deepEqual(r.ApiRouteGETnotes.Properties.AuthorizationType, "JWT")
  assert.deepEqual(r.ApiRouteGETnotes.Properties.AuthorizerId, { Ref: "ApiAuthorizerPool" })
  assert.deepEqual(r.ApiRouteGETnotes.Properties.AuthorizationScopes, ["notes/read"])
  assert.deepEqual(r.ApiRoutePOSTnotes.Properties.AuthorizerId, { Ref: "ApiAuthorizerAuth0" })
  assert.deepEqual(r.ApiRoutePOSTnotes.Properties.AuthorizationScopes, ["notes/write"])
  assert.equal(r.ApiRouteGEThealth.Properties.AuthorizationType, "NONE")
  assert.equal(r.ApiRouteGETadmin.Properties.AuthorizationType, "AWS_IAM")
  assert.equal(r.ApiRouteGETadmin.Properties.AuthorizerId, undefined)
  assert.deepEqual(validateTemplate(template), [])
})

test("Api user_pool authorizer without client ids gets a client of the pool as audience, as CDK made under SST v1", () => {
  const { template } = synth((stack) => new Api(stack, "Api", { authorizers: { Pool: { type: "user_pool", userPool: { id: "eu-west-1_x", region: "eu-west-1" } } } }))
  const p = template.Resources.ApiAuthorizerPool.Properties
  assert.equal(p.JwtConfiguration.Issuer, "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_x")
  assert.deepEqual(p.JwtConfiguration.Audience, [{ Ref: "ApiAuthorizerPoolClient" }])
  assert.equal(template.Resources.ApiAuthorizerPoolClient.Type, "AWS::Cognito::UserPoolClient")
})

test("Api lambda authorizer: REQUEST type, simple responses, cache TTL, identity sources and its own invoke permission", () => {
  const { template } = synth((stack) => {
    const authorizer = new Function(stack, "Authorizer", { handler: "functions/authorizer.main" })
    new Api(stack, "Api", {
      authorizers: { Custom: { type: "lambda", function: authorizer, responseTypes: ["simple"], resultsCacheTtl: "30 seconds", identitySource: ["$request.header.X-Token"] } },
      defaults: { authorizer: "Custom" },
      routes: { "GET /": "functions/home.main" },
    })
  })
  const r = template.Resources
  assert.deepEqual(r.ApiAuthorizerCustom.Properties, {
    ApiId: { Ref: "Api" },
    Name: "Custom",
    IdentitySource: ["$request.header.X-Token"],
    AuthorizerType: "REQUEST",
    AuthorizerUri: {
      "Fn::Join": ["", ["arn:", { Ref: "AWS::Partition" }, ":apigateway:us-east-1:lambda:path/2015-03-31/functions/", { "Fn::GetAtt": ["Authorizer", "Arn"] }, "/invocations"]],
    },
    AuthorizerPayloadFormatVersion: "2.0",
    EnableSimpleResponses: true,
    AuthorizerResultTtlInSeconds: 30,
  })
  assert.equal(r.ApiAuthorizerCustomPermission.Properties.Principal, "apigateway.amazonaws.com")
  assert.deepEqual(r.ApiAuthorizerCustomPermission.Properties.SourceArn["Fn::Join"][1].slice(-3), [{ Ref: "Api" }, "/authorizers/", { Ref: "ApiAuthorizerCustom" }])
  assert.equal(r.ApiRouteGET.Properties.AuthorizationType, "CUSTOM")
  assert.deepEqual(r.ApiRouteGET.Properties.AuthorizerId, { Ref: "ApiAuthorizerCustom" })
  assert.deepEqual(validateTemplate(template), [])
})

test("Api lambda authorizer defaults to IAM policy responses (payload 1.0), uncached", () => {
  const { template } = synth((stack) => {
    const fn = new Function(stack, "Authorizer", { handler: "functions/authorizer.main" })
    new Api(stack, "Api", { authorizers: { Custom: { type: "lambda", function: fn } } })
  })
  const p = template.Resources.ApiAuthorizerCustom.Properties
  assert.equal(p.AuthorizerPayloadFormatVersion, "1.0")
  assert.equal(p.EnableSimpleResponses, undefined)
  assert.equal(p.AuthorizerResultTtlInSeconds, 0)
})

test("Api refuses an unknown authorizer name and suggests the closest", () => {
  const error = catchValidation(() =>
    synth((stack) =>
      new Api(stack, "Api", {
        authorizers: { Pool: { type: "jwt", jwt: { issuer: "https://x", audience: ["a"] } } },
        // @ts-expect-error the type knows the authorizer names already
        routes: { "GET /": { function: "f.main", authorizer: "Pol" } },
      }),
    ),
  )
  assert.equal(error.problems[0].code, "UnknownAuthorizer")
  assert.equal(error.problems[0].property, 'routes["GET /"].authorizer')
  assert.equal(error.problems[0].fix, 'did you mean "Pool"?')
})

test("Api refuses authorizers named none or iam, and an authorizer of an unknown type", () => {
  const error = catchValidation(() =>
    // @ts-expect-error the type refuses "magic"
    synth((stack) => new Api(stack, "Api", { authorizers: { iam: { type: "jwt", jwt: { issuer: "x", audience: ["a"] } }, Other: { type: "magic" } } })),
  )
  assert.deepEqual(
    error.problems.map((p) => [p.code, p.property]),
    [
      ["ReservedAuthorizerName", "authorizers.iam"],
      ["InvalidPropValue", "authorizers.Other.type"],
    ],
  )
})

test("Api cors: off with false, or exactly the settings given", () => {
  const off = synth((stack) => new Api(stack, "Api", { cors: false })).template
  assert.equal(off.Resources.Api.Properties.CorsConfiguration, undefined)
  const custom = synth((stack) => new Api(stack, "Api", { cors: { allowMethods: ["GET", "ANY"], allowOrigins: ["https://example.com"], allowCredentials: true, maxAge: "1 day" } })).template
  assert.deepEqual(custom.Resources.Api.Properties.CorsConfiguration, { AllowCredentials: true, AllowMethods: ["GET", "*"], AllowOrigins: ["https://example.com"], MaxAge: 86400 })
})

test("Api accessLog: off, a custom format, a retention, or another destination", () => {
  const off = synth((stack) => new Api(stack, "Api", { accessLog: false })).template
  assert.equal(off.Resources.ApiLogGroup, undefined)
  assert.equal(off.Resources.ApiStage.Properties.AccessLogSettings, undefined)
  const format = synth((stack) => new Api(stack, "Api", { accessLog: "$context.requestId" })).template
  assert.equal(format.Resources.ApiStage.Properties.AccessLogSettings.Format, "$context.requestId")
  const retention = synth((stack) => new Api(stack, "Api", { accessLog: { retention: "one_week" } })).template
  assert.equal(retention.Resources.ApiLogGroup.Properties.RetentionInDays, 7)
  const destination = synth((stack) => new Api(stack, "Api", { accessLog: { destinationArn: "arn:aws:logs:us-east-1:1:log-group:x" } })).template
  assert.equal(destination.Resources.ApiLogGroup, undefined)
  assert.equal(destination.Resources.ApiStage.Properties.AccessLogSettings.DestinationArn, "arn:aws:logs:us-east-1:1:log-group:x")
})

test("Api defaults: throttle on the stage, payload format 1.0 on integrations", () => {
  const { template } = synth((stack) =>
    new Api(stack, "Api", {
      defaults: { throttle: { burst: 100, rate: 10 }, payloadFormatVersion: "1.0" },
      routes: { "GET /a": "functions/a.main", "GET /b": { function: "functions/a.main", payloadFormatVersion: "2.0" } },
    }),
  )
  assert.deepEqual(template.Resources.ApiStage.Properties.DefaultRouteSettings, { ThrottlingBurstLimit: 100, ThrottlingRateLimit: 10 })
  assert.equal(template.Resources.ApiIntegrationGETa.Properties.PayloadFormatVersion, "1.0")
  // One function, two event formats: two integrations, still one permission.
  assert.equal(template.Resources.ApiIntegrationGETb.Properties.PayloadFormatVersion, "2.0")
  assert.equal(ofType(template, "AWS::Lambda::Permission").length, 1)
})

test("Api url routes forward to the URL through an HTTP proxy integration", () => {
  let api!: Api
  const { template } = synth((stack) => {
    api = new Api(stack, "Api", { routes: { "GET /old/{proxy+}": { type: "url", url: "https://old.example.com/{proxy}" } } })
  })
  assert.deepEqual(template.Resources.ApiIntegrationGEToldproxy.Properties, {
    ApiId: { Ref: "Api" },
    IntegrationType: "HTTP_PROXY",
    IntegrationMethod: "GET",
    IntegrationUri: "https://old.example.com/{proxy}",
    PayloadFormatVersion: "1.0",
  })
  assert.equal(api.getFunction("GET /old/{proxy+}"), undefined)
  assert.deepEqual(validateTemplate(template), [])
})

test("Api pothos and graphql routes are plain function routes; pothos warns once that it is deprecated", () => {
  let api!: Api
  const { result } = synth((stack) => {
    api = new Api(stack, "Api", {
      routes: {
        "POST /graphql": { type: "pothos", function: { handler: "functions/graphql.handler" }, schema: "functions/schema.ts", output: "graphql/schema.graphql", commands: ["echo"] },
        "POST /graphql2": { type: "graphql", function: "functions/graphql.handler", pothos: { schema: "functions/schema.ts" } },
      },
    })
  })
  assert.ok(api.getFunction("POST /graphql"))
  assert.equal(api.getFunction("POST /graphql2"), api.getFunction("POST /graphql"))
  assert.deepEqual(result.warnings, ['Api "notes/test/Main/Api": routes["POST /graphql"] uses type "pothos", deprecated in SST v1.18; it is deployed as a plain function route (use type "graphql").'])
})

test("Api attachPermissions and bind reach every route function, also those added later; ToRoute reaches one", () => {
  let api!: Api
  const { template } = synth((stack) => {
    const table = new Table(stack, "Notes")
    api = new Api(stack, "Api", { routes: { "GET /a": "functions/a.main" } })
    api.attachPermissions(["s3"])
    api.bind([table])
    api.addRoutes(stack, { "GET /b": "functions/b.main" })
    api.attachPermissionsToRoute("GET /b", ["sqs"])
  })
  const statements = (id: string) => statementsOf(template.Resources, id).map((s: any) => s.Action)
  assert.deepEqual(statements("ApiLambdaGETa"), ["s3:*", "dynamodb:*"])
  assert.deepEqual(statements("ApiLambdaGETb"), ["s3:*", "dynamodb:*", "sqs:*"])
  assert.deepEqual(template.Resources.ApiLambdaGETb.Properties.Environment.Variables.SST_Table_tableName_Notes, { Ref: "Notes" })
})

test("Api attachPermissionsToRoute on a shared function warns which other routes it reaches", () => {
  const { result } = synth((stack) => {
    const api = new Api(stack, "Api", { routes: { "GET /a": "functions/x.main", "GET /b": "functions/x.main" } })
    api.attachPermissionsToRoute("GET /a", ["s3"])
  })
  assert.deepEqual(result.warnings, ['Api "notes/test/Main/Api": attachPermissionsToRoute("GET /a") also applies to "GET /b", which share its function.'])
})

test("Api attachPermissionsToRoute refuses a route it does not have, listing the ones it has", () => {
  const error = catchValidation(() =>
    synth((stack) => new Api(stack, "Api", { routes: { "GET /a": "functions/a.main" } }).attachPermissionsToRoute("GET /b", ["s3"])),
  )
  assert.equal(error.problems[0].code, "RouteNotFound")
  assert.equal(error.problems[0].allowed, 'a function route: "GET /a".')
})

test("Api as a binding gives SST_Api_url_<id>; as a permission, execute-api:Invoke on the API", () => {
  const { template } = synth((stack) => {
    const api = new Api(stack, "Api", { routes: { "GET /": "functions/home.main" } })
    new Function(stack, "Caller", { handler: "functions/caller.main", bind: [api], permissions: [api] })
  })
  const r = template.Resources
  assert.deepEqual(r.Caller.Properties.Environment.Variables.SST_Api_url_Api, {
    "Fn::Join": ["", ["https://", { Ref: "Api" }, ".execute-api.us-east-1.", { Ref: "AWS::URLSuffix" }]],
  })
  assert.deepEqual(statementsOf(r, "Caller"), [
    {
      Effect: "Allow",
      Action: "execute-api:Invoke",
      Resource: { "Fn::Join": ["", ["arn:", { Ref: "AWS::Partition" }, ":execute-api:us-east-1:", { Ref: "AWS::AccountId" }, ":", { Ref: "Api" }, "/*"]] },
    },
  ])
  assert.deepEqual(validateTemplate(template), [])
})

test("Api exposes httpApiId, httpApiArn and url as references", () => {
  const { template } = synth((stack) => {
    const api = new Api(stack, "Api")
    stack.addOutputs({ Id: api.httpApiId, Arn: api.httpApiArn, Url: api.url })
  })
  assert.deepEqual(template.Outputs!.Id.Value, { Ref: "Api" })
  assert.deepEqual(template.Outputs!.Arn.Value, { "Fn::Join": ["", ["arn:", { Ref: "AWS::Partition" }, ":apigateway:us-east-1::/apis/", { Ref: "Api" }]] })
})

test("Api refuses defaults.function with a Function passed in, since the defaults cannot apply", () => {
  const error = catchValidation(() =>
    synth((stack) => {
      const fn = new Function(stack, "Fn", { handler: "functions/a.main" })
      new Api(stack, "Api", { defaults: { function: { timeout: 20 } }, routes: { "GET /a": fn, "GET /b": fn } })
    }),
  )
  assert.deepEqual(
    error.problems.map((p) => p.code),
    ["CannotInheritDefaults"],
  )
})

test("Api setCors replaces the CORS settings", () => {
  const { template } = synth((stack) => new Api(stack, "Api").setCors({ allowOrigins: ["https://a.com"] }))
  assert.deepEqual(template.Resources.Api.Properties.CorsConfiguration, { AllowOrigins: ["https://a.com"] })
})
