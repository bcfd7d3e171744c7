/**
 * Lambda runtimes: the ones AWS supports today, and what the retired ones SST v1 apps still name
 * become.
 *
 * Source: "Lambda runtimes" in the AWS Lambda Developer Guide (supported runtimes and the
 * deprecation table), read in early 2026: Node.js 20/22/24, Python 3.10–3.14, Java 8 (AL2), 11,
 * 17, 21, 25, .NET 8 and 10, Ruby 3.2–3.4, and the OS-only runtimes provided.al2 and
 * provided.al2023 (Go and Rust run on those). Runtimes AWS has retired can no longer be created
 * or updated, so an app written for SST v1 (`nodejs16.x`, `go1.x`, ...) would fail at deploy;
 * we map each to the newest supported runtime of its language and warn, naming both. Apps that
 * want to choose themselves set `retiredRuntimes: "error"` (on a function or in the app's
 * default function props) and get an error instead.
 * @module
 */
import type { RuntimeFamily } from "../../compiler/packager/function-source.ts"

export const DEFAULT_RUNTIME = "nodejs24.x"

export const SUPPORTED_RUNTIMES = [
  "nodejs24.x",
  "nodejs22.x",
  "nodejs20.x",
  "python3.14",
  "python3.13",
  "python3.12",
  "python3.11",
  "python3.10",
  "java25",
  "java21",
  "java17",
  "java11",
  "java8.al2",
  "dotnet10",
  "dotnet8",
  "ruby3.4",
  "ruby3.3",
  "ruby3.2",
  "provided.al2023",
  "provided.al2",
] as const

export type SupportedRuntime = (typeof SUPPORTED_RUNTIMES)[number]

/** Names users may write besides the supported identifiers: Go is built for provided.al2023. */
const ALIASES: Record<string, SupportedRuntime> = { go: "provided.al2023" }

/** The supported runtime each retired one becomes: the newest of its language. */
const RETIRED: Record<string, SupportedRuntime> = {
  ...Object.fromEntries(["nodejs", "nodejs4.3", "nodejs6.10", "nodejs8.10", "nodejs10.x", "nodejs12.x", "nodejs14.x", "nodejs16.x", "nodejs18.x"].map((r) => [r, "nodejs24.x"])),
  ...Object.fromEntries(["python2.7", "python3.6", "python3.7", "python3.8", "python3.9"].map((r) => [r, "python3.14"])),
  // Java 8 still runs on Amazon Linux 2 under its own identifier; older Java ends at the newest.
  java8: "java8.al2",
  ...Object.fromEntries(["dotnetcore1.0", "dotnetcore2.0", "dotnetcore2.1", "dotnetcore3.1", "dotnet5.0", "dotnet6", "dotnet7"].map((r) => [r, "dotnet10"])),
  ...Object.fromEntries(["ruby2.5", "ruby2.7", "ruby3.0", "ruby3.1"].map((r) => [r, "ruby3.4"])),
  "go1.x": "provided.al2023",
  provided: "provided.al2023",
}

export interface ResolvedRuntime {
  runtime: SupportedRuntime
  family: RuntimeFamily
  /** Set when the runtime came from the retired list. */
  retired?: string
  /** Go: the handler names a Go package to build, whatever the identifier says. */
  go: boolean
}

/** Every identifier the `runtime` prop accepts. */
export function knownRuntimes(): string[] {
  return [...SUPPORTED_RUNTIMES, ...Object.keys(ALIASES), ...Object.keys(RETIRED)]
}

/** The supported runtime for `name`, or undefined when `name` is no runtime Lambda ever had. */
export function resolveRuntime(name: string): ResolvedRuntime | undefined {
  const go = name === "go" || name === "go1.x"
  if ((SUPPORTED_RUNTIMES as readonly string[]).includes(name)) {
    return { runtime: name as SupportedRuntime, family: familyOf(name), go }
  }
  if (name in ALIASES) return { runtime: ALIASES[name], family: "go", go: true }
  if (name in RETIRED) {
    const runtime = RETIRED[name]
    return { runtime, family: go ? "go" : familyOf(runtime), retired: name, go }
  }
  return undefined
}

export function familyOf(runtime: string): RuntimeFamily {
  if (runtime.startsWith("nodejs")) return "node"
  if (runtime.startsWith("python")) return "python"
  if (runtime.startsWith("java")) return "java"
  if (runtime.startsWith("dotnet")) return "dotnet"
  if (runtime.startsWith("ruby")) return "ruby"
  return "provided"
}

/** The one-line warning for a retired runtime. */
export function retiredRuntimeWarning(path: string, retired: string, runtime: string): string {
  return `Function "${path}": runtime "${retired}" is retired by AWS Lambda; building it (and every other function naming it) for "${runtime}" instead (set runtime: "${runtime}" to silence this, or retiredRuntimes: "error" to refuse it).`
}
