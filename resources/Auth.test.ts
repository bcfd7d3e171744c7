import assert from "node:assert/strict"
import { test } from "node:test"
import { catchValidation, emit, synth, testApp, statementsOf } from "../test/helpers/synth.ts"
import { validateTemplate } from "../test/helpers/validate-template.ts"
import { Api } from "./Api.ts"
import { Auth } from "./Auth.ts"
import { Stack } from "./Stack.ts"

const PUBLIC = "/sst/notes/test/Auth/Auth/publicKey"
const PRIVATE = "/sst/notes/test/Auth/Auth/privateKey"
const arnOf = (name: string) => ({ "Fn::Join": ["", ["arn:", { Ref: "AWS::Partition" }, ":ssm:us-east-1:", { Ref: "AWS::AccountId" }, `:parameter${name}`]] })

test("Auth creates the key pair at deploy time through Custom::AuthKeys, with no key in the template", () => {
  const { template } = synth((stack) => new Auth(stack, "Auth", { authenticator: "functions/auth.handler" }))
  const keys = template.Resources.AuthKeys
  assert.equal(keys.Type, "Custom::AuthKeys")
  assert.deepEqual(keys.Properties, { ServiceToken: { "Fn::GetAtt": ["CustomResourceHandler", "Arn"] }, publicPath: PUBLIC, privatePath: PRIVATE })
  assert.deepEqual(template.Resources.CustomResourceHandlerServiceRoleDefaultPolicy.Properties.PolicyDocument.Statement, [
    { Effect: "Allow", Action: ["ssm:GetParameter", "ssm:PutParameter", "ssm:DeleteParameters"], Resource: [arnOf(PUBLIC), arnOf(PRIVATE)] },
  ])
  assert.doesNotMatch(JSON.stringify(template), /BEGIN (RSA |)(PUBLIC|PRIVATE) KEY/)
  assert.deepEqual(validateTemplate(template), [])
})

test("Auth.attach adds ANY <prefix>/{proxy+} and GET <prefix> routes served by the authenticator with the prefix and both keys", () => {
  const { template } = synth((stack) => {
    const api = new Api(stack, "Api", { routes: { "GET /notes": "functions/list.main" } })
    const auth = new Auth(stack, "Auth", { authenticator: "functions/auth.handler" })
    auth.attach(stack, { api })
    api.addRoutes(stack, { "POST /notes": "functions/create.main" })
  })
  const r = template.Resources
  const routeKeys = Object.values(r).filter((resource: any) => resource.Type === "AWS::ApiGatewayV2::Route").map((resource: any) => resource.Properties.RouteKey)
  assert.deepEqual(routeKeys.sort(), ["ANY /auth/{proxy+}", "GET /auth", "GET /notes", "POST /notes"])
  const functions = Object.entries(r).filter(([, resource]: any) => resource.Type === "AWS::Lambda::Function" && resource.Properties.Handler !== "provider.handler")
  const authenticator = functions.find(([, fn]: any) => fn.Properties.Handler === "functions/auth.handler") as [string, any]
  assert.ok(authenticator)
  const env = authenticator[1].Properties.Environment.Variables
  assert.equal(env.SST_Auth_prefix_Auth, "/auth")
  assert.equal(env.SST_Auth_publicKey_Auth, "__FETCH_FROM_SSM__")
  assert.equal(env.SST_Auth_privateKey_Auth, "__FETCH_FROM_SSM__")
  assert.deepEqual(statementsOf(r, authenticator[0])[0], { Effect: "Allow", Action: "ssm:GetParameters", Resource: [arnOf(PUBLIC), arnOf(PRIVATE)] })
  // Every route, including one added after attach, can verify sessions with the public key.
  for (const [id, fn] of functions as [string, any][]) {
    assert.equal(fn.Properties.Environment.Variables.SST_Auth_publicKey_Auth, "__FETCH_FROM_SSM__", `${id} has the public key`)
  }
  const list = functions.find(([, fn]: any) => fn.Properties.Handler === "functions/list.main") as [string, any]
  assert.equal(list[1].Properties.Environment.Variables.SST_Auth_privateKey_Auth, undefined, "only the authenticator gets the private key")
  const listPolicy = statementsOf(r, list[0])
  assert.deepEqual(listPolicy[0].Action, "ssm:GetParameters")
  assert.ok(!JSON.stringify(listPolicy).includes("privateKey"), "routes cannot read the private key")
  assert.deepEqual(r.AuthParameterprefix.Properties, { Name: "/sst/notes/test/Auth/Auth/prefix", Type: "String", Value: "/auth" })
  assert.deepEqual(validateTemplate(template), [])
})

