import assert from "node:assert/strict"
import { test } from "node:test"
import { catchValidation, emit, synth, testApp, statementsOf } from "../test/helpers/synth.ts"
import { validateTemplate } from "../test/helpers/validate-template.ts"
import { Function } from "./Function.ts"
import { Stack } from "./Stack.ts"
import { Table } from "./Table.ts"

const notes = { fields: { userId: "string", noteId: "string", createdAt: "number", body: "string" }, primaryIndex: { partitionKey: "userId", sortKey: "noteId" } } as const

test("Table is on-demand, with point-in-time recovery and encryption, named <stage>-<app>-<id> and retained", () => {
  const { template } = synth((stack) => new Table(stack, "Notes", notes))
  const table = template.Resources.Notes
  assert.equal(table.Type, "AWS::DynamoDB::Table")
  assert.deepEqual(table.Properties, {
    TableName: "test-notes-Notes",
    BillingMode: "PAY_PER_REQUEST",
    AttributeDefinitions: [
      { AttributeName: "userId", AttributeType: "S" },
      { AttributeName: "noteId", AttributeType: "S" },
    ],
    KeySchema: [
      { AttributeName: "userId", KeyType: "HASH" },
      { AttributeName: "noteId", KeyType: "RANGE" },
    ],
    PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
    SSESpecification: { SSEEnabled: true },
  })
  assert.equal(table.DeletionPolicy, "Retain")
  assert.equal(table.UpdateReplacePolicy, "Retain")
  assert.deepEqual(validateTemplate(template), [])
})

test("Table follows the app's default removal policy", () => {
  const app = testApp()
  app.setDefaultRemovalPolicy("destroy")
  const { template } = synth((stack) => new Table(stack, "Notes", notes), app)
  assert.equal(template.Resources.Notes.DeletionPolicy, undefined)
})

test("Table takes the plain settings SST v1 apps pass in cdk.table: name, TTL, removal policy, billing, recovery", () => {
  const { template } = synth((stack) => {
    new Table(stack, "Notes", {
      ...notes,
      cdk: { table: { tableName: "notes-archive", timeToLiveAttribute: "expireAt", removalPolicy: "destroy", billingMode: "PAY_PER_REQUEST", pointInTimeRecovery: false } },
    })
  })
  const table = template.Resources.Notes
  assert.equal(table.Properties.TableName, "notes-archive")
  assert.deepEqual(table.Properties.TimeToLiveSpecification, { AttributeName: "expireAt", Enabled: true })
  assert.deepEqual(table.Properties.PointInTimeRecoverySpecification, { PointInTimeRecoveryEnabled: false })
  assert.equal(table.DeletionPolicy, undefined)
  assert.deepEqual(validateTemplate(template), [])
})

test("Table refuses a TTL set both as timeToLiveAttribute and in cdk.table, and CDK objects in cdk.table", () => {
  const error = catchValidation(() =>
    synth((stack) => {
      new Table(stack, "Notes", { ...notes, timeToLiveAttribute: "ttl", cdk: { table: { timeToLiveAttribute: "expireAt" } } })
      // @ts-expect-error an imported CDK table is not a plain setting
      new Table(stack, "Imported", { ...notes, cdk: { table: { tableArn: "arn:aws:dynamodb:us-east-1:123456789012:table/x" } } })
    }),
  )
  assert.deepEqual(error.problems.map((problem) => [problem.code, problem.property]), [
    ["DuplicateProp", "cdk.table.timeToLiveAttribute"],
    ["UnknownProp", "cdk.table.tableArn"],
  ])
})

