import assert from "node:assert/strict"
import { test } from "node:test"
import { App } from "./App.ts"
import { catchValidation, emit, synth, testApp, statementsOf } from "../test/helpers/synth.ts"
import { validateTemplate } from "../test/helpers/validate-template.ts"
import { Queue } from "../test/fixtures/functions/bindable-doubles.ts"
import { Function } from "./Function.ts"
import { Script } from "./Script.ts"
import { Stack } from "./Stack.ts"

test("Script runs its functions through a Custom::SSTScript resource served by the stack's provider", () => {
  const { template } = synth((stack) => {
    new Script(stack, "Seed", { onCreate: "functions/seed.main", onUpdate: "functions/update.main", params: { size: 10 } })
  })
  const resource = template.Resources.SeedScriptResource
  assert.equal(resource.Type, "Custom::SSTScript")
  assert.deepEqual(resource.Properties.ServiceToken, { "Fn::GetAtt": ["CustomResourceHandler", "Arn"] })
  assert.deepEqual(resource.Properties.UserCreateFunction, { Ref: "SeedonCreateFunction" })
  assert.deepEqual(resource.Properties.UserUpdateFunction, { Ref: "SeedonUpdateFunction" })
  assert.equal(resource.Properties.UserDeleteFunction, undefined)
  assert.equal(resource.Properties.UserParams, '{"size":10}')
  assert.match(resource.Properties.CodeVersion, /^[0-9a-f]{16}$/)
  assert.equal(template.Resources.SeedonCreateFunction.Properties.Timeout, 900, "a script may run as long as Lambda allows")
  const provider = template.Resources.CustomResourceHandler
  assert.equal(provider.Properties.Runtime, "nodejs24.x")
  assert.equal(provider.Properties.Handler, "provider.handler")
  assert.deepEqual(provider.Properties.Code.S3Key, "assets/unpackaged/Main/CustomResourceHandler.zip")
  assert.deepEqual(provider.DependsOn, ["CustomResourceHandlerServiceRoleDefaultPolicy"])
  assert.deepEqual(template.Resources.CustomResourceHandlerServiceRoleDefaultPolicy.Properties.PolicyDocument.Statement, [
    {
      Effect: "Allow",
      Action: "lambda:InvokeFunction",
      Resource: [{ "Fn::GetAtt": ["SeedonCreateFunction", "Arn"] }, { "Fn::GetAtt": ["SeedonUpdateFunction", "Arn"] }],
    },
  ])
  assert.deepEqual(validateTemplate(template), [])
})

test("Script's provider is built from the sst package, minified, with the AWS SDK left to the runtime", () => {
  const { app } = synth((stack) => new Script(stack, "S", { onCreate: "f.main" }))
  const asset = app.assets.find((a) => a.id === "Main/CustomResourceHandler")
  assert.deepEqual(asset?.source, {
    runtime: "nodejs24.x",
    family: "node",
    handler: "provider.handler",
    srcPath: "resources/custom-resource/lambda",
    srcRoot: "sst",
    architecture: "arm64",
    node: { format: "esm", minify: true, sourcemap: false, loader: {}, externalModules: ["@aws-sdk/*"], nodeModules: [], define: {}, keepNames: false, copyFiles: [] },
    constructPath: "notes/test/Main/CustomResourceHandler",
  })
})

test("Script params may hold references; they reach the functions as JSON", () => {
  const { template } = synth((stack) => {
    const queue = new Queue(stack, "Jobs")
    new Script(stack, "S", { onCreate: "f.main", params: { queueUrl: queue.queueUrl } })
  })
  assert.deepEqual(template.Resources.SScriptResource.Properties.UserParams, { "Fn::Join": ["", ['{"queueUrl":"', { Ref: "Jobs" }, '"}']] })
})

test("CodeVersion follows the functions' code: same zips, same value; another zip, another value", () => {
  const build = (key: string | undefined) => {
    const app = testApp()
    const script = new Script(new Stack(app, "Main"), "S", { onCreate: "f.main" })
    if (key && script.createFunction) script.createFunction.asset.s3Key = key
    return emit(app).template.Resources.SScriptResource.Properties.CodeVersion
  }
  assert.equal(build("assets/aaa.zip"), build("assets/aaa.zip"))
  assert.notEqual(build("assets/aaa.zip"), build("assets/bbb.zip"))
  assert.equal(build(undefined), build(undefined), "the same before packaging too")
})

test("one provider serves every custom resource of a stack; each stack has its own", () => {
  const app = testApp()
  const one = new Stack(app, "One")
  new Script(one, "A", { onCreate: "a.main" })
  new Script(one, "B", { onDelete: "b.main" })
  new Script(new Stack(app, "Two"), "C", { onCreate: "c.main" })
  const { templates } = emit(app)
  assert.equal(Object.values(templates.One.Resources).filter((r: any) => r.Properties?.Handler === "provider.handler").length, 1)
  assert.deepEqual(templates.One.Resources.CustomResourceHandlerServiceRoleDefaultPolicy.Properties.PolicyDocument.Statement.map((s: any) => s.Resource), [
    { "Fn::GetAtt": ["AonCreateFunction", "Arn"] },
    { "Fn::GetAtt": ["BonDeleteFunction", "Arn"] },
  ])
  assert.ok(templates.Two.Resources.CustomResourceHandler)
  for (const template of Object.values(templates)) assert.deepEqual(validateTemplate(template), [])
})

