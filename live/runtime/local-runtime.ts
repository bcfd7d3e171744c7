/**
 * Runs functions on this machine: a pool of warm worker processes per function, each polling
 * the local Runtime API (runtime-api.ts) exactly as a Lambda runtime polls AWS's. A worker runs
 * one invocation at a time, so what it prints meanwhile is that invocation's log. Updating a
 * function (after a rebuild) retires its warm workers; the next invocation starts fresh ones.
 * A worker is the runtime family's bootstrap: node-bootstrap.mjs under this Node, or
 * python-bootstrap.py under the `python3` on the PATH (whatever its version: Lambda's is named
 * by the function's runtime, and the user is told when none is installed).
 * @module
 */
import { spawn, type ChildProcess } from "node:child_process"
import { randomUUID } from "node:crypto"
import { moduleFile } from "../module-file.ts"
import { RuntimeApiServer, type InvocationResult } from "./runtime-api.ts"

export interface LocalFunction {
  /** Construct path, unique in the app. */
  id: string
  /** Lambda runtime, e.g. "nodejs22.x". */
  runtime: string
  /** Handler inside taskRoot, e.g. "functions/list.main". */
  handler: string
  /** Absolute folder holding the built code (what the zip holds). */
  taskRoot: string
  environment: Record<string, string>
  timeoutSeconds: number
  memorySize: number
  functionName: string
}

export interface InvocationRecord {
  requestId: string
  functionId: string
  startedAt: number
  durationMs: number
  event: unknown
  result: InvocationResult
  logs: string[]
}

interface Worker {
  id: string
  process: ChildProcess
  fn: LocalFunction
  logs: string[]
  busy: boolean
}

/** How a worker of one runtime family starts. */
interface WorkerCommand {
  command: string
  args: string[]
  /** What to tell the user when `command` is not on the PATH. */
  install: string
}

const NODE_BOOTSTRAP = moduleFile("node-bootstrap.mjs", import.meta.url)
const PYTHON_BOOTSTRAP = moduleFile("python-bootstrap.py", import.meta.url)

function workerCommand(fn: LocalFunction): WorkerCommand {
  if (fn.runtime.startsWith("nodejs")) {
    return { command: process.execPath, args: ["--enable-source-maps", NODE_BOOTSTRAP], install: "Reinstall Node.js." }
  }
  if (fn.runtime.startsWith("python")) {
    // -u: print() reaches the log as it happens, not when a pipe buffer fills, so lines stay
    // with their invocation; -B: no __pycache__ written into the extracted build.
    return {
      command: "python3",
      args: ["-u", "-B", PYTHON_BOOTSTRAP],
      install: `Install Python 3 (Lambda runs ${fn.runtime.replace(/^python/, "")} for it) from https://www.python.org/downloads/ or with your package manager (brew install python, apt-get install python3), so that "python3" starts it.`,
    }
  }
  throw new Error(`sst start runs Node and Python functions locally; "${fn.id}" uses ${fn.runtime}, which has no local runtime yet.`)
}

export class LocalRuntime {
  private readonly api = new RuntimeApiServer()
  private readonly functions = new Map<string, LocalFunction>()
  private readonly idle = new Map<string, Worker[]>()
  private readonly workers = new Set<Worker>()

  constructor(
    private readonly options: {
      /** Called after every invocation (the console's live log). */
      onInvocation?(record: InvocationRecord): void
      /** Environment every worker inherits (AWS credentials, region). @default process.env */
      baseEnvironment?: NodeJS.ProcessEnv
    } = {},
  ) {}

  async start(): Promise<void> {
    await this.api.listen()
  }

  /** Adds or replaces a function; warm workers of its previous build are retired. */
  register(fn: LocalFunction): void {
    this.functions.set(fn.id, fn)
    for (const worker of this.idle.get(fn.id) ?? []) this.retire(worker)
    this.idle.set(fn.id, [])
  }

  list(): LocalFunction[] {
    return [...this.functions.values()]
  }

