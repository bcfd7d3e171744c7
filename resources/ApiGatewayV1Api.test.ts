import assert from "node:assert/strict"
import { test } from "node:test"
import { catchValidation, synth, testApp, statementsOf } from "../test/helpers/synth.ts"
import { validateTemplate } from "../test/helpers/validate-template.ts"
import { ApiGatewayV1Api, type ApiGatewayV1ApiProps } from "./ApiGatewayV1Api.ts"
import { Function } from "./Function.ts"

const ofType = (template: { Resources: Record<string, any> }, type: string) => Object.entries(template.Resources).filter(([, r]) => r.Type === type)
const deploymentId = (template: { Resources: Record<string, any> }) => ofType(template, "AWS::ApiGateway::Deployment").map(([id]) => id)[0]
const build = (props: ApiGatewayV1ApiProps) => synth((stack) => new ApiGatewayV1Api(stack, "Api", props)).template

test("ApiGatewayV1Api makes a REST API with a resource per path segment, Lambda proxy methods, a deployment and a traced stage named after the app's stage", () => {
  const template = build({ routes: { "GET /notes": "functions/list.main", "GET /notes/{id}": "functions/get.main", "ANY /files/{proxy+}": "functions/files.main" } })
  const r = template.Resources
  assert.deepEqual(r.Api.Properties, { Name: "test-notes-Api" })
  assert.deepEqual(r.ApiPathnotes.Properties, { RestApiId: { Ref: "Api" }, ParentId: { "Fn::GetAtt": ["Api", "RootResourceId"] }, PathPart: "notes" })
  assert.deepEqual(r.ApiPathnotesid.Properties, { RestApiId: { Ref: "Api" }, ParentId: { Ref: "ApiPathnotes" }, PathPart: "{id}" })
  assert.equal(r.ApiPathfilesproxy.Properties.PathPart, "{proxy+}")
  assert.deepEqual(r.ApiMethodGETnotesid.Properties, {
    RestApiId: { Ref: "Api" },
    ResourceId: { Ref: "ApiPathnotesid" },
    HttpMethod: "GET",
    AuthorizationType: "NONE",
    Integration: {
      Type: "AWS_PROXY",
      IntegrationHttpMethod: "POST",
      Uri: { "Fn::Join": ["", ["arn:", { Ref: "AWS::Partition" }, ":apigateway:us-east-1:lambda:path/2015-03-31/functions/", { "Fn::GetAtt": ["ApiLambdaGETnotesid", "Arn"] }, "/invocations"]] },
    },
  })
  assert.equal(r.ApiMethodANYfilesproxy.Properties.HttpMethod, "ANY")
  const deployment = deploymentId(template)
  assert.match(deployment, /^ApiDeployment[0-9a-f]{8}$/)
  assert.deepEqual(r.ApiStage.Properties.DeploymentId, { Ref: deployment })
  assert.equal(r.ApiStage.Properties.StageName, "test")
  assert.equal(r.ApiStage.Properties.TracingEnabled, true)
  assert.ok(r[deployment].DependsOn.includes("ApiMethodGETnotesid"))
  assert.equal(r.ApiPermissionGETnotes.Properties.Principal, "apigateway.amazonaws.com")
  assert.deepEqual(validateTemplate(template), [])
})

test("ApiGatewayV1Api's deployment is replaced when the routes change, and only then", () => {
  const routes = { "GET /notes": "functions/list.main" }
  const first = deploymentId(build({ routes }))
  assert.equal(deploymentId(build({ routes })), first, "same routes, same deployment")
  assert.notEqual(deploymentId(build({ routes: { ...routes, "POST /notes": "functions/create.main" } })), first, "a new route")
  // The method calls the same function; only the function's code changes, which needs no redeploy.
  assert.equal(deploymentId(build({ routes: { "GET /notes": "functions/other.main" } })), first, "another handler")
  assert.notEqual(deploymentId(build({ routes: { "GET /notes": { function: "functions/list.main", authorizer: "iam" } } })), first, "another authorizer")
  assert.equal(deploymentId(synth((stack) => new ApiGatewayV1Api(stack, "Api", { routes }), testApp({ stage: "prod" })).template), first, "the stage is not part of the API")
})

