// The local Node runtime: what runs inside a worker process under `sst start`. It does what
// AWS's Node runtime interface client does: load the handler, then poll the Runtime API
// (AWS_LAMBDA_RUNTIME_API) for invocations and post each result or error back.
// Plain JavaScript so it runs under any Node without a loader.
import { existsSync } from "node:fs"
import { join } from "node:path"
import { pathToFileURL } from "node:url"

const api = `http://${process.env.AWS_LAMBDA_RUNTIME_API}/2018-06-01/runtime`
const handlerSpec = process.env._HANDLER ?? ""
const taskRoot = process.env.LAMBDA_TASK_ROOT ?? process.cwd()

function errorBody(error) {
  const err = error instanceof Error ? error : new Error(String(error))
  return { errorType: err.name ?? "Error", errorMessage: err.message, stackTrace: (err.stack ?? "").split("\n").slice(1).map((line) => line.trim()) }
}

async function post(path, body, errorType) {
  await fetch(`${api}${path}`, {
    method: "POST",
    headers: errorType ? { "lambda-runtime-function-error-type": errorType } : {},
    body: typeof body === "string" ? body : JSON.stringify(body),
  })
}

async function loadHandler() {
  const dot = handlerSpec.lastIndexOf(".")
  const file = handlerSpec.slice(0, dot)
  const name = handlerSpec.slice(dot + 1)
  const candidates = [".mjs", ".js", ".cjs"].map((ext) => join(taskRoot, file + ext))
  const found = candidates.find((candidate) => existsSync(candidate))
  if (!found) throw Object.assign(new Error(`Cannot find the handler file for "${handlerSpec}" (tried ${candidates.join(", ")})`), { name: "Runtime.ImportModuleError" })
  const module = await import(pathToFileURL(found).href)
  const handler = module[name] ?? module.default?.[name]
  if (typeof handler !== "function") throw Object.assign(new Error(`${file} does not export a function named "${name}"`), { name: "Runtime.HandlerNotFound" })
  return handler
}

function invoke(handler, event, context) {
  return new Promise((resolve, reject) => {
    const callback = (error, result) => (error ? reject(error) : resolve(result))
    context.done = callback
    context.succeed = (result) => resolve(result)
    context.fail = (error) => reject(error)
    try {
      const returned = handler(event, context, callback)
      if (returned && typeof returned.then === "function") returned.then(resolve, reject)
      else if (handler.length < 3) resolve(returned)
    } catch (error) {
      reject(error)
    }
  })
}

let handler
try {
  handler = await loadHandler()
} catch (error) {
  const body = errorBody(error)
  await post("/init/error", body, body.errorType)
  process.exit(1)
}

for (;;) {
  const next = await fetch(`${api}/invocation/next`)
  const requestId = next.headers.get("lambda-runtime-aws-request-id")
  const deadline = Number(next.headers.get("lambda-runtime-deadline-ms"))
  const event = await next.json()
  const context = {
    awsRequestId: requestId,
    invokedFunctionArn: next.headers.get("lambda-runtime-invoked-function-arn"),
    functionName: process.env.AWS_LAMBDA_FUNCTION_NAME,
    functionVersion: "$LATEST",
    memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
    logGroupName: `/aws/lambda/${process.env.AWS_LAMBDA_FUNCTION_NAME}`,
    logStreamName: "local",
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  }
  try {
    const result = await invoke(handler, event, context)
    await post(`/invocation/${encodeURIComponent(requestId)}/response`, JSON.stringify(result === undefined ? null : result))
  } catch (error) {
    const body = errorBody(error)
    await post(`/invocation/${encodeURIComponent(requestId)}/error`, body, body.errorType)
  }
}
