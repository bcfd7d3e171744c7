import assert from "node:assert/strict"
import { test } from "node:test"
import { catchValidation, synth } from "../test/helpers/synth.ts"
import { validateTemplate } from "../test/helpers/validate-template.ts"
import { Function } from "./Function.ts"
import { GraphQLApi } from "./GraphQLApi.ts"

const ofType = (template: { Resources: Record<string, any> }, type: string) => Object.entries(template.Resources).filter(([, r]) => r.Type === type)

test("GraphQLApi serves GET / and POST / from one server function through one integration", () => {
  let api!: GraphQLApi
  const { template } = synth((stack) => {
    api = new GraphQLApi(stack, "Api", { server: "functions/graphql.handler" })
  })
  assert.deepEqual(api.routes, ["GET /", "POST /"])
  assert.equal(ofType(template, "AWS::Lambda::Function").length, 1)
  assert.equal(ofType(template, "AWS::ApiGatewayV2::Integration").length, 1)
  assert.equal(ofType(template, "AWS::Lambda::Permission").length, 1)
  assert.deepEqual(template.Resources.ApiRoutePOST.Properties.Target, template.Resources.ApiRouteGET.Properties.Target)
  assert.equal(api.serverFunction, api.getFunction("POST /"))
  assert.equal(template.Resources.ApiLambdaGET.Properties.Handler, "functions/graphql.handler")
  assert.deepEqual(validateTemplate(template), [])
})

test("GraphQLApi takes a rootPath, the Api's props and a Function as server", () => {
  let api!: GraphQLApi
  const { template } = synth((stack) => {
    const server = new Function(stack, "Server", { handler: "functions/graphql.handler" })
    api = new GraphQLApi(stack, "Api", { server, rootPath: "/graphql", cors: false, defaults: { authorizer: "iam" } })
  })
  assert.deepEqual(api.routes, ["GET /graphql", "POST /graphql"])
  assert.equal(api.serverFunction.id, "Server")
  assert.equal(template.Resources.ApiRouteGETgraphql.Properties.AuthorizationType, "AWS_IAM")
  assert.equal(template.Resources.Api.Properties.CorsConfiguration, undefined)
})

test("GraphQLApi binds as SST_GraphQLApi_url_<id>, as SST v1 named it after the class", () => {
  const { template } = synth((stack) => {
    const api = new GraphQLApi(stack, "Gql", { server: "functions/graphql.handler" })
    new Function(stack, "Web", { handler: "functions/web.main", bind: [api] })
  })
  assert.ok(template.Resources.Web.Properties.Environment.Variables.SST_GraphQLApi_url_Gql)
})

test("GraphQLApi refuses routes, and says to use server", () => {
  const error = catchValidation(() =>
    // @ts-expect-error routes is not a prop of GraphQLApi
    synth((stack) => new GraphQLApi(stack, "Api", { server: "f.main", routes: { "GET /": "f.main" } })),
  )
  assert.equal(error.problems[0].code, "UnknownProp")
  assert.equal(error.problems[0].property, "routes")
  assert.match(error.problems[0].fix, /pass the handler as server/)
})

test("GraphQLApi names a misspelt prop and a missing server", () => {
  const typo = catchValidation(() =>
    // @ts-expect-error rootpath is misspelt
    synth((stack) => new GraphQLApi(stack, "Api", { server: "f.main", rootpath: "/x" })),
  )
  assert.equal(typo.problems[0].fix, 'did you mean "rootPath"?')
  const missing = catchValidation(() =>
    // @ts-expect-error server is required
    synth((stack) => new GraphQLApi(stack, "Api", {})),
  )
  assert.deepEqual([missing.problems[0].code, missing.problems[0].property], ["MissingProp", "server"])
  const badProps = catchValidation(() =>
    // @ts-expect-error handlr is misspelt
    synth((stack) => new GraphQLApi(stack, "Api", { server: { handlr: "f.main" } })),
  )
  assert.equal(badProps.problems[0].property, "server.handlr")
})

test("GraphQLApi warns that codegen is not run", () => {
  const { result } = synth((stack) => new GraphQLApi(stack, "Api", { server: "f.main", codegen: "graphql/codegen.yml" }))
  assert.deepEqual(result.warnings, ['GraphQLApi "notes/test/Main/Api": codegen is not run by sst build; run npx graphql-codegen -c graphql/codegen.yml yourself.'])
})
