import assert from "node:assert/strict"
import { test } from "node:test"
import { catchValidation, emit, synth, testApp, statementsOf } from "../test/helpers/synth.ts"
import { validateTemplate } from "../test/helpers/validate-template.ts"
import { Plain, Queue, Table, ViteStaticSite } from "../test/fixtures/functions/bindable-doubles.ts"
import { Function } from "./Function.ts"
import { Stack } from "./Stack.ts"

test("Function has SST v1's defaults: 1024 MB, 10 s, active tracing, nodejs24.x, and a template CloudFormation accepts", () => {
  const { template } = synth((stack) => new Function(stack, "List", { handler: "functions/list.main" }))
  const fn = template.Resources.List
  assert.equal(fn.Type, "AWS::Lambda::Function")
  assert.equal(fn.Properties.MemorySize, 1024)
  assert.equal(fn.Properties.Timeout, 10)
  assert.deepEqual(fn.Properties.TracingConfig, { Mode: "Active" })
  assert.equal(fn.Properties.Runtime, "nodejs24.x")
  assert.equal(fn.Properties.Handler, "functions/list.main")
  assert.deepEqual(fn.Properties.Environment.Variables, { SST_APP: "notes", SST_STAGE: "test", AWS_NODEJS_CONNECTION_REUSE_ENABLED: "1" })
  assert.deepEqual(fn.Properties.Code.S3Bucket, { "Fn::Sub": "sst-assets-${AWS::AccountId}-${AWS::Region}" })
  assert.equal(template.Resources.ListServiceRole.Type, "AWS::IAM::Role")
  assert.equal(template.Resources.ListServiceRoleDefaultPolicy, undefined, "no policy without statements")
  assert.equal(template.Resources.ListServiceRole.Properties.Policies, undefined, "no inline policy without statements")
  assert.deepEqual(validateTemplate(template), [])
})

test("Function reads sizes and durations written as SST v1 strings", () => {
  const { template } = synth((stack) => new Function(stack, "F", { handler: "f.main", memorySize: "2 GB", timeout: "5 minutes", diskSize: "1024 MB", architecture: "arm_64", tracing: "disabled" }))
  const p = template.Resources.F.Properties
  assert.equal(p.MemorySize, 2048)
  assert.equal(p.Timeout, 300)
  assert.deepEqual(p.EphemeralStorage, { Size: 1024 })
  assert.deepEqual(p.Architectures, ["arm64"])
  assert.equal(p.TracingConfig, undefined)
})

test("Function maps a retired runtime to the newest of its language and warns once, naming both", () => {
  const { template, result } = synth((stack) => {
    new Function(stack, "F", { handler: "f.main", runtime: "nodejs16.x" })
    new Function(stack, "G", { handler: "g.main", runtime: "nodejs16.x" })
    new Function(stack, "H", { handler: "h.main", runtime: "nodejs14.x" })
  })
  assert.equal(template.Resources.F.Properties.Runtime, "nodejs24.x")
  assert.equal(template.Resources.G.Properties.Runtime, "nodejs24.x")
  assert.equal(result.warnings.length, 2, "one line per retired runtime, not per function")
  assert.match(result.warnings[0], /^Function "notes\/test\/Main\/F": runtime "nodejs16.x" is retired by AWS Lambda; building it \(and every other function naming it\) for "nodejs24.x" instead/)
  assert.match(result.warnings[1], /runtime "nodejs14.x" is retired/)
})

test("Function refuses a retired runtime when retiredRuntimes is \"error\"", () => {
  const error = catchValidation(() => synth((stack) => new Function(stack, "F", { handler: "f.main", runtime: "python3.8", srcPath: "src", retiredRuntimes: "error" })))
  assert.equal(error.problems[0].code, "RetiredRuntime")
  assert.match(error.message, /Fix: set runtime: "python3.14"/)
})

