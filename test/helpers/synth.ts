/**
 * Builds an app in memory and emits it, for unit tests: `synth((stack) => new X(stack, ...))`.
 * @module
 */
import { emitApp, type EmitResult, type Template } from "../../compiler/index.ts"
import { App } from "../../resources/App.ts"
import { Stack } from "../../resources/Stack.ts"

export interface SynthResult {
  app: App
  result: EmitResult
  /** The template of the first stack. */
  template: Template & { Resources: Record<string, any>; Outputs?: Record<string, any>; Parameters?: Record<string, any> }
  templates: Record<string, Template & { Resources: Record<string, any> }>
}

export function testApp(props: { name?: string; stage?: string; region?: string; root?: string } = {}): App {
  return new App({ name: props.name ?? "notes", stage: props.stage ?? "test", region: props.region ?? "us-east-1", root: props.root ?? "." })
}

/** Builds one stack named "Main" with `build`, then emits the app. */
export function synth(build: (stack: Stack, app: App) => void, app: App = testApp()): SynthResult {
  const stack = new Stack(app, "Main")
  build(stack, app)
  return emit(app)
}

export function emit(app: App): SynthResult {
  const result = emitApp(app)
  const templates: SynthResult["templates"] = {}
  for (const entry of result.stacks) templates[entry.stack.id] = entry.template as SynthResult["templates"][string]
  return { app, result, template: result.stacks[0]?.template as SynthResult["template"], templates }
}

export { catchValidation, catchValidationAsync } from "./core.ts"

/**
 * The IAM statements of a function (by the logical ID of its construct, e.g. "ApiLambdaGETnotes"):
 * inline in its role, or in a separate policy where the function has one.
 */
export function statementsOf(resources: Record<string, any>, functionId: string): any[] {
  const separate = resources[`${functionId}ServiceRoleDefaultPolicy`]
  const inline = resources[`${functionId}ServiceRole`]?.Properties?.Policies?.[0]?.PolicyDocument?.Statement
  return [...(inline ?? []), ...(separate?.Properties?.PolicyDocument?.Statement ?? [])]
}
