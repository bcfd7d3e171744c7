/**
 * Runs the command of `sst bind` as a child process sharing the terminal (stdin, stdout and stderr
 * inherited) and resolves to its exit code, so `sst bind -- vitest run` fails when the tests do.
 *
 * Signals: sst stays alive while the child runs and passes SIGTERM and SIGHUP on to it. SIGINT is
 * passed on only when stdin is not a terminal: a Ctrl-C typed on a terminal already reaches the
 * whole foreground process group, the child included, and sending it a second one would read as a
 * double Ctrl-C, which many tools (test runners, dev servers) take as "stop now, skip the cleanup".
 * @module
 */
import { spawn } from "node:child_process"
import { constants } from "node:os"
import { ProjectError } from "../../compiler/index.ts"

const FORWARDED: NodeJS.Signals[] = ["SIGINT", "SIGTERM", "SIGHUP"]

/** The child's exit code; 128 + the signal's number when a signal ended it, as shells report. */
export function runCommand(command: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  const [file, ...args] = command as [string, ...string[]]
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { stdio: "inherit", env })
    const forward = (signal: NodeJS.Signals) => {
      if (signal !== "SIGINT" || process.stdin.isTTY !== true) child.kill(signal)
    }
    for (const signal of FORWARDED) process.on(signal, forward)
    const stopForwarding = () => {
      for (const signal of FORWARDED) process.off(signal, forward)
    }
    child.on("error", (error: NodeJS.ErrnoException) => {
      stopForwarding()
      if (error.code !== "ENOENT") return reject(error)
      reject(new ProjectError("BindCommandNotFound", `Cannot run "${file}": it is not a command on the PATH. Check its spelling, or install it (a package's binary runs through npx: sst bind -- npx ${file}).`))
    })
    child.on("exit", (code, signal) => {
      stopForwarding()
      resolve(code ?? 128 + (signal ? (constants.signals[signal] ?? 0) : 0))
    })
  })
}