  async invoke(functionId: string, event: unknown): Promise<InvocationRecord> {
    const fn = this.functions.get(functionId)
    if (!fn) throw new Error(`No function "${functionId}" in this app. Functions: ${[...this.functions.keys()].join(", ") || "none"}`)
    const worker = this.takeWorker(fn)
    const requestId = randomUUID()
    const startedAt = Date.now()
    worker.logs = []
    const timer = setTimeout(() => {
      this.api.abort(worker.id, { ok: false, error: { errorType: "Sandbox.Timedout", errorMessage: `Task timed out after ${fn.timeoutSeconds.toFixed(2)} seconds` } })
      this.retire(worker)
    }, fn.timeoutSeconds * 1000)
    const result = await this.api.dispatch(worker.id, {
      requestId,
      event,
      deadlineMs: startedAt + fn.timeoutSeconds * 1000,
      functionArn: `arn:aws:lambda:${fn.environment.AWS_REGION ?? "us-east-1"}:000000000000:function:${fn.functionName}`,
    })
    clearTimeout(timer)
    // Let the worker's last lines arrive before they are attributed: they travel a pipe, the answer a socket.
    await new Promise((resolve) => setTimeout(resolve, 10))
    const record: InvocationRecord = { requestId, functionId, startedAt, durationMs: Date.now() - startedAt, event, result, logs: worker.logs }
    worker.busy = false
    if (this.workers.has(worker) && this.functions.get(fn.id) === fn) this.idle.get(fn.id)?.push(worker)
    else this.retire(worker)
    this.options.onInvocation?.(record)
    return record
  }

  async stop(): Promise<void> {
    for (const worker of [...this.workers]) this.retire(worker)
    await this.api.close()
  }

  private takeWorker(fn: LocalFunction): Worker {
    const idle = this.idle.get(fn.id) ?? []
    const warm = idle.pop()
    if (warm) {
      warm.busy = true
      return warm
    }
    return this.spawnWorker(fn)
  }

  private spawnWorker(fn: LocalFunction): Worker {
    const { command, args, install } = workerCommand(fn)
    const id = randomUUID()
    this.api.openChannel(id, (error) => this.api.abort(id, { ok: false, error }))
    const child = spawn(command, args, {
      cwd: fn.taskRoot,
      env: {
        ...(this.options.baseEnvironment ?? process.env),
        ...fn.environment,
        AWS_LAMBDA_RUNTIME_API: this.api.endpointFor(id),
        _HANDLER: fn.handler,
        LAMBDA_TASK_ROOT: fn.taskRoot,
        AWS_LAMBDA_FUNCTION_NAME: fn.functionName,
        AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.memorySize),
        IS_LOCAL: "true",
      },
      stdio: ["ignore", "pipe", "pipe"],
    })
    const worker: Worker = { id, process: child, fn, logs: [], busy: true }
    // A pipe delivers chunks, not lines: keep each stream's unfinished line until its newline.
    const collector = () => {
      let pending = ""
      return (chunk: Buffer) => {
        const lines = (pending + chunk.toString("utf8")).split(/\r?\n/)
        pending = lines.pop() ?? ""
        for (const line of lines) if (line !== "") worker.logs.push(line)
      }
    }
    child.stdout?.on("data", collector())
    child.stderr?.on("data", collector())
    // A command that cannot start emits "error" and never "exit".
    child.on("error", (error: NodeJS.ErrnoException) => {
      const errorMessage = error.code === "ENOENT" ? `"${fn.id}" (${fn.runtime}) runs locally with ${command}, which is not on the PATH. ${install}` : `Could not start ${command} for "${fn.id}": ${error.message}`
      this.api.abort(id, { ok: false, error: { errorType: "Runtime.InvalidEntrypoint", errorMessage } })
      this.forget(worker)
    })
    child.on("exit", (code, signal) => {
      this.api.abort(id, { ok: false, error: { errorType: "Runtime.ExitError", errorMessage: `Runtime exited with error: ${signal ? `signal ${signal}` : `exit status ${code}`}` } })
      this.forget(worker)
    })
    this.workers.add(worker)
    return worker
  }

  private retire(worker: Worker): void {
    this.forget(worker)
    worker.process.kill()
  }

  private forget(worker: Worker): void {
    this.workers.delete(worker)
    const idle = this.idle.get(worker.fn.id)
    if (idle) this.idle.set(worker.fn.id, idle.filter((w) => w !== worker))
    this.api.closeChannel(worker.id)
  }
}