test("Auth.attach takes another prefix, and the Auth may live in another stack than the Api", () => {
  const app = testApp()
  const authStack = new Stack(app, "AuthStack")
  const auth = new Auth(authStack, "Auth", { authenticator: { handler: "functions/auth.handler", timeout: 20 } })
  const apiStack = new Stack(app, "ApiStack")
  const api = new Api(apiStack, "Api")
  auth.attach(apiStack, { api, prefix: "/session" })
  const { templates } = emit(app)
  const routeKeys = Object.values(templates.ApiStack.Resources).filter((r: any) => r.Type === "AWS::ApiGatewayV2::Route").map((r: any) => r.Properties.RouteKey)
  assert.deepEqual(routeKeys.sort(), ["ANY /session/{proxy+}", "GET /session"])
  assert.equal(templates.AuthStack.Resources.AuthParameterprefix.Properties.Value, "/session")
  assert.deepEqual(validateTemplate(templates.AuthStack), [])
  assert.deepEqual(validateTemplate(templates.ApiStack), [])
})

test("Auth with Cognito-style props throws SST v1's message: renamed to Cognito in 1.10.0", () => {
  const error = catchValidation(() => synth((stack) => new Auth(stack, "Auth", { login: ["email"] } as never)))
  assert.equal(error.problems[0].code, "AuthRenamedToCognito")
  assert.match(error.message, /The Auth construct was renamed to Cognito in version 1.10.0/)
  assert.match(error.message, /Fix: use new Cognito\(stack, id, props\)/)
  const both = catchValidation(() => synth((stack) => new Auth(stack, "Auth", { authenticator: "f.main", cdk: {} } as never)))
  assert.equal(both.problems[0].property, "cdk")
})

test("Auth refuses a second attach to one Api, a second Auth on that Api, and a bad prefix", () => {
  const twice = catchValidation(() =>
    synth((stack) => {
      const api = new Api(stack, "Api")
      const auth = new Auth(stack, "Auth", { authenticator: "functions/auth.handler" })
      auth.attach(stack, { api })
      auth.attach(stack, { api })
    }),
  )
  assert.equal(twice.problems[0].code, "AuthAlreadyAttached")
  const other = catchValidation(() =>
    synth((stack) => {
      const api = new Api(stack, "Api")
      new Auth(stack, "Auth", { authenticator: "functions/auth.handler" }).attach(stack, { api })
      new Auth(stack, "Auth2", { authenticator: "functions/auth.handler" }).attach(stack, { api })
    }),
  )
  assert.equal(other.problems[0].code, "ApiHasAuth")
  const prefix = catchValidation(() =>
    synth((stack) => {
      new Auth(stack, "Auth", { authenticator: "functions/auth.handler" }).attach(stack, { api: new Api(stack, "Api"), prefix: "auth/" })
    }),
  )
  assert.equal(prefix.problems[0].code, "InvalidAuthPrefix")
})

test("Auth binds as SST_Auth_publicKey_<id>, read from SSM", () => {
  const { template } = synth((stack) => {
    const auth = new Auth(stack, "Auth", { authenticator: "functions/auth.handler" })
    new Api(stack, "Api", { routes: { "GET /me": { function: { handler: "functions/me.main", bind: [auth] } } } })
  })
  const fn = Object.values(template.Resources).find((r: any) => r.Type === "AWS::Lambda::Function" && r.Properties.Handler === "functions/me.main") as any
  assert.equal(fn.Properties.Environment.Variables.SST_Auth_publicKey_Auth, "__FETCH_FROM_SSM__")
  assert.equal(Object.values(template.Resources).filter((r: any) => r.Type === "AWS::SSM::Parameter").length, 0, "the keys are not parameters of the template")
  assert.deepEqual(validateTemplate(template), [])
})
