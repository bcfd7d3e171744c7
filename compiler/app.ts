/**
 * The root of the construct tree: one app, one stage, one region.
 *
 * It owns what belongs to the build as a whole: the token table, the problems found in user
 * input, warnings, the steps constructs run before emit, and the assets to package.
 * @module
 */
import { Construct } from "./construct.ts"
import { ValidationError, type Problem } from "./errors.ts"
import type { RemovalPolicy } from "./resource.ts"
import type { CoreStack } from "./stack.ts"
import { TokenTable } from "./tokens.ts"
import type { Asset } from "./assets.ts"
import type { ManifestSite } from "./manifest.ts"

export interface CoreAppProps {
  /** The app's name from sst.json. */
  name: string
  stage: string
  region: string
  /** The folder of sst.json: handler paths and site paths are relative to it. */
  root?: string
}

export class CoreApp extends Construct {
  readonly name: string
  readonly stage: string
  readonly region: string
  readonly root: string
  readonly tokens: TokenTable = new TokenTable(this)
  readonly problems: Problem[] = []
  readonly warnings: string[] = []
  readonly assets: Asset[] = []
  /** Sites the deployer uploads after their stacks (the manifest's `sites`), in creation order. */
  readonly sites: ManifestSite[] = []
  defaultRemovalPolicy: RemovalPolicy | undefined
  private readonly finalizers: (() => void)[] = []
  private finalized = false

  constructor(props: CoreAppProps) {
    super(undefined, "")
    this.name = props.name
    this.stage = props.stage
    this.region = props.region
    this.root = props.root ?? "."
  }

  override isRoot(): boolean {
    return true
  }

  /** The stacks, in the order they were created. */
  get stacks(): CoreStack[] {
    return this.children.filter((child): child is CoreStack => child.isStack())
  }

  /** `${stage}-${name}-${suffix}`, the prefix of stack names and physical names. */
  logicalPrefixedName(suffix: string): string {
    return `${this.stage}-${this.name}-${suffix}`
  }

  /** Records a problem with user input; emit reports all of them together. */
  report(problem: Problem): void {
    this.problems.push(problem)
  }

  /** Records a problem and returns the error to throw when going on would be unsafe. */
  fail(problem: Problem): ValidationError {
    this.report(problem)
    return new ValidationError(this.problems)
  }

  warn(message: string): void {
    if (!this.warnings.includes(message)) this.warnings.push(message)
  }

  /** Runs `step` once, just before emit, after the user's code has built the whole tree. */
  addFinalizer(step: () => void): void {
    this.finalizers.push(step)
  }

  /** Runs the finalizers (in the order they were added) once. */
  finalize(): void {
    if (this.finalized) return
    this.finalized = true
    for (let i = 0; i < this.finalizers.length; i++) this.finalizers[i]()
  }

  setDefaultRemovalPolicy(policy: RemovalPolicy): void {
    this.defaultRemovalPolicy = policy
  }
}
