/**
 * A local development session (`sst start --offline`): the app's functions on the local
 * runtime, each HTTP API served on a local port, and a history of invocations for the console.
 * `load()` reads the latest build from `.sst/dist/`; calling it again after a rebuild swaps the
 * code in place: API ports stay the same, warm workers of changed functions are retired.
 * @module
 */
import { createHash } from "node:crypto"
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from "node:fs"
import { join } from "node:path"
import { readAppModel, type AppFunction, type AppModel } from "./app-model.ts"
import { startHttpApiEmulator, type HttpApiEmulator } from "./offline/http-api-server.ts"
import { LocalRuntime, type InvocationRecord } from "./runtime/local-runtime.ts"
import { extractZip } from "./runtime/unzip.ts"

/** Invocations kept per function, as SST v1's console kept them. */
export const HISTORY_PER_FUNCTION = 25

export interface LoadedApp {
  model: AppModel
  apis: { id: string; url: string; routes: string[] }[]
}

export class DevSession {
  private readonly runtime: LocalRuntime
  private readonly emulators = new Map<string, HttpApiEmulator>()
  private readonly history = new Map<string, InvocationRecord[]>()
  private readonly listeners = new Set<(record: InvocationRecord) => void>()
  private model: AppModel | undefined

  constructor(private readonly options: { root: string; environment?: NodeJS.ProcessEnv }) {
    this.runtime = new LocalRuntime({ baseEnvironment: options.environment, onInvocation: (record) => this.record(record) })
  }

  async start(): Promise<void> {
    await this.runtime.start()
  }

  async load(): Promise<LoadedApp> {
    const model = readAppModel(this.options.root)
    for (const fn of model.functions) {
      const taskRoot = this.extract(fn)
      if (!taskRoot) continue
      this.runtime.register({ id: fn.id, runtime: fn.runtime, handler: fn.handler, taskRoot, environment: { AWS_REGION: model.region, ...fn.environment }, timeoutSeconds: fn.timeoutSeconds, memorySize: fn.memorySize, functionName: fn.functionName })
    }
    for (const api of model.httpApis) {
      const running = this.emulators.get(api.id)
      if (running) running.update(api)
      else this.emulators.set(api.id, await startHttpApiEmulator({ api, invoke: (id, event) => this.runtime.invoke(id, event) }))
    }
    this.model = model
    return { model, apis: model.httpApis.map((api) => ({ id: api.id, url: (this.emulators.get(api.id) as HttpApiEmulator).url, routes: api.routes.map((r) => r.routeKey) })) }
  }

  get functions(): AppFunction[] {
    return this.model?.functions ?? []
  }

  /** The app as last loaded, for the console. */
  get app(): AppModel | undefined {
    return this.model
  }

  get apiUrls(): { id: string; url: string; routes: string[] }[] {
    return (this.model?.httpApis ?? []).map((api) => ({ id: api.id, url: this.emulators.get(api.id)?.url ?? "", routes: api.routes.map((r) => r.routeKey) }))
  }

  invoke(functionId: string, event: unknown): Promise<InvocationRecord> {
    return this.runtime.invoke(functionId, event)
  }

  invocations(functionId?: string): InvocationRecord[] {
    const all = functionId ? (this.history.get(functionId) ?? []) : [...this.history.values()].flat()
    return [...all].sort((a, b) => b.startedAt - a.startedAt)
  }

  onInvocation(listener: (record: InvocationRecord) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  async stop(): Promise<void> {
    for (const emulator of this.emulators.values()) await emulator.close()
    await this.runtime.stop()
  }

  private record(record: InvocationRecord): void {
    const list = this.history.get(record.functionId) ?? []
    list.unshift(record)
    this.history.set(record.functionId, list.slice(0, HISTORY_PER_FUNCTION))
    for (const listener of this.listeners) listener(record)
  }

  /** Extracts the function's zip once per content (the file name is its hash) and returns the folder. */
  private extract(fn: AppFunction): string | undefined {
    if (!fn.assetFile) return undefined
    const zip = readFileSync(join(this.options.root, fn.assetFile))
    const hash = createHash("sha256").update(zip).digest("hex").slice(0, 16)
    const dir = join(this.options.root, ".sst", "live", hash)
    if (!existsSync(dir)) {
      const partial = `${dir}.partial`
      rmSync(partial, { recursive: true, force: true })
      mkdirSync(partial, { recursive: true })
      extractZip(zip, partial)
      renameSync(partial, dir)
    }
    return dir
  }
}
