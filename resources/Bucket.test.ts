import assert from "node:assert/strict"
import { test } from "node:test"
import { catchValidation, emit, synth, testApp, statementsOf } from "../test/helpers/synth.ts"
import { validateTemplate } from "../test/helpers/validate-template.ts"
import { Bucket } from "./Bucket.ts"
import { Function } from "./Function.ts"
import { Queue } from "./Queue.ts"
import { Stack } from "./Stack.ts"
import { Topic } from "./Topic.ts"

const NAME = { "Fn::Join": ["", ["test-notes-uploads-", { Ref: "AWS::AccountId" }, "-us-east-1"]] }
const ARN = { "Fn::Join": ["", ["arn:", { Ref: "AWS::Partition" }, ":s3:::test-notes-uploads-", { Ref: "AWS::AccountId" }, "-us-east-1"]] }

test("Bucket is private, encrypted, TLS-only, retained, with allow-all CORS and a name computed from stage, app, id, account and region", () => {
  const { template } = synth((stack) => new Bucket(stack, "Uploads"))
  const bucket = template.Resources.Uploads
  assert.deepEqual(bucket.Properties, {
    BucketName: NAME,
    BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: "AES256" } }] },
    PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
    OwnershipControls: { Rules: [{ ObjectOwnership: "BucketOwnerEnforced" }] },
    CorsConfiguration: { CorsRules: [{ AllowedMethods: ["GET", "PUT", "HEAD", "POST", "DELETE"], AllowedOrigins: ["*"], AllowedHeaders: ["*"] }] },
  })
  assert.equal(bucket.DeletionPolicy, "Retain")
  assert.deepEqual(template.Resources.UploadsPolicy.Properties.PolicyDocument.Statement, [
    {
      Effect: "Deny",
      Principal: { AWS: "*" },
      Action: "s3:*",
      Resource: [{ "Fn::GetAtt": ["Uploads", "Arn"] }, { "Fn::Join": ["", [{ "Fn::GetAtt": ["Uploads", "Arn"] }, "/*"]] }],
      Condition: { Bool: { "aws:SecureTransport": "false" } },
    },
  ])
  assert.deepEqual(validateTemplate(template), [])
})

test("Bucket takes a name, CORS rules with maxAge as a duration, or no CORS", () => {
  const { template } = synth((stack) => {
    new Bucket(stack, "Named", { name: "my-app-uploads", cors: [{ allowedMethods: ["GET"], allowedOrigins: ["https://example.com"], maxAge: "1 day", id: "web" }] })
    new Bucket(stack, "Plain", { cors: false })
  })
  assert.equal(template.Resources.Named.Properties.BucketName, "my-app-uploads")
  assert.deepEqual(template.Resources.Named.Properties.CorsConfiguration, { CorsRules: [{ Id: "web", AllowedMethods: ["GET"], AllowedOrigins: ["https://example.com"], MaxAge: 86400 }] })
  assert.equal(template.Resources.Plain.Properties.CorsConfiguration, undefined)
  assert.deepEqual(validateTemplate(template), [])
})

test("Bucket names shorten long ids with a hash and stay within 63 characters", () => {
  const app = testApp({ name: "a-rather-long-application-name" })
  const { template } = synth((stack) => {
    new Bucket(stack, "UserUploadsForTheGalleryOfPhotos")
    new Bucket(stack, "UserUploadsForTheGalleryOfVideos")
  }, app)
  const literal = (name: { "Fn::Join": [string, unknown[]] }) => (name["Fn::Join"][1] as unknown[]).map((part) => (typeof part === "string" ? part : "123456789012")).join("")
  const photos = literal(template.Resources.UserUploadsForTheGalleryOfPhotos.Properties.BucketName)
  const videos = literal(template.Resources.UserUploadsForTheGalleryOfVideos.Properties.BucketName)
  assert.ok(photos.length <= 63, photos)
  assert.notEqual(photos, videos)
  assert.match(photos, /^test-a-rather-long-application-[0-9a-f]{8}-123456789012-us-east-1$/)
})

