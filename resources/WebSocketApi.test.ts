import assert from "node:assert/strict"
import { test } from "node:test"
import { catchValidation, synth, statementsOf } from "../test/helpers/synth.ts"
import { validateTemplate } from "../test/helpers/validate-template.ts"
import { Table } from "../test/fixtures/functions/bindable-doubles.ts"
import { Function } from "./Function.ts"
import { WebSocketApi } from "./WebSocketApi.ts"

const connections = { "Fn::Join": ["", ["arn:", { Ref: "AWS::Partition" }, ":execute-api:us-east-1:", { Ref: "AWS::AccountId" }, ":", { Ref: "Ws" }, "/test/POST/@connections/*"]] }

test("WebSocketApi makes a WEBSOCKET API, a stage named after the app's stage with auto-deploy and access logs, and its routes", () => {
  const { template } = synth((stack) =>
    new WebSocketApi(stack, "Ws", { routes: { $connect: "functions/connect.main", $disconnect: "functions/disconnect.main", $default: "functions/default.main", sendmessage: "functions/send.main" } }),
  )
  const r = template.Resources
  assert.deepEqual(r.Ws.Properties, { Name: "test-notes-Ws", ProtocolType: "WEBSOCKET", RouteSelectionExpression: "$request.body.action" })
  assert.equal(r.WsStage.Properties.StageName, "test")
  assert.equal(r.WsStage.Properties.AutoDeploy, true)
  assert.match(r.WsStage.Properties.AccessLogSettings.Format, /"connectionId":"\$context\.connectionId"/)
  assert.deepEqual(r.WsLogGroup.Properties.LogGroupName, { "Fn::Join": ["", ["/aws/vendedlogs/apis/test-notes-Ws-", { Ref: "Ws" }, "/test"]] })
  assert.deepEqual(
    Object.values(r)
      .filter((x: any) => x.Type === "AWS::ApiGatewayV2::Route")
      .map((x: any) => x.Properties.RouteKey),
    ["$connect", "$disconnect", "$default", "sendmessage"],
  )
  assert.deepEqual(r.WsIntegrationsendmessage.Properties, {
    ApiId: { Ref: "Ws" },
    IntegrationType: "AWS_PROXY",
    IntegrationUri: { "Fn::Join": ["", ["arn:", { Ref: "AWS::Partition" }, ":apigateway:us-east-1:lambda:path/2015-03-31/functions/", { "Fn::GetAtt": ["WsLambdasendmessage", "Arn"] }, "/invocations"]] },
  })
  assert.equal(r.WsRouteconnect.Properties.AuthorizationType, "NONE")
  assert.equal(r.WsPermissionsendmessage.Properties.Principal, "apigateway.amazonaws.com")
  assert.deepEqual(validateTemplate(template), [])
})

test("WebSocketApi lets every route function call postToConnection, also routes added later", () => {
  const { template } = synth((stack) => {
    const api = new WebSocketApi(stack, "Ws", { routes: { $connect: "functions/connect.main" } })
    api.addRoutes(stack, { sendmessage: "functions/send.main" })
  })
  for (const id of ["WsLambdaconnect", "WsLambdasendmessage"]) {
    assert.deepEqual(statementsOf(template.Resources, id), [{ Effect: "Allow", Action: "execute-api:ManageConnections", Resource: connections }])
  }
})

test("WebSocketApi url is wss://<apiId>.execute-api.<region>.<suffix>/<stage>; binding gives SST_WebSocketApi_url_<id> and ManageConnections", () => {
  const { template } = synth((stack) => {
    const api = new WebSocketApi(stack, "Ws", { routes: { $connect: "functions/connect.main" } })
    new Function(stack, "Notifier", { handler: "functions/notify.main", bind: [api] })
    stack.addOutputs({ Url: api.url })
  })
  const url = { "Fn::Join": ["", ["wss://", { Ref: "Ws" }, ".execute-api.us-east-1.", { Ref: "AWS::URLSuffix" }, "/test"]] }
  assert.deepEqual(template.Outputs!.Url.Value, url)
  assert.deepEqual(template.Resources.Notifier.Properties.Environment.Variables.SST_WebSocketApi_url_Ws, url)
  assert.deepEqual(statementsOf(template.Resources, "Notifier"), [{ Effect: "Allow", Action: "execute-api:ManageConnections", Resource: connections }])
})

