/**
 * Builds compiler-only apps in memory for the compiler's unit tests: a CoreApp, stacks made with
 * `new CoreStack(app, id)`, and the emitted templates by stack id.
 * @module
 */
import { CoreApp, emitApp, ValidationError, type EmitResult } from "../../compiler/index.ts"

/** Templates are plain JSON that each test reads freely; typing them would only add casts. */
export type AnyTemplate = any

export interface Emitted {
  result: EmitResult
  /** Templates by stack id. */
  templates: Record<string, AnyTemplate>
  /** The manifest entry of each stack, by stack id. */
  stacks: Record<string, EmitResult["manifest"]["stacks"][number]>
}

export function coreApp(props: { name?: string; stage?: string; region?: string } = {}): CoreApp {
  return new CoreApp({ name: props.name ?? "notes", stage: props.stage ?? "test", region: props.region ?? "us-east-1" })
}

export function emitTemplates(app: CoreApp): Emitted {
  const result = emitApp(app)
  const templates: Emitted["templates"] = {}
  const stacks: Emitted["stacks"] = {}
  for (const entry of result.stacks) {
    templates[entry.stack.id] = entry.template
    stacks[entry.stack.id] = entry.manifest
  }
  return { result, templates, stacks }
}

/** Runs `fn` and returns the ValidationError it throws; fails the test when it throws none. */
export function catchValidation(fn: () => unknown): ValidationError {
  try {
    fn()
  } catch (error) {
    if (error instanceof ValidationError) return error
    throw error
  }
  throw new Error("expected a ValidationError, but nothing was thrown")
}

/** Same as {@link catchValidation} for async code. */
export async function catchValidationAsync(fn: () => Promise<unknown>): Promise<ValidationError> {
  try {
    await fn()
  } catch (error) {
    if (error instanceof ValidationError) return error
    throw error
  }
  throw new Error("expected a ValidationError, but nothing was thrown")
}