test("Bucket notifies a function: the permission is scoped by computed ARN and account, the bucket waits for it, and there is no cycle", () => {
  const { template } = synth((stack) => {
    const bucket = new Bucket(stack, "Uploads", { defaults: { function: { timeout: 30 } } })
    bucket.addNotifications(stack, { resize: { function: "functions/resize.main", events: ["object_created_put"], filters: [{ prefix: "images/" }, { suffix: ".jpg" }] } })
    bucket.bind([bucket])
    assert.ok(bucket.getFunction("resize") instanceof Function)
  })
  const r = template.Resources
  assert.deepEqual(r.UploadsNotificationPermissionresize.Properties, {
    Action: "lambda:InvokeFunction",
    FunctionName: { "Fn::GetAtt": ["UploadsNotificationresize", "Arn"] },
    Principal: "s3.amazonaws.com",
    SourceArn: ARN,
    SourceAccount: { Ref: "AWS::AccountId" },
  })
  assert.deepEqual(r.Uploads.DependsOn, ["UploadsNotificationPermissionresize"])
  assert.deepEqual(r.Uploads.Properties.NotificationConfiguration, {
    LambdaConfigurations: [
      {
        Event: "s3:ObjectCreated:Put",
        Function: { "Fn::GetAtt": ["UploadsNotificationresize", "Arn"] },
        Filter: { S3Key: { Rules: [{ Name: "prefix", Value: "images/" }, { Name: "suffix", Value: ".jpg" }] } },
      },
    ],
  })
  // The function reads its own bucket: the name and ARN it gets are the computed ones, not references.
  assert.deepEqual(r.UploadsNotificationresize.Properties.Environment.Variables.SST_Bucket_bucketName_Uploads, NAME)
  assert.deepEqual(statementsOf(r, "UploadsNotificationresize")[0].Resource[0], ARN)
  assert.equal(r.UploadsNotificationresize.Properties.Timeout, 30)
  assert.deepEqual(validateTemplate(template), [])
})

test("Bucket notifies queues and topics through their policies", () => {
  const { template } = synth((stack) => {
    const queue = new Queue(stack, "Jobs")
    const topic = new Topic(stack, "Changes")
    new Bucket(stack, "Uploads", { notifications: { jobs: { type: "queue", queue, events: ["object_created"] }, changes: { type: "topic", topic, events: ["object_removed"], filters: [{ prefix: "docs/" }] } } })
  })
  const r = template.Resources
  assert.deepEqual(r.Uploads.Properties.NotificationConfiguration, {
    QueueConfigurations: [
      { Event: "s3:ObjectCreated:*", Queue: { "Fn::GetAtt": ["Jobs", "Arn"] } },
    ],
    TopicConfigurations: [{ Event: "s3:ObjectRemoved:*", Topic: { Ref: "Changes" }, Filter: { S3Key: { Rules: [{ Name: "prefix", Value: "docs/" }] } } }],
  })
  assert.deepEqual(r.Uploads.DependsOn, ["JobsPolicy", "ChangesPolicy"])
  assert.deepEqual(r.JobsPolicy.Properties.PolicyDocument.Statement, [
    { Effect: "Allow", Principal: { Service: "s3.amazonaws.com" }, Action: "sqs:SendMessage", Resource: { "Fn::GetAtt": ["Jobs", "Arn"] }, Condition: { ArnEquals: { "aws:SourceArn": ARN }, StringEquals: { "aws:SourceAccount": { Ref: "AWS::AccountId" } } } },
  ])
  assert.equal(r.ChangesPolicy.Type, "AWS::SNS::TopicPolicy")
  assert.deepEqual(r.ChangesPolicy.Properties.PolicyDocument.Statement[0].Action, "sns:Publish")
  assert.deepEqual(validateTemplate(template), [])
})

