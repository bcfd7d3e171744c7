/**
 * Waiting between polls, stoppable by an AbortSignal (Ctrl-C stops the wait, not the stack
 * operation CloudFormation is running).
 * @module
 */
import { DeployError } from "./errors.ts"

/** How often CloudFormation is polled by default: often enough to feel live, far from throttling. */
export const DEFAULT_POLL_MS = 1_000

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(interrupted())
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort)
      resolve()
    }, ms)
    const onAbort = () => {
      clearTimeout(timer)
      reject(interrupted())
    }
    signal?.addEventListener("abort", onAbort, { once: true })
  })
}

export function throwIfAborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw interrupted()
}

function interrupted(): DeployError {
  return new DeployError("Interrupted", "Stopped before the end (interrupted). CloudFormation goes on with any stack operation already started.", "run the command again; stacks still in progress are waited for with --wait.")
}