test("Table builds global and local indexes with projections, stream, TTL and only the key fields as attributes", () => {
  const { template } = synth((stack) => {
    const table = new Table(stack, "Notes", {
      ...notes,
      globalIndexes: { byDate: { partitionKey: "userId", sortKey: "createdAt", projection: "keys_only" } },
      localIndexes: { byBody: { sortKey: "body", projection: ["createdAt"] } },
      timeToLiveAttribute: "expireAt",
      stream: "new_image",
    })
    table.addGlobalIndexes({ byNote: { partitionKey: "noteId" } })
  })
  const p = template.Resources.Notes.Properties
  assert.deepEqual(p.AttributeDefinitions.map((a: { AttributeName: string }) => a.AttributeName), ["userId", "noteId", "createdAt", "body"])
  assert.deepEqual(p.GlobalSecondaryIndexes, [
    { IndexName: "byDate", KeySchema: [{ AttributeName: "userId", KeyType: "HASH" }, { AttributeName: "createdAt", KeyType: "RANGE" }], Projection: { ProjectionType: "KEYS_ONLY" } },
    { IndexName: "byNote", KeySchema: [{ AttributeName: "noteId", KeyType: "HASH" }], Projection: { ProjectionType: "ALL" } },
  ])
  assert.deepEqual(p.LocalSecondaryIndexes, [
    { IndexName: "byBody", KeySchema: [{ AttributeName: "userId", KeyType: "HASH" }, { AttributeName: "body", KeyType: "RANGE" }], Projection: { ProjectionType: "INCLUDE", NonKeyAttributes: ["createdAt"] } },
  ])
  assert.deepEqual(p.StreamSpecification, { StreamViewType: "NEW_IMAGE" })
  assert.deepEqual(p.TimeToLiveSpecification, { AttributeName: "expireAt", Enabled: true })
  assert.deepEqual(validateTemplate(template), [])
})

test("Table consumers read the stream through an event source mapping (LATEST, filters, batch options) with stream-read rights", () => {
  const { template, app } = synth((stack) => {
    const table = new Table(stack, "Notes", {
      ...notes,
      stream: true,
      defaults: { function: { timeout: 20 } },
      consumers: {
        indexer: "functions/indexer.main",
        audit: { function: "functions/audit.main", filters: [{ eventName: ["REMOVE"] }], cdk: { eventSource: { batchSize: 50, maxBatchingWindow: "5 seconds" } }, reportBatchItemFailures: true },
      },
    })
    assert.ok(table.getFunction("indexer") instanceof Function)
    assert.equal(table.getFunction("missing"), undefined)
  })
  const r = template.Resources
  assert.deepEqual(r.Notes.Properties.StreamSpecification, { StreamViewType: "NEW_AND_OLD_IMAGES" })
  assert.equal(r.NotesConsumerindexer.Properties.Timeout, 20)
  assert.deepEqual(r.NotesConsumerindexerEventSource.Properties, {
    FunctionName: { "Fn::GetAtt": ["NotesConsumerindexer", "Arn"] },
    EventSourceArn: { "Fn::GetAtt": ["Notes", "StreamArn"] },
    StartingPosition: "LATEST",
  })
  assert.deepEqual(r.NotesConsumerauditEventSource.Properties, {
    FunctionName: { "Fn::GetAtt": ["NotesConsumeraudit", "Arn"] },
    EventSourceArn: { "Fn::GetAtt": ["Notes", "StreamArn"] },
    StartingPosition: "LATEST",
    BatchSize: 50,
    MaximumBatchingWindowInSeconds: 5,
    FunctionResponseTypes: ["ReportBatchItemFailures"],
    FilterCriteria: { Filters: [{ Pattern: '{"eventName":["REMOVE"]}' }] },
  })
  assert.deepEqual(statementsOf(r, "NotesConsumerindexer"), [
    { Effect: "Allow", Action: ["dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator", "dynamodb:ListStreams"], Resource: { "Fn::GetAtt": ["Notes", "StreamArn"] } },
  ])
  assert.equal(r.NotesConsumerindexer.DependsOn, undefined, "the stream rights are inline in the role the function waits for, before the mapping exists")
  assert.equal(app.problems.length, 0)
  assert.deepEqual(validateTemplate(template), [])
})