test("Script applies defaults.function after a timeout of 900 s, and the functions' own props last", () => {
  const { template } = synth((stack) => {
    new Script(stack, "S", {
      defaults: { function: { timeout: 60, environment: { A: "1" } } },
      onCreate: { handler: "f.main", environment: { B: "2" } },
      onUpdate: "g.main",
    })
  })
  const create = template.Resources.SonCreateFunction.Properties
  assert.equal(create.Timeout, 60)
  assert.equal(create.Environment.Variables.A, "1")
  assert.equal(create.Environment.Variables.B, "2")
  assert.equal(template.Resources.SonUpdateFunction.Properties.Timeout, 60)
})

test("Script takes a Function as is, and one Function serving two hooks is granted once", () => {
  const { template } = synth((stack) => {
    const fn = new Function(stack, "Migrate", { handler: "m.main", enableLiveDev: false })
    const script = new Script(stack, "S", { onCreate: fn, onUpdate: fn })
    assert.equal(script.createFunction, fn)
  })
  assert.deepEqual(template.Resources.SScriptResource.Properties.UserUpdateFunction, { Ref: "Migrate" })
  assert.deepEqual(template.Resources.CustomResourceHandlerServiceRoleDefaultPolicy.Properties.PolicyDocument.Statement[0].Resource, { "Fn::GetAtt": ["Migrate", "Arn"] })
})

test("Script.attachPermissions and bind reach every function of the script", () => {
  const { template } = synth((stack) => {
    const queue = new Queue(stack, "Jobs")
    const script = new Script(stack, "S", { onCreate: "a.main", onDelete: "b.main" })
    script.attachPermissions(["s3"])
    script.bind([queue])
  })
  for (const id of ["SonCreateFunction", "SonDeleteFunction"]) {
    const actions = statementsOf(template.Resources, id).map((s: any) => s.Action)
    assert.deepEqual(actions, ["s3:*", "sqs:*"])
    assert.deepEqual(template.Resources[id].Properties.Environment.Variables.SST_Queue_queueUrl_Jobs, { Ref: "Jobs" })
  }
})

test("Script refuses defaults.function with a Function it cannot change", () => {
  const error = catchValidation(() =>
    synth((stack) => new Script(stack, "S", { onCreate: new Function(stack, "F", { handler: "f.main" }), defaults: { function: { timeout: 5 } } })),
  )
  assert.equal(error.problems[0].code, "CannotInheritDefaults")
  assert.match(error.message, /is passed as a Function to the Script "notes\/test\/Main\/S", whose defaults.function cannot apply to it/)
})

test("Script needs at least one function, and says which props exist", () => {
  const error = catchValidation(() => synth((stack) => new Script(stack, "S", { params: {} })))
  assert.equal(
    error.message,
    [
      'Script "notes/test/Main/S" has none of onCreate, onUpdate and onDelete.  [ScriptNeedsFunction]',
      "  Allowed: at least one of onCreate, onUpdate, onDelete.",
      '  Fix: add one, e.g. onCreate: "functions/seed.main".',
    ].join("\n"),
  )
  // @ts-expect-error misspelt prop
  const unknown = catchValidation(() => synth((stack) => new Script(stack, "S", { onCreat: "f.main" })))
  assert.equal(unknown.problems[0].code, "UnknownProp")
  assert.match(unknown.message, /did you mean "onCreate"\?/)
})

test("Script refuses the pre-0.46 `function` prop with the way to upgrade", () => {
  // @ts-expect-error the old prop
  const error = catchValidation(() => synth((stack) => new Script(stack, "S", { function: "f.main" })))
  assert.equal(error.problems[0].code, "ScriptFunctionRenamed")
  assert.match(error.message, /Fix: rename function to onCreate and add the same value as onUpdate\./)
})

test("under sst start, Script refuses a Function that would run on the developer's machine", () => {
  const app = new App({ name: "notes", stage: "dev", region: "us-east-1", local: true, mode: "dev" })
  const stack = new Stack(app, "Main")
  new Script(stack, "S", { onCreate: new Function(stack, "F", { handler: "f.main" }) })
  const error = catchValidation(() => emit(app))
  assert.equal(error.problems[0].code, "ScriptFunctionLiveDev")
  assert.match(error.message, /Fix: set enableLiveDev: false on "F", or pass its props instead of the Function\./)
})

test("Script functions made from handlers or props never run live", () => {
  const { app } = synth((stack) => new Script(stack, "S", { onCreate: "a.main", onUpdate: { handler: "b.main" } }))
  const script = app.stacks[0].children.find((c) => c.id === "S") as Script
  assert.equal(script.createFunction?.props.enableLiveDev, false)
  assert.equal(script.updateFunction?.props.enableLiveDev, false)
})
