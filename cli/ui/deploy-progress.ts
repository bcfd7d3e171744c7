/**
 * Deploy and remove progress. On a terminal: a live block redrawn in place (each stack with its
 * phase, elapsed time and the resources in flight) under the lines that stay (notices, change
 * summaries, failed resources). Elsewhere (CI, a pipe): one timestamped line per event.
 * @module
 */
import type { DeployEvent, StackPhase } from "../deploy/events.ts"
import { formatBytes, formatChanges } from "./deploy-summary.ts"
import { PLAIN, styleFor, type Style } from "./style.ts"

export interface ProgressView {
  report(event: DeployEvent): void
  /** Draws the final state and stops redrawing. */
  stop(): void
}

export interface ProgressOptions {
  stream?: NodeJS.WriteStream | { write(text: string): unknown; isTTY?: boolean; columns?: number }
  /** Force a mode; by default a live view when the stream is a terminal. */
  live?: boolean
  now?: () => Date
}

export function createProgress(options: ProgressOptions = {}): ProgressView {
  const stream = options.stream ?? process.stderr
  const live = options.live ?? (stream.isTTY === true && !process.env.CI)
  return live ? new LiveView(stream, styleFor(stream), options.now) : new PlainView(stream, options.now)
}

const PHASE_TEXT: Record<StackPhase, string> = {
  waiting: "waiting",
  checking: "checking",
  changeset: "creating change set",
  deploying: "deploying",
  deployed: "deployed",
  unchanged: "no changes",
  failed: "failed",
  skipped: "skipped",
  removing: "removing",
  removed: "removed",
  missing: "not deployed",
}

const DONE: ReadonlySet<StackPhase> = new Set(["deployed", "unchanged", "failed", "skipped", "removed", "missing"])

/** Plain lines with a time, for logs: `12:04:31 dev-notes-Api  CREATE_IN_PROGRESS  AWS::Lambda::Function  ListNotes`. */
class PlainView implements ProgressView {
  constructor(
    private readonly stream: { write(text: string): unknown },
    private readonly now: () => Date = () => new Date(),
  ) {}

  report(event: DeployEvent): void {
    for (const line of describe(event, PLAIN)) this.stream.write(`${this.now().toISOString().slice(11, 19)} ${line}\n`)
  }

  stop(): void {}
}

interface StackLine {
  phase: StackPhase
  detail?: string
  started: number
  ended?: number
  /** Resources with an operation in progress, by logical ID. */
  inFlight: Map<string, string>
}

class LiveView implements ProgressView {
  private readonly stacks = new Map<string, StackLine>()
  private readonly started: number
  private drawn = 0
  private frame = 0
  /** The first step names the run ("Deploying 2 stacks of notes ..."); uploads add to it. */
  private title = ""
  private upload = ""
  private finished = false
  private readonly timer: NodeJS.Timeout

  constructor(
    private readonly stream: { write(text: string): unknown; columns?: number },
    private readonly style: Style,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.started = this.now().getTime()
    this.timer = setInterval(() => this.redraw(), 120)
    this.timer.unref()
  }

  report(event: DeployEvent): void {
    const at = this.now().getTime()
    if (event.type === "stack") {
      const line: StackLine = this.stacks.get(event.stack) ?? { phase: event.phase, started: at, inFlight: new Map() }
      if (line.phase === "waiting" && event.phase !== "waiting") line.started = at
      line.phase = event.phase
      line.detail = event.detail
      if (DONE.has(event.phase)) {
        line.ended = at
        line.inFlight.clear()
      }
      this.stacks.set(event.stack, line)
    } else if (event.type === "resource") {
      const line = this.stacks.get(event.stack)
      if (line) {
        if (event.status.endsWith("_IN_PROGRESS")) line.inFlight.set(event.logicalId, event.status)
        else line.inFlight.delete(event.logicalId)
      }
      if (event.status.endsWith("_FAILED")) this.print(describe(event, this.style))
    } else if (event.type === "upload") {
      this.upload = describe(event, PLAIN).join(" ")
    } else if (event.type === "step") {
      if (this.title === "") this.title = event.message
      else this.print(describe(event, this.style))
    } else {
      this.print(describe(event, this.style))
    }
    this.redraw()
  }