test("WebSocketApi as a permission grants Invoke and ManageConnections", () => {
  const { template } = synth((stack) => {
    const api = new WebSocketApi(stack, "Ws")
    new Function(stack, "Caller", { handler: "functions/caller.main", permissions: [api] })
  })
  assert.deepEqual(
    statementsOf(template.Resources, "Caller").map((s: any) => s.Action),
    ["execute-api:Invoke", "execute-api:ManageConnections"],
  )
})

test("WebSocketApi authorizer: iam or a Lambda REQUEST authorizer, on $connect only", () => {
  const iam = synth((stack) => new WebSocketApi(stack, "Ws", { authorizer: "iam", routes: { $connect: "f.main", sendmessage: "g.main" } })).template
  assert.equal(iam.Resources.WsRouteconnect.Properties.AuthorizationType, "AWS_IAM")
  assert.equal(iam.Resources.WsRoutesendmessage.Properties.AuthorizationType, undefined)
  const { template } = synth((stack) => {
    const fn = new Function(stack, "Authorizer", { handler: "functions/authorizer.main" })
    new WebSocketApi(stack, "Ws", { authorizer: { type: "lambda", function: fn, identitySource: ["route.request.querystring.token"] }, routes: { $connect: "f.main" } })
  })
  const r = template.Resources
  assert.equal(r.WsAuthorizer.Properties.AuthorizerType, "REQUEST")
  assert.equal(r.WsAuthorizer.Properties.Name, "WebSocketAuthorizer")
  assert.deepEqual(r.WsAuthorizer.Properties.IdentitySource, ["route.request.querystring.token"])
  assert.deepEqual(r.WsRouteconnect.Properties.AuthorizerId, { Ref: "WsAuthorizer" })
  assert.equal(r.WsRouteconnect.Properties.AuthorizationType, "CUSTOM")
  assert.equal(r.WsAuthorizerPermission.Type, "AWS::Lambda::Permission")
  assert.deepEqual(validateTemplate(template), [])
})

test("WebSocketApi routes with one handler share a function; bind and attachPermissions reach all routes", () => {
  let api!: WebSocketApi
  const { template } = synth((stack) => {
    const table = new Table(stack, "Connections")
    api = new WebSocketApi(stack, "Ws", { defaults: { function: { bind: [table] } }, routes: { $connect: "functions/connection.main", $disconnect: "functions/connection.main" } })
    api.attachPermissions(["s3"])
  })
  assert.equal(api.getFunction("$connect"), api.getFunction("$disconnect"))
  assert.ok(api.getRoute("$disconnect"))
  assert.deepEqual(api.routes, ["$connect", "$disconnect"])
  assert.deepEqual(
    statementsOf(template.Resources, "WsLambdaconnect").map((s: any) => s.Action),
    ["dynamodb:*", "execute-api:ManageConnections", "s3:*"],
  )
})

test("WebSocketApi refuses unknown $ keys, spaces and duplicates, with a fix", () => {
  const error = catchValidation(() => synth((stack) => new WebSocketApi(stack, "Ws", { routes: { $conect: "f.main", "send message": "f.main", $Connect: "f.main" } })))
  assert.deepEqual(
    error.problems.map((p) => [p.code, p.property, p.fix]),
    [
      ["InvalidRouteKey", 'routes.$conect', 'write "$connect".'],
      ["InvalidRouteKey", 'routes["send message"]', 'remove the spaces: "sendmessage".'],
      ["InvalidRouteKey", 'routes.$Connect', 'write "$connect".'],
    ],
  )
})

test("WebSocketApi names a misspelt prop", () => {
  const error = catchValidation(() =>
    // @ts-expect-error misspelt on purpose
    synth((stack) => new WebSocketApi(stack, "Ws", { route: {} })),
  )
  assert.equal(error.problems[0].fix, 'did you mean "routes"?')
  const inRoute = catchValidation(() =>
    // @ts-expect-error misspelt on purpose
    synth((stack) => new WebSocketApi(stack, "Ws", { routes: { $connect: { functon: "f.main" } } })),
  )
  const unknown = inRoute.problems.find((p) => p.code === "UnknownProp")
  assert.equal(unknown?.property, 'routes.$connect.functon')
  assert.equal(unknown?.fix, 'did you mean "function"?')
})