test("Function merges app defaults, stack defaults, construct defaults and its own props in that order", () => {
  const app = testApp()
  app.setDefaultFunctionProps({ timeout: 20, environment: { A: "app", B: "app" }, bundle: { format: "esm", minify: false }, permissions: ["s3"] })
  const stack = new Stack(app, "Main")
  stack.setDefaultFunctionProps({ environment: { B: "stack" }, memorySize: 512 })
  const fn = Function.fromDefinition(stack, "F", { handler: "f.main", bundle: { format: "cjs" }, permissions: ["sqs"] }, { environment: { C: "construct" }, timeout: 30 })
  const { template } = emit(app)
  const p = template.Resources.F.Properties
  assert.equal(p.Timeout, 30)
  assert.equal(p.MemorySize, 512)
  assert.equal(p.Environment.Variables.A, "app")
  assert.equal(p.Environment.Variables.B, "stack")
  assert.equal(p.Environment.Variables.C, "construct")
  assert.deepEqual(fn.props.bundle, { format: "cjs", minify: false })
  assert.deepEqual(
    statementsOf(template.Resources, "F").map((s: { Action: string }) => s.Action),
    ["s3:*", "sqs:*"],
  )
})

test("Function.fromDefinition returns a Function as is, makes one from a handler string, and refuses defaults on an existing Function", () => {
  const app = testApp()
  const stack = new Stack(app, "Main")
  const existing = new Function(stack, "Existing", { handler: "f.main" })
  assert.equal(Function.fromDefinition(stack, "X", existing), existing)
  const made = Function.fromDefinition(stack, "Y", "functions/y.handler")
  assert.equal(made.props.handler, "functions/y.handler")
  Function.fromDefinition(stack, "Z", existing, { timeout: 5 }, "Cannot set defaults.function when a Function is passed as a route.")
  const error = catchValidation(() => emit(app))
  assert.equal(error.problems[0].code, "CannotInheritDefaults")
  assert.match(error.message, /Cannot set defaults.function when a Function is passed as a route\./)
})

test("Function says which prop is unknown and suggests the close one", () => {
  const error = catchValidation(() =>
    // @ts-expect-error the type refuses it already; JavaScript callers reach the schema
    synth((stack) => new Function(stack, "F", { handler: "f.main", timout: 3 })),
  )
  assert.equal(error.problems[0].code, "UnknownProp")
  assert.match(error.message, /did you mean "timeout"\?/)
})

test("Function refuses a handler without an export and a function name over 64 characters", () => {
  const error = catchValidation(() =>
    synth((stack) => {
      new Function(stack, "A", { handler: "functions/list" })
      new Function(stack, "B", { handler: "b.main", functionName: ({ stack }) => `${stack.stage}-${"x".repeat(70)}` })
    }),
  )
  assert.deepEqual(error.problems.map((p) => p.code), ["InvalidHandler", "InvalidFunctionName"])
  assert.match(error.message, /Function "notes\/test\/Main\/A": handler is "functions\/list", which is not a nodejs24.x handler\./)
  assert.match(error.message, /shorten it by 11 characters/)
})

test("bind sets SST_<Class>_<prop>_<id> exactly as SST v1's client reads it, grants the permissions and writes the SSM parameter", () => {
  const { template } = synth((stack) => {
    const table = new Table(stack, "notes")
    const queue = new Queue(stack, "my-queue")
    new Function(stack, "F", { handler: "f.main", bind: [table, queue] })
  })
  const variables = template.Resources.F.Properties.Environment.Variables
  assert.deepEqual(variables.SST_Table_tableName_notes, { Ref: "notes" })
  assert.deepEqual(variables.SST_Queue_queueUrl_my_queue, { Ref: "myqueue" })
  const statements = statementsOf(template.Resources, "F")
  assert.deepEqual(statements[0], { Effect: "Allow", Action: "dynamodb:*", Resource: [{ "Fn::GetAtt": ["notes", "Arn"] }, { "Fn::Join": ["", [{ "Fn::GetAtt": ["notes", "Arn"] }, "/*"]] }] })
  assert.deepEqual(statements[1], { Effect: "Allow", Action: "sqs:*", Resource: { "Fn::GetAtt": ["myqueue", "Arn"] } })
  assert.deepEqual(template.Resources.notesParametertableName.Properties, { Name: "/sst/notes/test/Table/notes/tableName", Type: "String", Value: { Ref: "notes" } })
  assert.equal(template.Resources.F.DependsOn, undefined, "the statements are inline in the role the function already waits for")
  assert.deepEqual(validateTemplate(template), [])
})