  stop(): void {
    clearInterval(this.timer)
    this.finished = true
    this.redraw()
    this.drawn = 0
  }

  /** Writes lines that stay above the live block. */
  private print(lines: string[]): void {
    this.clear()
    for (const line of lines) this.stream.write(`${line}\n`)
  }

  private clear(): void {
    if (this.drawn > 0) this.stream.write(`\x1b[${this.drawn}A\x1b[J`)
    this.drawn = 0
  }

  private redraw(): void {
    const now = this.now().getTime()
    const spinner = "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏"[this.frame++ % 10] as string
    const failed = [...this.stacks.values()].some((line) => line.phase === "failed")
    const head = this.finished ? (failed ? this.style.red("✖") : this.style.green("✓")) : spinner
    const width = Math.max(...[...this.stacks.keys()].map((name) => name.length), 0)
    const columns = this.stream.columns ?? 100
    const lines = [`${head} ${this.title}${this.upload ? ` · ${this.upload}` : ""} ${this.style.dim(seconds(now - this.started))}`]
    for (const [name, line] of this.stacks) {
      const mark = line.phase === "failed" ? this.style.red("✖") : line.phase === "skipped" ? this.style.yellow("-") : DONE.has(line.phase) ? this.style.green("✓") : line.phase === "waiting" ? this.style.dim("·") : spinner
      const elapsed = line.phase === "waiting" ? "" : ` ${this.style.dim(seconds((line.ended ?? now) - line.started))}`
      const flight = [...line.inFlight.keys()]
      const resources = flight.length > 0 ? `  ${this.style.dim(flight.slice(0, 3).join(", ") + (flight.length > 3 ? ` +${flight.length - 3}` : ""))}` : ""
      const phase = line.phase === "deploying" && line.detail ? line.detail : PHASE_TEXT[line.phase]
      const detail = line.detail && line.phase !== "failed" && line.phase !== "deploying" ? ` (${line.detail})` : ""
      const text = `  ${mark} ${name.padEnd(width)}  ${phase}${detail}${elapsed}${resources}`
      lines.push(truncate(text, columns))
    }
    this.clear()
    this.stream.write(`${lines.join("\n")}\n`)
    this.drawn = lines.length
  }
}

/** The text of an event, as one or more lines. */
function describe(event: DeployEvent, style: Style): string[] {
  switch (event.type) {
    case "step":
      return [event.message]
    case "stack":
      // A failure's detail says "failed ..." itself; "deploying" is told as "creating" or "updating".
      if (event.detail && (event.phase === "failed" || event.phase === "deploying")) return [`${event.stack}  ${event.phase === "failed" ? style.red(event.detail) : event.detail}`]
      return [`${event.stack}  ${PHASE_TEXT[event.phase]}${event.detail ? `: ${event.detail}` : ""}`]
    case "resource": {
      const text = `${event.stack}  ${event.status}  ${event.resourceType}  ${event.logicalId}${event.reason ? `  ${event.reason}` : ""}`
      return [event.status.endsWith("_FAILED") ? style.red(text) : text]
    }
    case "changes":
      return formatChanges(event.stack, event.changes, style).split("\n")
    case "notice":
      return [`${event.level === "warning" ? style.yellow("Warning: ") : ""}${event.stack ? `${event.stack} ` : ""}${event.message}`]
    case "upload":
      return [`Uploaded ${event.uploaded} ${event.uploaded === 1 ? "asset" : "assets"} (${formatBytes(event.bytes)})`]
  }
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)}s`
}

// Long lines would wrap and break the cursor arithmetic of the redraw.
function truncate(text: string, columns: number): string {
  const visible = text.replace(/\x1b\[[0-9;]*m/g, "")
  if (visible.length < columns) return text
  return `${visible.slice(0, Math.max(10, columns - 2))}…`
}
