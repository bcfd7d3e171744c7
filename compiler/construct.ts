/**
 * The construct tree: every node has a scope, an id and a path.
 *
 * The root is the App (id ""), its children are Stacks, and everything below a stack is a
 * construct or a raw resource. Paths are relative to the app ("Api/Notes/Route") and are the
 * identity of a node: logical IDs are derived from them, errors name them.
 * @module
 */
import type { CoreApp } from "./app.ts"
import type { CoreStack } from "./stack.ts"

/** Ids users give constructs (SST v1's rule). */
export const CONSTRUCT_ID_PATTERN = /^[a-zA-Z][a-zA-Z0-9-_]*$/

export class Construct {
  readonly scope: Construct | undefined
  readonly id: string
  readonly children: Construct[] = []

  constructor(scope: Construct | undefined, id: string) {
    this.scope = scope
    this.id = id
    if (scope) scope.addChild(this)
  }

  /** Path from the app, e.g. "Api/Notes". The app's own path is "". */
  get path(): string {
    if (!this.scope || this.scope.isRoot()) return this.id
    return `${this.scope.path}/${this.id}`
  }

  /** The path as errors show it: "<app>/<stage>/<path>". */
  get displayPath(): string {
    const app = this.app
    return [app.name, app.stage, this.path].filter((part) => part !== "").join("/")
  }

  /** CDK-style accessor kept for SST v1 apps that read `this.node.id` or `this.node.path`. */
  get node(): { id: string; path: string; scope: Construct | undefined; children: Construct[] } {
    return { id: this.id, path: this.path, scope: this.scope, children: this.children }
  }

  get app(): CoreApp {
    let node: Construct = this
    while (node.scope) node = node.scope
    if (!node.isRoot()) throw new Error(`internal: construct "${this.path}" is not inside an App`)
    return node as unknown as CoreApp
  }

  /** The nearest enclosing stack (a stack is its own stack). */
  get enclosingStack(): CoreStack {
    let node: Construct | undefined = this
    while (node && !node.isStack()) node = node.scope
    if (!node) {
      throw this.app.fail({
        code: "ConstructOutsideStack",
        path: this.displayPath,
        construct: this.constructor.name,
        problem: "is created directly in the App, outside any stack.",
        allowed: "constructs are created inside a stack: new X(stack, id, props).",
        fix: "pass the stack (the `stack` of StackContext, or `this` in a class stack) as the scope.",
      })
    }
    return node as CoreStack
  }

  /** Every construct below this one, depth first, in creation order. */
  *descendants(): Generator<Construct> {
    for (const child of this.children) {
      yield child
      yield* child.descendants()
    }
  }

  isRoot(): boolean {
    return false
  }

  isStack(): boolean {
    return false
  }

  /** Internal children (made by constructs, not users) may use ids such as "GET_/notes"; they skip the user id rule. */
  protected validateId(): boolean {
    return true
  }

  private addChild(child: Construct): void {
    const app = this.findRoot()
    if (child.validateId() && !CONSTRUCT_ID_PATTERN.test(child.id)) {
      app?.report({
        code: "InvalidConstructId",
        path: child.displayPath,
        construct: child.constructor.name,
        problem: `has the id ${JSON.stringify(child.id)}, which is not a valid construct id.`,
        allowed: "a letter followed by letters, digits, '-' or '_' (/^[a-zA-Z][a-zA-Z0-9-_]*$/).",
        fix: `rename it, for example ${JSON.stringify(suggestId(child.id))}.`,
      })
    }
    const twin = this.children.find((other) => normalizeId(other.id) === normalizeId(child.id))
    if (twin) {
      const where = this.isRoot() ? "the app" : `"${this.displayPath}"`
      app?.report({
        code: "DuplicateConstructId",
        path: child.displayPath,
        construct: child.constructor.name,
        problem: `uses the id ${JSON.stringify(child.id)}, which ${where} already has (a ${twin.constructor.name} "${twin.id}"; '-' and '_' count as the same).`,
        allowed: "ids that are unique among the children of one scope.",
        fix: "give one of the two constructs another id.",
      })
    }
    this.children.push(child)
  }

  private findRoot(): CoreApp | undefined {
    let node: Construct = this
    while (node.scope) node = node.scope
    return node.isRoot() ? (node as unknown as CoreApp) : undefined
  }
}

/** SST v1 treats "my-api" and "my_api" as the same id, because both become one logical ID. */
function normalizeId(id: string): string {
  return id.replace(/-/g, "_")
}

function suggestId(id: string): string {
  const cleaned = id.replace(/[^a-zA-Z0-9-_]/g, "-").replace(/^[^a-zA-Z]+/, "")
  return cleaned === "" ? "MyConstruct" : cleaned
}
