import assert from "node:assert/strict"
import { test } from "node:test"
import { CfnParameter, CfnResource, CoreStack, MAX_RESOURCES, MAX_TEMPLATE_BODY_BYTES } from "./index.ts"
import { catchValidation, coreApp, emitTemplates } from "../test/helpers/core.ts"

function stackWith(count: number, properties: Record<string, string> = {}) {
  const app = coreApp()
  const stack = new CoreStack(app, "Main")
  for (let i = 0; i < count; i++) new CfnResource(stack, `Queue${i}`, { type: "AWS::SQS::Queue", properties })
  return { app, stack }
}

test(`${MAX_RESOURCES} resources in a stack are fine`, () => {
  assert.equal(emitTemplates(stackWith(MAX_RESOURCES).app).stacks.Main.resourceCount, MAX_RESOURCES)
})

test(`${MAX_RESOURCES + 1} resources are a StackLimitExceeded that says how to split the stack`, () => {
  const error = catchValidation(() => emitTemplates(stackWith(MAX_RESOURCES + 1).app))
  assert.equal(error.problems.length, 1)
  assert.equal(
    error.message,
    [
      `Stack "notes/test/Main" has 501 resources; CloudFormation allows 500 per stack.  [StackLimitExceeded]`,
      `  Allowed: at most 500 resources in stack "test-notes-Main".`,
      `  Fix: move some constructs into another stack (app.stack(Other)) and use() them from here.`,
    ].join("\n"),
  )
})

test("201 outputs and 201 parameters are each a StackLimitExceeded", () => {
  const { app, stack } = stackWith(1)
  const outputs: Record<string, string> = {}
  for (let i = 0; i < 201; i++) outputs[`Out${i}`] = "x"
  stack.addOutputs(outputs)
  for (let i = 0; i < 201; i++) new CfnParameter(stack, `Param${i}`)
  const error = catchValidation(() => emitTemplates(app))
  assert.deepEqual(error.problems.map((p) => p.problem), [
    "has 201 outputs; CloudFormation allows 200 per stack.",
    "has 201 parameters; CloudFormation allows 200 per stack.",
  ])
})

test(`a template over ${MAX_TEMPLATE_BODY_BYTES} bytes is marked for upload through S3 in the manifest`, () => {
  const small = emitTemplates(stackWith(1).app).stacks.Main
  assert.equal(small.uploadTemplate, false)
  const { result, stacks } = emitTemplates(stackWith(60, { QueueName: "q".repeat(900) }).app)
  assert.ok(stacks.Main.templateBytes > MAX_TEMPLATE_BODY_BYTES)
  assert.equal(stacks.Main.templateBytes, Buffer.byteLength(result.stacks[0].body))
  assert.equal(stacks.Main.uploadTemplate, true)
})

test("a template of exactly the limit still goes inline; one byte more goes through S3", () => {
  // 51,200 bytes: pad one property until the body has exactly that size.
  const bodyOf = (padding: number) => emitTemplates(stackWith(1, { QueueName: "q".repeat(padding) }).app).stacks.Main
  const base = bodyOf(0).templateBytes
  assert.equal(bodyOf(MAX_TEMPLATE_BODY_BYTES - base).uploadTemplate, false)
  assert.equal(bodyOf(MAX_TEMPLATE_BODY_BYTES - base + 1).uploadTemplate, true)
})

test("a template over 1 MB is a StackLimitExceeded", () => {
  const error = catchValidation(() => emitTemplates(stackWith(2, { QueueName: "q".repeat(600_000) }).app))
  assert.match(error.problems[0].problem, /^has \d+ bytes of template; CloudFormation allows 1048576 per stack\.$/)
})