test("ApiGatewayV1Api answers CORS preflight with an OPTIONS method on every path; cors: true also adds headers to gateway errors", () => {
  const template = build({ routes: { "GET /notes": "functions/list.main" } })
  const r = template.Resources
  assert.equal(r.ApiPreflight.Properties.ResourceId["Fn::GetAtt"][1], "RootResourceId")
  assert.equal(r.ApiPreflightnotes.Properties.HttpMethod, "OPTIONS")
  assert.equal(r.ApiPreflightnotes.Properties.Integration.Type, "MOCK")
  assert.equal(r.ApiPreflightnotes.Properties.Integration.IntegrationResponses[0].ResponseParameters["method.response.header.Access-Control-Allow-Origin"], "'*'")
  assert.equal(ofType(template, "AWS::ApiGateway::GatewayResponse").length, 0)
  const on = build({ cors: true, routes: { "GET /notes": "functions/list.main" } })
  assert.deepEqual(ofType(on, "AWS::ApiGateway::GatewayResponse").map(([, x]) => x.Properties.ResponseType), ["DEFAULT_4XX", "DEFAULT_5XX"])
  const off = build({ cors: false, routes: { "GET /notes": "functions/list.main" } })
  assert.equal(ofType(off, "AWS::ApiGateway::Method").length, 1)
  assert.deepEqual(validateTemplate(on), [])
})

test("ApiGatewayV1Api access logs go to a log group, with the account's CloudWatch role that REST stages need; off with false", () => {
  const template = build({ accessLog: { retention: "one_month" } })
  const r = template.Resources
  assert.equal(r.ApiLogGroup.Properties.RetentionInDays, 30)
  assert.deepEqual(r.ApiAccount.Properties.CloudWatchRoleArn, { "Fn::GetAtt": ["ApiCloudWatchRole", "Arn"] })
  assert.equal(r.ApiCloudWatchRole.DeletionPolicy, "Retain")
  assert.deepEqual(r.ApiStage.DependsOn, ["ApiAccount"])
  assert.match(r.ApiStage.Properties.AccessLogSettings?.Format ?? r.ApiStage.Properties.AccessLogSetting.Format, /"resourcePath":"\$context\.resourcePath"/)
  const off = build({ accessLog: false })
  assert.equal(off.Resources.ApiAccount, undefined)
  assert.equal(off.Resources.ApiStage.Properties.AccessLogSetting, undefined)
})

