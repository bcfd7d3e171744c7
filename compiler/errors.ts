/**
 * Problems with user input, as data, and the one error that carries all of them.
 *
 * Constructs record a {@link Problem} on the App while they are built; emit throws a single
 * {@link ValidationError} holding every problem before anything touches AWS. The four parts of
 * a problem (where, what, what is allowed, how to fix) are kept apart so that the CLI, the tests
 * and the console can show them without parsing text.
 * @module
 */

export interface Problem {
  /** Stable PascalCase code; tests and docs refer to it. */
  code: string
  /** Construct path, e.g. "notes/dev/Api/Api". */
  path: string
  /** The construct's class name, e.g. "Api". */
  construct: string
  /** The offending property, e.g. 'routes["GET /notes/{id"]'. */
  property?: string
  /** What is wrong, quoting the value we got. */
  problem: string
  /** What would have been accepted. */
  allowed: string
  /** The smallest change that makes it right. */
  fix: string
}

/** How many problems a message spells out before it says how many more there are. */
const MAX_PRINTED = 20

export function formatProblem(p: Problem): string {
  const where = p.property ? `: ${p.property}` : ""
  return [
    `${p.construct} "${p.path}"${where} ${p.problem}  [${p.code}]`,
    `  Allowed: ${indentContinuation(p.allowed)}`,
    `  Fix: ${indentContinuation(p.fix)}`,
  ].join("\n")
}

function indentContinuation(text: string): string {
  return text.split("\n").join("\n           ")
}

/** Every problem found in the user's input, reported at once. */
export class ValidationError extends Error {
  readonly problems: readonly Problem[]
  constructor(problems: readonly Problem[]) {
    const shown = problems.slice(0, MAX_PRINTED).map(formatProblem)
    if (problems.length > MAX_PRINTED) shown.push(`... and ${problems.length - MAX_PRINTED} more problems`)
    super(shown.join("\n\n"))
    this.name = "ValidationError"
    this.problems = problems
  }
}

/** A problem with the project itself (sst.json, the entry file), before any construct exists. */
export class ProjectError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly file?: string,
  ) {
    super(message)
    this.name = "ProjectError"
  }
}

/** Returns the error's problems when it is a ValidationError, else rethrows. */
export function isValidationError(error: unknown): error is ValidationError {
  return error instanceof ValidationError
}
