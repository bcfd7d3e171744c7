/**
 * How a failed command reads on the terminal: problems with user input in full, project errors
 * as one clear message, anything else with a pointer to --verbose.
 * @module
 */
import { ProjectError, ValidationError } from "../../compiler/index.ts"

export function formatError(error: unknown, verbose: boolean): string {
  if (error instanceof ValidationError) {
    const count = error.problems.length
    return `${count === 1 ? "1 problem" : `${count} problems`} in the app:\n\n${error.message}${verbose && error.stack ? `\n\n${error.stack}` : ""}`
  }
  if (error instanceof ProjectError) {
    return `Error: ${error.message}${verbose && error.stack ? `\n\n${error.stack}` : ""}`
  }
  const err = error instanceof Error ? error : new Error(String(error))
  if (err.message.startsWith("internal:")) {
    return `Internal error: ${err.message.slice("internal:".length).trim()}\nThis is a bug in sst; please report it with the output of --verbose.${verbose ? `\n\n${err.stack}` : ""}`
  }
  if (verbose) return `Error: ${err.stack ?? err.message}`
  return `Error: ${err.message}\n(run with --verbose for the stack trace)`
}