test("ApiGatewayV1Api authorizers: user_pools, lambda_token and lambda_request, with iam and none built in", () => {
  const { template } = synth((stack) => {
    const fn = new Function(stack, "Authorizer", { handler: "functions/authorizer.main" })
    new ApiGatewayV1Api(stack, "Api", {
      authorizers: {
        Pool: { type: "user_pools", userPoolIds: ["us-east-1_abc"] },
        Token: { type: "lambda_token", function: fn, validationRegex: "^Bearer .+$", resultsCacheTtl: "5 minutes" },
        Request: { type: "lambda_request", function: fn, identitySources: ["method.request.header.Authorization", "method.request.querystring.key"] },
      },
      defaults: { authorizer: "Pool", authorizationScopes: ["notes/read"] },
      routes: {
        "GET /notes": "functions/list.main",
        "POST /notes": { function: "functions/create.main", authorizer: "Token" },
        "PUT /notes": { function: "functions/update.main", authorizer: "Request" },
        "GET /health": { function: "functions/health.main", authorizer: "none" },
        "GET /admin": { function: "functions/admin.main", authorizer: "iam" },
      },
    })
  })
  const r = template.Resources
  assert.equal(r.ApiAuthorizerPool.Properties.Type, "COGNITO_USER_POOLS")
  assert.deepEqual(r.ApiAuthorizerPool.Properties.ProviderARNs, [
    { "Fn::Join": ["", ["arn:", { Ref: "AWS::Partition" }, ":cognito-idp:us-east-1:", { Ref: "AWS::AccountId" }, ":userpool/us-east-1_abc"]] },
  ])
  assert.equal(r.ApiAuthorizerToken.Properties.Type, "TOKEN")
  assert.equal(r.ApiAuthorizerToken.Properties.IdentitySource, "method.request.header.Authorization")
  assert.equal(r.ApiAuthorizerToken.Properties.IdentityValidationExpression, "^Bearer .+$")
  assert.equal(r.ApiAuthorizerToken.Properties.AuthorizerResultTtlInSeconds, 300)
  assert.equal(r.ApiAuthorizerRequest.Properties.Type, "REQUEST")
  assert.equal(r.ApiAuthorizerRequest.Properties.IdentitySource, "method.request.header.Authorization,method.request.querystring.key")
  assert.equal(r.ApiAuthorizerTokenPermission.Type, "AWS::Lambda::Permission")
  assert.deepEqual([r.ApiMethodGETnotes.Properties.AuthorizationType, r.ApiMethodGETnotes.Properties.AuthorizationScopes], ["COGNITO_USER_POOLS", ["notes/read"]])
  assert.deepEqual(r.ApiMethodPOSTnotes.Properties.AuthorizerId, { Ref: "ApiAuthorizerToken" })
  assert.equal(r.ApiMethodPOSTnotes.Properties.AuthorizationType, "CUSTOM")
  assert.equal(r.ApiMethodGEThealth.Properties.AuthorizationType, "NONE")
  assert.equal(r.ApiMethodGETadmin.Properties.AuthorizationType, "AWS_IAM")
  assert.deepEqual(validateTemplate(template), [])
})

test("ApiGatewayV1Api refuses $default, an OPTIONS route under CORS, duplicates and unknown authorizers", () => {
  const error = catchValidation(() =>
    build({
      routes: {
        $default: "f.main",
        "OPTIONS /notes": "f.main",
        "GET /notes": { function: "f.main", authorizer: "Nope" },
        "get  /notes": "f.main",
      },
    }),
  )
  assert.deepEqual(
    error.problems.map((p) => [p.code, p.property]),
    [
      ["InvalidRouteKey", "routes.$default"],
      ["OptionsRouteWithCors", 'routes["OPTIONS /notes"]'],
      ["UnknownAuthorizer", 'routes["GET /notes"].authorizer'],
    ],
  )
  assert.match(error.problems[0].fix, /ANY \/\{proxy\+\}/)
})

test("ApiGatewayV1Api names a misspelt prop", () => {
  const error = catchValidation(() =>
    // @ts-expect-error misspelt on purpose
    build({ accesLog: false }),
  )
  assert.equal(error.problems[0].fix, 'did you mean "accessLog"?')
})

test("ApiGatewayV1Api url, restApiId, restApiArn, binding and permission", () => {
  const { template } = synth((stack) => {
    const api = new ApiGatewayV1Api(stack, "Rest", { routes: { "GET /": "functions/home.main" } })
    new Function(stack, "Caller", { handler: "functions/caller.main", bind: [api], permissions: [api] })
    stack.addOutputs({ Url: api.url, Arn: api.restApiArn })
  })
  const url = { "Fn::Join": ["", ["https://", { Ref: "Rest" }, ".execute-api.us-east-1.", { Ref: "AWS::URLSuffix" }, "/test/"]] }
  assert.deepEqual(template.Outputs!.Url.Value, url)
  assert.deepEqual(template.Resources.Caller.Properties.Environment.Variables.SST_ApiGatewayV1Api_url_Rest, url)
  assert.equal(statementsOf(template.Resources, "Caller")[0].Action, "execute-api:Invoke")
})

