/**
 * Functional stacks: a stack is a plain function `({ app, stack }) => exports`, added with
 * `app.stack(fn)`. `use(fn)` returns what another stack function returned, `dependsOn(fn)`
 * orders deployment, `getStack(fn)` returns the Stack.
 * @module
 */
import { AsyncLocalStorage } from "node:async_hooks"
import type { App } from "./App.ts"
import { getCurrentApp } from "./App.ts"
import { Stack, type StackProps } from "./Stack.ts"

export interface StackContext {
  app: App
  stack: Stack
}

export type FunctionalStack<T> = (this: Stack, context: StackContext) => T

export interface FunctionalStackProps extends StackProps {
  /** The stack's id. @default the function's name */
  id?: string
}

interface StackState {
  stack: Stack
  done: boolean
  returns: unknown
}

const statesByApp = new WeakMap<App, Map<FunctionalStack<unknown>, StackState>>()
/** The stack whose function is running; async-local, so it survives `await` inside an async stack. */
const runningStack = new AsyncLocalStorage<Stack>()

function statesOf(app: App): Map<FunctionalStack<unknown>, StackState> {
  let states = statesByApp.get(app)
  if (!states) statesByApp.set(app, (states = new Map()))
  return states
}

/** Runs `fn` as a stack of `app`; returns a promise when the function is async. */
export function initializeFunctionalStack(app: App, fn: FunctionalStack<unknown>, props: FunctionalStackProps = {}): Promise<unknown> | undefined {
  const states = statesOf(app)
  const id = props.id ?? fn.name
  if (states.has(fn)) {
    throw app.fail({
      code: "StackDuplicates",
      path: `${app.name}/${app.stage}/${id}`,
      construct: "App",
      property: `app.stack(${fn.name || "<anonymous>"})`,
      problem: `adds the stack function "${fn.name}" a second time.`,
      allowed: "each stack function added once.",
      fix: "remove the second app.stack(...) call; use(...) it where its values are needed.",
    })
  }
  if (!id) {
    throw app.fail({
      code: "AnonymousStack",
      path: `${app.name}/${app.stage}`,
      construct: "App",
      property: "app.stack(fn)",
      problem: "is given a function without a name, so the stack has no id.",
      allowed: "a named function (function Api({ stack }) {...}) or props.id.",
      fix: 'name the function, or pass { id: "Api" } as the second argument.',
    })
  }
  const { id: _id, ...stackProps } = props
  const stack = new Stack(app, id, stackProps)
  const state: StackState = { stack, done: false, returns: undefined }
  states.set(fn, state)
  const returns = runningStack.run(stack, () => fn.call(stack, { app, stack }))
  if (returns instanceof Promise) {
    return returns.then((value) => {
      state.returns = value
      state.done = true
    })
  }
  state.returns = returns
  state.done = true
  return undefined
}

function stateFor(fn: FunctionalStack<unknown>, caller: string): StackState {
  const running = runningStack.getStore()
  const app = running?.app ?? getCurrentApp()
  const state = statesOf(app).get(fn)
  if (!state || !state.done) {
    const user = running ? `"${running.id}"` : "this stack"
    throw app.fail({
      code: "StackWrongOrder",
      path: running ? running.displayPath : `${app.name}/${app.stage}`,
      construct: "Stack",
      property: `${caller}(${fn.name})`,
      problem: state
        ? `uses the async stack "${fn.name}" before it has finished.`
        : `uses the stack "${fn.name}", which has not been added yet.`,
      allowed: `stacks added before the stacks that use them: app.stack(${fn.name}) comes before app.stack(...) of ${user}.`,
      fix: state ? `await app.stack(${fn.name}) before adding the stacks that use it.` : `add app.stack(${fn.name}) before the stack that calls ${caller}(${fn.name}).`,
    })
  }
  return state
}

/** What the stack function `fn` returned; the stack using it is deployed after `fn`'s stack. */
export function use<T>(fn: FunctionalStack<T | Promise<T>>): T {
  const state = stateFor(fn as FunctionalStack<unknown>, "use")
  runningStack.getStore()?.addDependency(state.stack)
  return state.returns as T
}

/** Deploys the stack being defined after the stack of `fn`. */
export function dependsOn(fn: FunctionalStack<unknown>): void {
  const state = stateFor(fn, "dependsOn")
  const running = runningStack.getStore()
  if (!running) throw new Error("dependsOn() works inside a stack function run by app.stack().")
  running.addDependency(state.stack)
}

/** The Stack made from the stack function `fn`. */
export function getStack(fn: FunctionalStack<unknown>): Stack {
  return stateFor(fn, "getStack").stack
}
