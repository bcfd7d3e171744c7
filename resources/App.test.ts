import assert from "node:assert/strict"
import { test } from "node:test"
import { Api, App, CfnResource, Construct, Function, Stack, type StackContext, type StackProps } from "./index.ts"
import { catchValidation, emit, synth, testApp } from "../test/helpers/synth.ts"

test("App holds name, stage and region; account is a deploy-time value", () => {
  const app = new App({ name: "notes", stage: "prod", region: "eu-west-1" })
  assert.deepEqual([app.name, app.stage, app.region, app.local, app.mode], ["notes", "prod", "eu-west-1", false, "deploy"])
  const { template } = synth((stack) => {
    new CfnResource(stack, "Out", { type: "AWS::SSM::Parameter", properties: { Value: app.account } })
  }, app)
  assert.deepEqual(template.Resources.Out.Properties.Value, { Ref: "AWS::AccountId" })
})

test("class stacks work as in SST v1: class S extends Stack, constructs made with `this`", () => {
  class Storage extends Stack {
    readonly bucket: CfnResource
    constructor(scope: App, id: string, props?: StackProps) {
      super(scope, id, props)
      this.bucket = new CfnResource(this, "Uploads", { type: "AWS::S3::Bucket" })
      this.addOutputs({ BucketName: this.bucket.ref })
    }
  }
  class Api extends Stack {
    constructor(scope: App, id: string, props: StackProps & { storage: Storage }) {
      const { storage, ...rest } = props
      super(scope, id, rest)
      new CfnResource(this, "Reader", { type: "AWS::SSM::Parameter", properties: { Value: storage.bucket.getAtt("Arn") } })
    }
  }
  const app = testApp()
  const storage = new Storage(app, "Storage")
  new Api(app, "Api", { storage })
  const { templates, result } = emit(app)
  assert.deepEqual(templates.Storage.Outputs?.BucketName, { Value: { Ref: "Uploads" } })
  assert.deepEqual(templates.Api.Resources.Reader.Properties.Value, { Ref: "XrefStorageUploadsArn" })
  assert.deepEqual(result.manifest.stacks.map((s) => [s.name, s.dependencies]), [
    ["test-notes-Storage", []],
    ["test-notes-Api", ["test-notes-Storage"]],
  ])
})

test("class stacks and functional stacks mix in one app", () => {
  const app = testApp()
  class Legacy extends Stack {}
  new Legacy(app, "Legacy")
  app.stack(function Modern({ stack }: StackContext) {
    new CfnResource(stack, "Queue", { type: "AWS::SQS::Queue" })
  })
  assert.deepEqual(app.stacks.map((s) => s.stackName), ["test-notes-Legacy", "test-notes-Modern"])
})

test("stack.getAllFunctions() lists the stack's functions, its constructs' included, in creation order", () => {
  synth((stack) => {
    new Function(stack, "Worker", { handler: "worker.main" })
    new Api(stack, "Api", { routes: { "GET /": "home.main", "POST /": "home.create" } })
    assert.deepEqual(stack.getAllFunctions().map((fn) => fn.path), ["Main/Worker", "Main/Api/Lambda_GET", "Main/Api/Lambda_POST"])
  })
})

test("a Stack made inside another construct is refused with the place to make it", () => {
  const app = testApp()
  const outer = new Stack(app, "Outer")
  assert.throws(() => new Stack(new Construct(outer, "Group") as never, "Inner"), {
    message: 'Stack "Inner" must be created in the App (new Stack(app, "Inner")), not inside "Outer/Group".',
  })
})

test("Stack.of and App.of find a construct's stack and app", () => {
  const app = testApp()
  const stack = new Stack(app, "Main")
  const queue = new CfnResource(new Construct(stack, "Group"), "Queue", { type: "AWS::SQS::Queue" })
  assert.equal(Stack.of(queue), stack)
  assert.equal(App.of(queue), app)
})

test("app.setDefaultRemovalPolicy reaches resources of every stack", () => {
  const app = testApp()
  app.setDefaultRemovalPolicy("retain")
  app.stack(function A({ stack }: StackContext) {
    new CfnResource(stack, "Notes", { type: "AWS::DynamoDB::Table" })
  })
  assert.equal(emit(app).templates.A.Resources.Notes.DeletionPolicy, "Retain")
})

test("an id with '_' in app.stack is an InvalidStackName (CloudFormation allows only '-')", () => {
  const app = testApp()
  app.stack(function my_api() {})
  const error = catchValidation(() => emit(app))
  assert.equal(error.problems[0].code, "InvalidStackName")
  assert.equal(error.problems[0].fix, `use '-' instead of '_' and keep the id short, for example "my-api" (a stack function keeps its name with app.stack(fn, { id: "my-api" })).`)
})