test("Bucket binds as SST_Bucket_bucketName_<id> with s3:* on the bucket and its objects; another stack gets the real references", () => {
  const app = testApp()
  const storage = new Stack(app, "Storage")
  const bucket = new Bucket(storage, "Uploads")
  new Function(new Stack(app, "Api"), "List", { handler: "functions/list.main", bind: [bucket] })
  const { templates, result } = emit(app)
  const fn = templates.Api.Resources.List
  assert.deepEqual(fn.Properties.Environment.Variables.SST_Bucket_bucketName_Uploads, { Ref: "XrefStorageUploadsRef" })
  assert.deepEqual(statementsOf(templates.Api.Resources, "List"), [
    { Effect: "Allow", Action: "s3:*", Resource: [{ Ref: "XrefStorageUploadsArn" }, { "Fn::Join": ["", [{ Ref: "XrefStorageUploadsArn" }, "/*"]] }] },
  ])
  assert.deepEqual(result.stacks.map((s) => s.stack.id), ["Storage", "Api"])
  assert.deepEqual(validateTemplate(templates.Storage), [])
  assert.deepEqual(validateTemplate(templates.Api), [])
})

test("Bucket refuses overlapping notifications, two prefixes, FIFO destinations, duplicates and unknown names", () => {
  const error = catchValidation(() =>
    synth((stack) => {
      const bucket = new Bucket(stack, "Uploads", {
        notifications: {
          a: { function: "functions/a.main", filters: [{ prefix: "images/" }] },
          b: { function: "functions/b.main", events: ["object_created_put"], filters: [{ prefix: "images/raw/" }] },
          c: { function: "functions/c.main", events: ["object_created"], filters: [{ prefix: "docs/" }, { prefix: "pdf/" }] },
          d: new Queue(stack, "Sorted", { fifo: true }),
          e: { type: "topic", topic: new Topic(stack, "Ordered", { fifo: true }), events: ["object_tagging"] },
        },
      })
      bucket.addNotifications(stack, { a: "functions/a2.main" })
      bucket.attachPermissionsToNotification("z", [])
    }),
  )
  assert.deepEqual(error.problems.map((p) => [p.code, p.property]), [
    ["OverlappingNotifications", "notifications.b"],
    ["InvalidNotificationFilter", "notifications.c.filters"],
    ["OverlappingNotifications", "notifications.d"],
    ["FifoDestination", "notifications.d"],
    ["FifoDestination", "notifications.e"],
    ["DuplicateNotification", "notifications.a"],
    ["UnknownNotification", 'attachPermissionsToNotification("z")'],
  ])
  assert.match(error.message, /notifications.b and notifications.a match the same events for some keys/)
})

test("Bucket refuses a name S3 refuses, a misspelt prop, an unknown event and a CORS method S3 does not know", () => {
  const name = catchValidation(() => synth((stack) => new Bucket(stack, "Uploads", { name: "My_Bucket" })))
  assert.deepEqual(name.problems.map((p) => p.code), ["InvalidBucketName"])
  assert.match(name.message, /Fix: use e.g. "my-bucket", or leave name out\./)
  const typo = catchValidation(() =>
    // @ts-expect-error the type refuses it already; JavaScript callers reach the schema
    synth((stack) => new Bucket(stack, "Uploads", { notification: {} })),
  )
  assert.match(typo.message, /did you mean "notifications"\?/)
  const event = catchValidation(() =>
    // @ts-expect-error object_create is not an event
    synth((stack) => new Bucket(stack, "Uploads", { notifications: { a: { function: "f.main", events: ["object_create"] } } })),
  )
  assert.equal(event.problems[0].property, "notifications.a.events[0]")
  const method = catchValidation(() =>
    // @ts-expect-error PATCH is not an S3 CORS method
    synth((stack) => new Bucket(stack, "Uploads", { cors: [{ allowedMethods: ["PATCH"], allowedOrigins: ["*"] }] })),
  )
  assert.match(method.message, /Allowed: one of "GET", "PUT", "HEAD", "POST", "DELETE"\./)
})
