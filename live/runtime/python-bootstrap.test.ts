// Python functions on the local runtime: real handlers run by python-bootstrap.py under the
// python3 on the PATH, polling the local Runtime API as they would poll AWS's.
import assert from "node:assert/strict"
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { after, before, test } from "node:test"
import { LocalRuntime, type LocalFunction } from "./local-runtime.ts"

const root = mkdtempSync(join(tmpdir(), "sst-python-runtime-"))
const files: Record<string, string> = {
  // No __init__.py: Lambda imports "functions/list" as a namespace package, and so do we.
  "functions/list.py": `import logging
import os
import time
from decimal import Decimal

from shared.reply import reply

logger = logging.getLogger()
logger.setLevel(logging.INFO)
calls = 0


def main(event, context):
    global calls
    calls += 1
    print("listing for", event["user"])
    logger.info("table %s", os.environ["TABLE"])
    return reply(200, {
        "user": event["user"],
        "calls": calls,
        "table": os.environ["TABLE"],
        "price": Decimal("2.50"),
        "requestId": context.aws_request_id,
        "functionName": context.function_name,
        "memory": context.memory_limit_in_mb,
        "arn": context.invoked_function_arn,
        "remaining": context.get_remaining_time_in_millis() > 0,
    })


def fails(event, context):
    raise ValueError("bad input")


def slow(event, context):
    time.sleep(5)


def unserializable(event, context):
    return {"tags": {"a"}}
`,
  "shared/reply.py": `def reply(status_code, body):
    return {"statusCode": status_code, "body": body}
`,
  "functions/broken.py": "import missing_dependency\n",
}
for (const [name, text] of Object.entries(files)) {
  mkdirSync(join(root, name, ".."), { recursive: true })
  writeFileSync(join(root, name), text)
}

const runtime = new LocalRuntime()
const fn = (handler: string, extra: Partial<LocalFunction> = {}): LocalFunction => ({
  id: `Api/${handler}`,
  runtime: "python3.12",
  handler,
  taskRoot: root,
  environment: { TABLE: "notes-table", AWS_REGION: "eu-west-1" },
  timeoutSeconds: 10,
  memorySize: 512,
  functionName: "dev-notes-list",
  ...extra,
})
const errorOf = (record: { result: unknown }) => (record.result as { error: { errorType: string; errorMessage: string; stackTrace?: string[] } }).error

before(() => runtime.start())
after(async () => {
  await runtime.stop()
  rmSync(root, { recursive: true, force: true })
})

test("a Python handler runs locally with its environment and the Lambda context, and stays warm", async () => {
  runtime.register(fn("functions/list.main"))
  const first = await runtime.invoke("Api/functions/list.main", { user: "ann" })
  assert.equal(first.result.ok, true, JSON.stringify(first))
  assert.deepEqual(JSON.parse((first.result as { body: string }).body), {
    statusCode: 200,
    body: {
      user: "ann",
      calls: 1,
      table: "notes-table",
      price: 2.5,
      requestId: first.requestId,
      functionName: "dev-notes-list",
      memory: "512",
      arn: "arn:aws:lambda:eu-west-1:000000000000:function:dev-notes-list",
      remaining: true,
    },
  })
  const second = await runtime.invoke("Api/functions/list.main", { user: "bob" })
  assert.equal(JSON.parse((second.result as { body: string }).body).body.calls, 2, "the second call reuses the warm worker")
})

test("print() and the logging module's lines are the invocation's logs, as in Lambda", async () => {
  runtime.register(fn("functions/list.main"))
  const record = await runtime.invoke("Api/functions/list.main", { user: "cy" })
  assert.equal(record.logs.length, 2, record.logs.join("\n"))
  assert.equal(record.logs[0], "listing for cy")
  assert.match(record.logs[1], new RegExp(`^\\[INFO\\]\\t\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z\\t${record.requestId}\\ttable notes-table$`))
})

test("a raised exception comes back with its type, message and the handler's stack", async () => {
  runtime.register(fn("functions/list.fails"))
  const error = errorOf(await runtime.invoke("Api/functions/list.fails", {}))
  assert.equal(error.errorType, "ValueError")
  assert.equal(error.errorMessage, "bad input")
  // One frame: the handler's. The bootstrap's own frames are left out, as Lambda leaves out its runtime's.
  const stackTrace = error.stackTrace ?? []
  assert.equal(stackTrace.length, 1, stackTrace.join(""))
  assert.ok(stackTrace[0].startsWith(`  File "${join(root, "functions", "list.py")}", line 32, in fails\n    raise ValueError("bad input")\n`), stackTrace[0])
})

test("an invocation past the function's timeout is stopped, as Lambda stops it", async () => {
  runtime.register(fn("functions/list.slow", { timeoutSeconds: 0.3 }))
  const record = await runtime.invoke("Api/functions/list.slow", {})
  assert.deepEqual(record.result, { ok: false, error: { errorType: "Sandbox.Timedout", errorMessage: "Task timed out after 0.30 seconds" } })
})

test("a result JSON cannot hold is a Runtime.MarshalError", async () => {
  runtime.register(fn("functions/list.unserializable"))
  const error = errorOf(await runtime.invoke("Api/functions/list.unserializable", {}))
  assert.equal(error.errorType, "Runtime.MarshalError")
  assert.equal(error.errorMessage, "Unable to marshal response: Object of type set is not JSON serializable")
})

test("a module that fails to import is an init error with Lambda's type and message", async () => {
  runtime.register(fn("functions/broken.main"))
  const error = errorOf(await runtime.invoke("Api/functions/broken.main", {}))
  assert.equal(error.errorType, "Runtime.ImportModuleError")
  assert.equal(error.errorMessage, "Unable to import module 'functions/broken': No module named 'missing_dependency'")
})

test("a missing handler function is an init error naming it", async () => {
  runtime.register(fn("functions/list.nothere"))
  const error = errorOf(await runtime.invoke("Api/functions/list.nothere", {}))
  assert.equal(error.errorType, "Runtime.HandlerNotFound")
  assert.equal(error.errorMessage, "Handler 'nothere' missing on module 'functions/list'")
})

test("without python3 on the PATH, the invocation fails naming the function and how to install Python", async () => {
  const emptyPath = mkdtempSync(join(tmpdir(), "sst-no-python-"))
  const bare = new LocalRuntime({ baseEnvironment: { PATH: emptyPath } })
  await bare.start()
  try {
    bare.register(fn("functions/list.main"))
    const record = await bare.invoke("Api/functions/list.main", {})
    assert.deepEqual(record.result, {
      ok: false,
      error: {
        errorType: "Runtime.InvalidEntrypoint",
        errorMessage:
          '"Api/functions/list.main" (python3.12) runs locally with python3, which is not on the PATH. Install Python 3 (Lambda runs 3.12 for it) from https://www.python.org/downloads/ or with your package manager (brew install python, apt-get install python3), so that "python3" starts it.',
      },
    })
  } finally {
    await bare.stop()
    rmSync(emptyPath, { recursive: true, force: true })
  }
})