test("ApiGatewayV1Api routes with one handler share a function and its permission; attachPermissions reaches later routes", () => {
  let api!: ApiGatewayV1Api
  const { template } = synth((stack) => {
    api = new ApiGatewayV1Api(stack, "Api", { routes: { "GET /notes": "functions/notes.main", "POST /notes": "functions/notes.main" } })
    api.attachPermissions(["s3"])
    api.addRoutes(stack, { "GET /other": "functions/other.main" })
  })
  assert.equal(api.getFunction("POST /notes"), api.getFunction("GET  /notes"))
  assert.equal(ofType(template, "AWS::Lambda::Function").length, 2)
  assert.equal(ofType(template, "AWS::Lambda::Permission").length, 2)
  assert.equal(statementsOf(template.Resources, "ApiLambdaGETother")[0].Action, "s3:*")
  assert.deepEqual(api.routes, ["GET /notes", "POST /notes", "GET /other"])
})

test("ApiGatewayV1Api customDomain: regional by default, with its certificate, base path mapping and records", () => {
  let api!: ApiGatewayV1Api
  const { template } = synth((stack) => {
    api = new ApiGatewayV1Api(stack, "Api", { customDomain: { domainName: "api.example.com", path: "v1", securityPolicy: "TLS 1.2" }, routes: { "GET /": "functions/home.main" } })
  })
  const r = template.Resources
  assert.equal(api.customDomainUrl, "https://api.example.com/v1/")
  assert.deepEqual(r.ApiDomainName.Properties, {
    DomainName: "api.example.com",
    EndpointConfiguration: { Types: ["REGIONAL"] },
    RegionalCertificateArn: { Ref: "ApiCertificate" },
    SecurityPolicy: "TLS_1_2",
  })
  assert.deepEqual(r.ApiBasePathMapping.Properties, { DomainName: { Ref: "ApiDomainName" }, RestApiId: { Ref: "Api" }, Stage: { Ref: "ApiStage" }, BasePath: "v1" })
  assert.deepEqual(r.ApiAliasRecord.Properties.AliasTarget.DNSName, { "Fn::GetAtt": ["ApiDomainName", "RegionalDomainName"] })
  assert.deepEqual(validateTemplate(template), [])
})

test("ApiGatewayV1Api edge customDomain: CloudFront's names in the records; outside us-east-1 it needs a certificate from there", () => {
  const { template } = synth((stack) => new ApiGatewayV1Api(stack, "Api", { customDomain: { domainName: "api.example.com", endpointType: "edge" } }))
  const r = template.Resources
  assert.deepEqual(r.ApiDomainName.Properties.EndpointConfiguration, { Types: ["EDGE"] })
  assert.deepEqual(r.ApiDomainName.Properties.CertificateArn, { Ref: "ApiCertificate" })
  assert.deepEqual(r.ApiAliasRecord.Properties.AliasTarget, { DNSName: { "Fn::GetAtt": ["ApiDomainName", "DistributionDomainName"] }, HostedZoneId: { "Fn::GetAtt": ["ApiDomainName", "DistributionHostedZoneId"] } })
  const error = catchValidation(() => synth((stack) => new ApiGatewayV1Api(stack, "Api", { customDomain: { domainName: "api.example.com", endpointType: "edge" } }), testApp({ region: "eu-west-1" })))
  assert.equal(error.problems[0].code, "EdgeCertificateRegion")
  const given = synth(
    (stack) => new ApiGatewayV1Api(stack, "Api", { customDomain: { domainName: "api.example.com", endpointType: "edge", cdk: { certificate: { certificateArn: "arn:aws:acm:us-east-1:1:certificate/x" } } } }),
    testApp({ region: "eu-west-1" }),
  ).template
  assert.equal(given.Resources.ApiDomainName.Properties.CertificateArn, "arn:aws:acm:us-east-1:1:certificate/x")
})