test("Table binds as SST_Table_tableName_<id> with dynamodb:* on the table and its indexes only", () => {
  const { template } = synth((stack) => {
    const table = new Table(stack, "my-notes", notes)
    new Function(stack, "List", { handler: "functions/list.main", bind: [table] })
  })
  assert.deepEqual(template.Resources.List.Properties.Environment.Variables.SST_Table_tableName_my_notes, { Ref: "mynotes" })
  assert.deepEqual(statementsOf(template.Resources, "List"), [
    { Effect: "Allow", Action: "dynamodb:*", Resource: [{ "Fn::GetAtt": ["mynotes", "Arn"] }, { "Fn::Join": ["", [{ "Fn::GetAtt": ["mynotes", "Arn"] }, "/*"]] }] },
  ])
  assert.equal(template.Resources.mynotesParametertableName.Properties.Name, "/sst/notes/test/Table/my_notes/tableName")
  assert.deepEqual(validateTemplate(template), [])
})

test("Table consumers added later in another stack keep the mapping beside the function, and attachPermissions reaches them", () => {
  const app = testApp()
  const data = new Stack(app, "Data")
  const table = new Table(data, "Notes", { ...notes, stream: true })
  const workers = new Stack(app, "Workers")
  table.attachPermissions(["s3"])
  table.addConsumers(workers, { indexer: "functions/indexer.main" })
  const { templates } = emit(app)
  const mapping = templates.Workers.Resources.NotesConsumerindexerEventSource
  assert.equal(mapping.Type, "AWS::Lambda::EventSourceMapping")
  assert.deepEqual(mapping.Properties.EventSourceArn, { Ref: "XrefDataNotesStreamArn" })
  const actions = statementsOf(templates.Workers.Resources, "NotesConsumerindexer").map((s: { Action: unknown }) => s.Action)
  assert.deepEqual(actions[0], "s3:*")
  assert.deepEqual(validateTemplate(templates.Data), [])
  assert.deepEqual(validateTemplate(templates.Workers), [])
})

test("Table sends item changes to a KinesisStream", () => {
  const { template } = synth((stack) => {
    const stream = { streamArn: "arn:aws:kinesis:us-east-1:123456789012:stream/changes" }
    new Table(stack, "Notes", { ...notes, kinesisStream: stream as never })
  })
  assert.deepEqual(template.Resources.Notes.Properties.KinesisStreamSpecification, { StreamArn: "arn:aws:kinesis:us-east-1:123456789012:stream/changes" })
})

test("Table says which index key is not a field and suggests the close one", () => {
  const error = catchValidation(() =>
    synth((stack) => new Table(stack, "Notes", { ...notes, globalIndexes: { byDate: { partitionKey: "userID", sortKey: "updatedOn" } } })),
  )
  assert.deepEqual(error.problems.map((p) => [p.code, p.property]), [
    ["UnknownIndexField", "globalIndexes.byDate.partitionKey"],
    ["UnknownIndexField", "globalIndexes.byDate.sortKey"],
  ])
  assert.match(error.message, /Table "notes\/test\/Main\/Notes": globalIndexes.byDate.partitionKey is "userID", which is not in fields\.  \[UnknownIndexField\]/)
  assert.match(error.message, /Allowed: one of the fields: "userId", "noteId", "createdAt", "body"\./)
  assert.match(error.message, /Fix: did you mean "userId"\?/)
  assert.match(error.message, /Fix: add it to fields, e.g. fields: \{ updatedOn: "string" \}\./)
})