test("bind names a site by its own subclass and reads its URL from SSM", () => {
  const { template } = synth((stack) => {
    const site = new ViteStaticSite(stack, "site", "https://example.com")
    new Function(stack, "F", { handler: "f.main", bind: [site] })
  })
  assert.equal(template.Resources.F.Properties.Environment.Variables.SST_ViteStaticSite_url_site, "__FETCH_FROM_SSM__")
  assert.equal(template.Resources.siteParameterurl.Properties.Name, "/sst/notes/test/ViteStaticSite/site/url")
  const [statement] = statementsOf(template.Resources, "F")
  assert.equal(statement.Action, "ssm:GetParameters")
  assert.deepEqual(statement.Resource["Fn::Join"][1].slice(-1), [":parameter/sst/notes/test/ViteStaticSite/site/url"])
})

test("config, bind's name before SST v1.16, binds like bind, from defaults and from the function", () => {
  const { template } = synth((stack) => {
    const table = new Table(stack, "notes")
    const queue = new Queue(stack, "jobs")
    stack.setDefaultFunctionProps({ config: [table] })
    new Function(stack, "F", { handler: "f.main", config: [queue] })
  })
  const variables = template.Resources.F.Properties.Environment.Variables
  assert.deepEqual(variables.SST_Table_tableName_notes, { Ref: "notes" })
  assert.deepEqual(variables.SST_Queue_queueUrl_jobs, { Ref: "jobs" })
  assert.deepEqual(statementsOf(template.Resources, "F").map((statement) => statement.Action), ["dynamodb:*", "sqs:*"])
})

test("Two functions binding one table share one SSM parameter; a construct without a binding is refused", () => {
  const error = catchValidation(() =>
    synth((stack) => {
      const table = new Table(stack, "notes")
      new Function(stack, "A", { handler: "a.main", bind: [table] })
      new Function(stack, "B", { handler: "b.main", bind: [table, new Plain(stack, "plain")] })
    }),
  )
  assert.equal(error.problems.length, 1)
  assert.equal(error.problems[0].code, "NotBindable")
  assert.equal(error.problems[0].property, "bind[1]")
})

test("attachPermissions after creation and addEnvironment land in the template", () => {
  const { template } = synth((stack) => {
    const table = new Table(stack, "notes")
    const fn = new Function(stack, "F", { handler: "f.main" })
    fn.attachPermissions([table])
    fn.addEnvironment("MODE", "fast")
  })
  assert.equal(template.Resources.F.Properties.Environment.Variables.MODE, "fast")
  assert.equal(statementsOf(template.Resources, "F")[0].Action, "dynamodb:*")
})

test("url creates the function URL with allow-all CORS and both public invoke permissions; logRetention a log group", () => {
  const { template, app } = synth((stack) => new Function(stack, "F", { handler: "f.main", url: true, logRetention: "two_weeks", functionName: "notes-f" }))
  assert.equal(template.Resources.FUrl.Properties.AuthType, "NONE")
  assert.deepEqual(template.Resources.FUrl.Properties.Cors, { AllowHeaders: ["*"], AllowMethods: ["*"], AllowOrigins: ["*"] })
  assert.equal(template.Resources.FUrlPermission.Properties.Action, "lambda:InvokeFunctionUrl")
  assert.equal(template.Resources.FUrlInvokePermission.Properties.InvokedViaFunctionUrl, true)
  assert.deepEqual(template.Resources.FLogGroup.Properties, { LogGroupName: "/aws/lambda/notes-f", RetentionInDays: 14 })
  assert.deepEqual(validateTemplate(template), [])
  assert.ok(app.assets.some((asset) => asset.kind === "function" && asset.id === "Main/F"))
})

test("A Python function needs a srcPath; Go builds for provided.al2023 with the handler bootstrap", () => {
  const error = catchValidation(() => synth((stack) => new Function(stack, "P", { handler: "api/list.handler", runtime: "python3.12" })))
  assert.equal(error.problems[0].code, "PythonSrcPathRequired")
  const { template } = synth((stack) => new Function(stack, "G", { handler: "cmd/list", runtime: "go1.x", srcPath: "services" }))
  assert.equal(template.Resources.G.Properties.Runtime, "provided.al2023")
  assert.equal(template.Resources.G.Properties.Handler, "bootstrap")
})
