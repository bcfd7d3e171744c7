/**
 * Runs a toolchain (go, pip, mvn, dotnet, npm, a user's hook) for the packager. A missing
 * program is its own error, naming the command that was tried and how to install it; a failing
 * one carries the end of its output.
 * @module
 */
import { spawn } from "node:child_process"

/** How to get each toolchain we call. */
export const INSTALL_HINTS: Record<string, string> = {
  go: "install Go (Debian/Ubuntu: apt-get install golang-go; elsewhere: https://go.dev/doc/install)",
  python3: "install Python 3 (Debian/Ubuntu: apt-get install python3 python3-pip)",
  pip3: "install pip (Debian/Ubuntu: apt-get install python3-pip)",
  mvn: "install Maven (Debian/Ubuntu: apt-get install maven)",
  gradle: "add the Gradle wrapper (gradlew) to the project, or install Gradle (https://gradle.org/install)",
  dotnet: "install the .NET SDK 8 or later (https://dotnet.microsoft.com/download)",
  npm: "install Node.js with npm (https://nodejs.org)",
  sh: "run on a system with a POSIX shell",
}

export class CommandError extends Error {
  constructor(
    readonly reason: "missing" | "failed",
    /** The command line as it was run, e.g. "go build -o bootstrap ./cmd/list". */
    readonly commandLine: string,
    /** The last lines of stderr and stdout, or how to install the program. */
    readonly detail: string,
  ) {
    super(reason === "missing" ? `"${commandLine}" could not run: ${detail}` : `"${commandLine}" failed:\n${detail}`)
    this.name = "CommandError"
  }
}

export interface RunOptions {
  cwd: string
  /** The whole environment of the program; when absent it inherits this process's. */
  env?: NodeJS.ProcessEnv
}

/** Runs `program` with `args`; resolves with stdout, rejects with a CommandError. */
export function runCommand(program: string, args: readonly string[], options: RunOptions): Promise<string> {
  const commandLine = [program, ...args.map(quote)].join(" ")
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { cwd: options.cwd, ...(options.env ? { env: options.env } : {}), stdio: ["ignore", "pipe", "pipe"] })
    const out: Buffer[] = []
    const err: Buffer[] = []
    child.stdout.on("data", (chunk: Buffer) => out.push(chunk))
    child.stderr.on("data", (chunk: Buffer) => err.push(chunk))
    child.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT") reject(new CommandError("missing", commandLine, `${program} was not found on PATH; ${INSTALL_HINTS[program] ?? `install ${program}`}.`))
      else reject(new CommandError("failed", commandLine, error.message))
    })
    child.on("close", (code) => {
      const stdout = Buffer.concat(out).toString()
      if (code === 0) return resolve(stdout)
      reject(new CommandError("failed", commandLine, tail(`${Buffer.concat(err).toString()}\n${stdout}`)))
    })
  })
}

/** Runs a user's shell command (hooks, installCommands) with sh. */
export function runShell(command: string, options: RunOptions): Promise<string> {
  return runCommand("sh", ["-c", command], options).catch((error: unknown) => {
    if (error instanceof CommandError) throw new CommandError(error.reason, command, error.detail)
    throw error
  })
}

function tail(text: string, lines = 20): string {
  const all = text.trim().split("\n")
  return (all.length > lines ? ["...", ...all.slice(-lines)] : all).join("\n")
}

function quote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`
}
