import assert from "node:assert/strict"
import { test } from "node:test"
import { catchValidation, emit, synth, testApp, statementsOf } from "../test/helpers/synth.ts"
import { validateTemplate } from "../test/helpers/validate-template.ts"
import { Parameter, Secret } from "./Config.ts"
import { Function } from "./Function.ts"
import { Stack } from "./Stack.ts"

const ssmArn = (name: string) => ({ "Fn::Join": ["", ["arn:", { Ref: "AWS::Partition" }, ":ssm:", { Ref: "AWS::Region" }, ":", { Ref: "AWS::AccountId" }, `:parameter${name}`]] })

test("Config.Parameter writes its value to SSM and binds it as SST_Parameter_value_<id>", () => {
  const { template } = synth((stack) => {
    const url = new Parameter(stack, "API_URL", { value: "https://example.com" })
    new Function(stack, "F", { handler: "f.main", bind: [url] })
  })
  assert.deepEqual(template.Resources.APIURLParametervalue, {
    Type: "AWS::SSM::Parameter",
    Properties: { Name: "/sst/notes/test/Parameter/API_URL/value", Type: "String", Value: "https://example.com" },
  })
  assert.equal(Object.values(template.Resources).filter((r: any) => r.Type === "AWS::SSM::Parameter").length, 1, "binding reuses the parameter")
  assert.equal(template.Resources.F.Properties.Environment.Variables.SST_Parameter_value_API_URL, "https://example.com")
  assert.equal(template.Resources.FServiceRoleDefaultPolicy, undefined, "a plain value needs no permission")
  assert.deepEqual(validateTemplate(template), [])
})

test("Config.Parameter takes a reference as its value", () => {
  const { template } = synth((stack) => {
    const fn = new Function(stack, "Target", { handler: "t.main" })
    const name = new Parameter(stack, "TARGET", { value: fn.functionName })
    new Function(stack, "F", { handler: "f.main", bind: [name] })
  })
  assert.deepEqual(template.Resources.TARGETParametervalue.Properties.Value, { Ref: "Target" })
  assert.deepEqual(template.Resources.F.Properties.Environment.Variables.SST_Parameter_value_TARGET, { Ref: "Target" })
})

test("Config.Secret binds a placeholder and the right to read its SSM value and fallback, and nothing of the value", () => {
  const { template } = synth((stack) => {
    const key = new Secret(stack, "STRIPE_KEY")
    new Function(stack, "F", { handler: "f.main", bind: [key] })
  })
  assert.equal(template.Resources.F.Properties.Environment.Variables.SST_Secret_value_STRIPE_KEY, "__FETCH_FROM_SSM__")
  assert.deepEqual(statementsOf(template.Resources, "F"), [
    {
      Effect: "Allow",
      Action: "ssm:GetParameters",
      Resource: [ssmArn("/sst/notes/test/Secret/STRIPE_KEY/value"), ssmArn("/sst/notes/.fallback/Secret/STRIPE_KEY/value")],
    },
  ])
  assert.equal(Object.values(template.Resources).some((r: any) => r.Type === "AWS::SSM::Parameter"), false, "secrets are set by sst secrets, never by the template")
  assert.deepEqual(validateTemplate(template), [])
})

test("permissions: [secret] and [parameter] grant reading them, as binding does", () => {
  const { template } = synth((stack) => {
    const key = new Secret(stack, "KEY")
    const url = new Parameter(stack, "URL", { value: "u" })
    new Function(stack, "F", { handler: "f.main", permissions: [key, url] })
  })
  const statements = statementsOf(template.Resources, "F")
  assert.deepEqual(statements, [
    { Effect: "Allow", Action: "ssm:GetParameters", Resource: [ssmArn("/sst/notes/test/Secret/KEY/value"), ssmArn("/sst/notes/.fallback/Secret/KEY/value")] },
    { Effect: "Allow", Action: "ssm:GetParameters", Resource: ssmArn("/sst/notes/test/Parameter/URL/value") },
  ])
})

test("Config.Secret.create and Config.Parameter.create make several at once, keyed by id", () => {
  const app = testApp()
  const stack = new Stack(app, "Main")
  const secrets = Secret.create(stack, "A", "B")
  const params = Parameter.create(stack, { C: "c", D: "d" })
  assert.deepEqual(Object.keys(secrets), ["A", "B"])
  assert.ok(secrets.A instanceof Secret && secrets.B.name === "B")
  assert.equal(params.D.value, "d")
  const { template } = emit(app)
  assert.deepEqual(Object.keys(template.Resources), ["CParametervalue", "DParametervalue"])
})

test("an id with '-' becomes '_' in the environment name, as SST v1's client reads it", () => {
  const { template } = synth((stack) => {
    new Function(stack, "F", { handler: "f.main", bind: [new Secret(stack, "my-key")] })
  })
  assert.equal(template.Resources.F.Properties.Environment.Variables.SST_Secret_value_my_key, "__FETCH_FROM_SSM__")
})

test("Config refuses two parameters or secrets with one name anywhere in the app", () => {
  const app = testApp()
  new Secret(new Stack(app, "One"), "KEY")
  new Parameter(new Stack(app, "Two"), "KEY", { value: "v" })
  const error = catchValidation(() => emit(app))
  assert.equal(error.problems[0].code, "DuplicateConfigName")
  assert.equal(
    error.message,
    [
      'Parameter "notes/test/Two/KEY" uses the name "KEY", which the Secret "notes/test/One/KEY" already has.  [DuplicateConfigName]',
      "  Allowed: names that are unique among all Config parameters and secrets of the app (functions read them all as Config.<name>).",
      "  Fix: rename one of the two.",
    ].join("\n"),
  )
})

test("Config.Parameter refuses an empty value, a missing value and unknown props", () => {
  const empty = catchValidation(() => synth((stack) => new Parameter(stack, "P", { value: "" })))
  assert.equal(empty.problems[0].code, "InvalidParameterValue")
  assert.match(empty.message, /is an empty string, which SSM refuses/)
  // @ts-expect-error the type requires a value
  const missing = catchValidation(() => synth((stack) => new Parameter(stack, "P", {})))
  assert.equal(missing.problems[0].code, "MissingProp")
  assert.equal(missing.problems[0].property, "value")
  // @ts-expect-error the type refuses unknown props
  const unknown = catchValidation(() => synth((stack) => new Parameter(stack, "P", { value: "v", vlaue: "w" })))
  assert.equal(unknown.problems[0].code, "UnknownProp")
})

test("Config.Secret refuses a value in code and says how to set it", () => {
  // @ts-expect-error a secret takes no value; JavaScript callers reach the check
  const error = catchValidation(() => synth((stack) => new Secret(stack, "KEY", { value: "sk_live_123" })))
  assert.equal(error.problems[0].code, "SecretValueInCode")
  assert.match(error.message, /Fix: remove the value and run: sst secrets set KEY <value>/)
  assert.doesNotMatch(error.message, /sk_live_123/, "the value is not repeated in the error")
})
