/**
 * A stack: the unit of deployment. Its CloudFormation name is `<stage>-<app>-<id>`.
 * @module
 */
import type { CoreApp } from "./app.ts"
import { Construct } from "./construct.ts"
import type { CfnCondition } from "./cfn-elements.ts"
import { Aws, type Value } from "./intrinsics.ts"

/** CloudFormation stack names: a letter, then letters, digits and hyphens, at most 128 characters. */
export const STACK_NAME_PATTERN = /^[a-zA-Z][-a-zA-Z0-9]*$/
export const MAX_STACK_NAME_LENGTH = 128

export interface StackProps {
  /**
   * The CloudFormation stack name, for apps whose stacks already have one (SST v1 took it from
   * CDK's `StackProps`). It must hold the stage: start with "<stage>-", end with "-<stage>" or
   * contain "-<stage>-", so stages never share a stack.
   * @default "<stage>-<app>-<id>"
   * @example app.stack(Api, { stackName: `courier-api-${app.stage}` })
   */
  stackName?: string
  /** The template's Description. */
  description?: string
  /** Tags CloudFormation puts on the stack and propagates to its resources. */
  tags?: Record<string, string>
}

export interface OutputDefinition {
  value: Value
  description?: string
  /** Makes the output a CloudFormation export. Other stacks of this app never need one. */
  exportName?: string
  condition?: CfnCondition
  /**
   * A value for the deployer (a site's bucket, its environment), not for the user: left out of
   * the manifest's `outputs`, so it is neither printed nor written to the outputs file.
   */
  internal?: boolean
}

export class CoreStack extends Construct {
  readonly stackName: string
  readonly description: string | undefined
  readonly tags: Record<string, string>
  readonly outputs = new Map<string, OutputDefinition>()
  /** The key each output was given in addOutputs, by output name ("API_URL" for "APIURL"). */
  private readonly outputKeys = new Map<string, string>()
  /** Stacks that must be deployed before this one (explicit, or found through references). */
  readonly dependencies = new Set<CoreStack>()

  constructor(scope: CoreApp, id: string, props: StackProps = {}) {
    super(scope, id)
    const app = scope
    this.stackName = props.stackName ?? `${app.stage}-${app.name}-${id}`
    this.description = props.description
    this.tags = { ...(props.tags ?? {}) }
    this.checkName()
    if (props.stackName !== undefined) this.checkStageInName()
  }

  override isStack(): boolean {
    return true
  }

  get stage(): string {
    return this.app.stage
  }

  /** The app's region, as a plain string (one region per app). */
  get region(): string {
    return this.app.region
  }

  /** The account, known only at deploy time. */
  get account(): string {
    return Aws.ACCOUNT_ID
  }

  /** "aws" in commercial regions; known at deploy time. */
  get partition(): string {
    return Aws.PARTITION
  }

  get urlSuffix(): string {
    return Aws.URL_SUFFIX
  }

  /**
   * Adds stack outputs; `sst deploy` prints them and writes them to the outputs file. A key's
   * characters other than letters and digits are dropped, as SST v1 and v2 did (their outputs
   * were CDK `CfnOutput`s, named by logical ID): `API_URL` is the output `APIURL`.
   * @example stack.addOutputs({ ApiEndpoint: api.url, Table: { value: table.tableName, description: "notes" } })
   */
  addOutputs(outputs: Record<string, Value | OutputDefinition>): void {
    for (const [key, output] of Object.entries(outputs)) {
      const name = key.replace(/[^A-Za-z0-9]/g, "")
      if (!/^[A-Za-z0-9]{1,255}$/.test(name)) {
        this.app.report({
          code: "InvalidOutputName",
          path: this.displayPath,
          construct: "Stack",
          property: `addOutputs(${JSON.stringify(key)})`,
          problem: name === "" ? "has no letters or digits, so it names no output." : `makes the output name ${JSON.stringify(name)} (${name.length} characters).`,
          allowed: '1 to 255 letters and digits once other characters are dropped (CloudFormation output names are alphanumeric; "API_URL" is the output "APIURL").',
          fix: name === "" ? 'name it with letters, for example "Output".' : `shorten it by ${name.length - 255} characters.`,
        })
        continue
      }
      const earlier = this.outputKeys.get(name)
      if (earlier !== undefined && earlier !== key) {
        this.app.report({
          code: "DuplicateOutputName",
          path: this.displayPath,
          construct: "Stack",
          property: `addOutputs(${JSON.stringify(key)})`,
          problem: `and addOutputs(${JSON.stringify(earlier)}) are both the output ${JSON.stringify(name)} once characters other than letters and digits are dropped.`,
          allowed: "output keys that stay distinct as letters and digits.",
          fix: `rename one of them, for example ${JSON.stringify(`${name}2`)}.`,
        })
        continue
      }
      const definition = isOutputDefinition(output) ? output : { value: output }
      if (definition.value === undefined || definition.value === null) {
        this.app.report({
          code: "UndefinedOutput",
          path: this.displayPath,
          construct: "Stack",
          property: `addOutputs({ ${key} })`,
          problem: `has the value ${String(definition.value)}.`,
          allowed: "a string, a number or a reference such as api.url.",
          fix: `give "${key}" a value, or leave it out when there is none (for example only add it when the value is set).`,
        })
        continue
      }
      this.outputKeys.set(name, key)
      this.outputs.set(name, definition)
    }
  }

  /** Deploys `stack` before this one. */
  addDependency(stack: CoreStack): void {
    if (stack !== this) this.dependencies.add(stack)
  }

  private checkName(): void {
    if (STACK_NAME_PATTERN.test(this.stackName) && this.stackName.length <= MAX_STACK_NAME_LENGTH) return
    this.app.report({
      code: "InvalidStackName",
      path: this.displayPath,
      construct: "Stack",
      problem: `makes the stack name ${JSON.stringify(this.stackName)}, which CloudFormation refuses.`,
      allowed: `stack names of letters, digits and '-', starting with a letter, at most ${MAX_STACK_NAME_LENGTH} characters ("<stage>-<app>-<id>").`,
      fix: `use '-' instead of '_' and keep the id short, for example ${JSON.stringify(this.id.replace(/[^a-zA-Z0-9-]/g, "-"))} (a stack function keeps its name with app.stack(fn, { id: ${JSON.stringify(this.id.replace(/[^a-zA-Z0-9-]/g, "-"))} })).`,
    })
  }

  /** SST v1's rule for a stackName of the user's: the stage is part of it, so stages never share a stack. */
  private checkStageInName(): void {
    const stage = this.app.stage
    const name = this.stackName
    if (name.startsWith(`${stage}-`) || name.endsWith(`-${stage}`) || name.includes(`-${stage}-`)) return
    this.app.report({
      code: "StackNameWithoutStage",
      path: this.displayPath,
      construct: "Stack",
      property: "stackName",
      problem: `is ${JSON.stringify(name)}, which does not hold the stage "${stage}", so every stage would deploy to this one stack.`,
      allowed: `a name that starts with "${stage}-", ends with "-${stage}" or contains "-${stage}-".`,
      fix: `build it from the stage, for example \`${name}-\${app.stage}\`.`,
    })
  }
}

function isOutputDefinition(value: unknown): value is OutputDefinition {
  return value !== null && typeof value === "object" && !Array.isArray(value) && "value" in value && Object.getPrototypeOf(value) === Object.prototype
}