test("Table refuses a misspelt prop, a primary key outside fields and empty fields", () => {
  const typo = catchValidation(() =>
    // @ts-expect-error the type refuses it already; JavaScript callers reach the schema
    synth((stack) => new Table(stack, "Notes", { ...notes, primaryIndx: {} })),
  )
  assert.equal(typo.problems[0].code, "UnknownProp")
  assert.match(typo.message, /did you mean "primaryIndex"\?/)
  const missing = catchValidation(() =>
    // @ts-expect-error fields is required
    synth((stack) => new Table(stack, "Notes", { primaryIndex: { partitionKey: "id" } })),
  )
  assert.deepEqual(missing.problems.map((p) => [p.code, p.property]), [["MissingProp", "fields"]])
  const empty = catchValidation(() => synth((stack) => new Table(stack, "Notes", { fields: {}, primaryIndex: { partitionKey: "id" } })))
  assert.deepEqual(empty.problems.map((p) => p.code), ["NoFields", "UnknownIndexField"])
  const badType = catchValidation(() =>
    // @ts-expect-error "text" is not a field type
    synth((stack) => new Table(stack, "Notes", { fields: { id: "text" }, primaryIndex: { partitionKey: "id" } })),
  )
  assert.equal(badType.problems[0].code, "InvalidPropValue")
  assert.match(badType.message, /Allowed: one of "string", "number", "binary"\./)
})

test("Table refuses consumers without a stream, local indexes without a sort key, duplicate and badly named indexes", () => {
  const error = catchValidation(() =>
    synth((stack) => {
      const table = new Table(stack, "Notes", {
        fields: { id: "string", at: "number" },
        primaryIndex: { partitionKey: "id" },
        localIndexes: { byAtLocal: { sortKey: "at" } },
        globalIndexes: { byAt: { partitionKey: "at" }, "x y": { partitionKey: "at" } },
        consumers: { indexer: "functions/indexer.main" },
      })
      table.addGlobalIndexes({ byAt: { partitionKey: "id" } })
    }),
  )
  assert.deepEqual(error.problems.map((p) => [p.code, p.property]), [
    ["InvalidIndexName", 'globalIndexes.x y'],
    ["LocalIndexNeedsSortKey", "localIndexes.byAtLocal"],
    ["StreamRequired", "consumers.indexer"],
    ["DuplicateIndex", "globalIndexes.byAt"],
  ])
  assert.match(error.message, /Fix: set stream: true/)
})

test("Table refuses more than 20 global or 5 local indexes, bad event source options, and unknown consumers", () => {
  const error = catchValidation(() =>
    synth((stack) => {
      const fields = Object.fromEntries(Array.from({ length: 22 }, (_, i) => [`f${i}`, "string" as const]))
      const table = new Table(stack, "Notes", {
        fields: { ...fields, id: "string", sk: "string" },
        primaryIndex: { partitionKey: "id", sortKey: "sk" },
        stream: true,
        globalIndexes: Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`gsi${i}`, { partitionKey: `f${i}` }])),
        localIndexes: Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`lsi${i}`, { sortKey: `f${i}` }])),
        consumers: { slow: { function: "functions/slow.main", maxBatchingWindow: "10 minutes", maxRecordAge: 30 } },
      })
      table.attachPermissionsToConsumer("slw", ["s3"])
    }),
  )
  assert.deepEqual(error.problems.map((p) => [p.code, p.property]), [
    ["TooManyIndexes", "globalIndexes.gsi20"],
    ["TooManyIndexes", "localIndexes.lsi5"],
    ["InvalidEventSource", "consumers.slow.maxBatchingWindow"],
    ["InvalidEventSource", "consumers.slow.maxRecordAge"],
    ["UnknownConsumer", 'attachPermissionsToConsumer("slw")'],
  ])
  assert.match(error.message, /Fix: did you mean "slow"\?/)
})

test("Table says which consumer option is misspelt", () => {
  const error = catchValidation(() =>
    synth((stack) =>
      // @ts-expect-error batchSiz is not an option
      new Table(stack, "Notes", { ...notes, stream: true, consumers: { c: { function: "f.main", cdk: { eventSource: { batchSiz: 5 } } } } }),
    ),
  )
  assert.equal(error.problems[0].code, "UnknownProp")
  assert.equal(error.problems[0].property, 'consumers.c.cdk.eventSource.batchSiz')
  assert.match(error.message, /did you mean "batchSize"\?/)
})
