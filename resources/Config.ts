/**
 * Config: values that are not constructs, bound to functions like constructs (SST v1's
 * `Config.Parameter` and `Config.Secret`, read at run time through `@serverless-stack/node/config`).
 *
 * - A **Parameter** has its value in the app: functions get it in the environment as
 *   `SST_Parameter_value_<id>`, and it is also written to the SSM parameter
 *   `/sst/<app>/<stage>/Parameter/<id>/value` (String), so `sst bind` and tests read the same value.
 * - A **Secret** has no value in the app. `sst secrets set <id> <value>` stores it as a SecureString
 *   at `/sst/<app>/<stage>/Secret/<id>/value` (or under the `.fallback` stage, used by every stage
 *   without its own value). Functions get `SST_Secret_value_<id>=__FETCH_FROM_SSM__` and
 *   `ssm:GetParameters` on both names; the runtime client fetches the value when the function
 *   starts. The value therefore never reaches a template, the manifest or a bundle.
 *
 * Both become `Config.<id>` in the runtime client, so a Parameter and a Secret may not share an id
 * anywhere in the app (SST v1's rule).
 * @module
 */
import { z } from "zod"
import { Aws, CfnResource, Construct, assertSameShape, parseProps } from "../compiler/index.ts"
import { bindingFallbackParameterName, bindingParameterName, type FunctionBinding, type SSTConstruct } from "./bindable.ts"

/** Props of {@link Parameter}. */
export interface ParameterProps {
  /**
   * The value; a plain string or a reference such as `api.url`.
   * @example value: "https://example.com"
   */
  value: string
}

const ParameterPropsSchema = z.strictObject({ value: z.string() })
assertSameShape<ParameterProps, z.input<typeof ParameterPropsSchema>>()

/** SSM refuses an empty parameter value (PutParameter: Value length 1 to 4096 for String). */
const MAX_PARAMETER_VALUE_LENGTH = 4096

/**
 * A plain value bound to functions as `Config.<id>`.
 * @example new Config.Parameter(stack, "API_URL", { value: api.url })
 */
export class Parameter extends Construct implements SSTConstruct {
  /** The name functions read it by (`Config.API_URL`): the id. */
  readonly name: string
  readonly value: string

  constructor(scope: Construct, id: string, props: ParameterProps) {
    super(scope, id)
    const checked = parseProps(ParameterPropsSchema, props, this, "Parameter")
    this.name = id
    this.value = checked.value
    this.checkValue()
    checkUniqueName(this)
    // The SSM parameter exists even when no function binds the value, so `sst bind` finds it. Its
    // id is the one binding uses (function/binding.ts), so binding does not create a second one.
    new CfnResource(this, "Parameter_value", {
      type: "AWS::SSM::Parameter",
      properties: { Name: bindingParameterName(ssmApp(this), this, "value"), Type: "String", Value: this.value },
    })
  }

  /**
   * Several parameters at once, by id.
   * @example const { API_URL, STAGE } = Config.Parameter.create(stack, { API_URL: api.url, STAGE: stack.stage })
   */
  static create<T extends Record<string, string>>(scope: Construct, parameters: T): { [K in keyof T]: Parameter } {
    const created: Record<string, Parameter> = {}
    for (const [id, value] of Object.entries(parameters)) created[id] = new Parameter(scope, id, { value })
    return created as { [K in keyof T]: Parameter }
  }

  getConstructMetadata(): unknown {
    return { type: "Parameter", data: { name: this.name } }
  }

  getFunctionBinding(): FunctionBinding {
    return { clientPackage: "config", variables: { value: { type: "plain", value: this.value } }, permissions: {} }
  }

  /** `permissions: [parameter]` grants reading its SSM parameter. */
  getPermissions(): Record<string, string[]> {
    return { "ssm:GetParameters": [parameterArn(bindingParameterName(ssmApp(this), this, "value"))] }
  }

  private checkValue(): void {
    if (this.value !== "" && this.value.length <= MAX_PARAMETER_VALUE_LENGTH) return
    this.app.report({
      code: "InvalidParameterValue",
      path: this.displayPath,
      construct: "Parameter",
      property: "value",
      problem: this.value === "" ? "is an empty string, which SSM refuses." : `is ${this.value.length} characters long.`,
      allowed: `1 to ${MAX_PARAMETER_VALUE_LENGTH} characters (SSM String parameters).`,
      fix: this.value === "" ? 'give it a value, or use a placeholder such as "none".' : "store large values elsewhere (a Bucket) and pass their location.",
    })
  }
}

/**
 * A secret bound to functions as `Config.<id>`; its value is set with `sst secrets set <id> <value>`.
 * @example new Config.Secret(stack, "STRIPE_KEY")
 */
export class Secret extends Construct implements SSTConstruct {
  /** The name functions read it by (`Config.STRIPE_KEY`) and `sst secrets` sets: the id. */
  readonly name: string

  // `rest` is typed never: TypeScript refuses a value, and JavaScript callers get an error for one.
  constructor(scope: Construct, id: string, ...rest: never[]) {
    super(scope, id)
    this.name = id
    if (rest.length > 0 && rest[0] !== undefined) this.refuseValue(rest[0])
    checkUniqueName(this)
  }

  /**
   * Several secrets at once.
   * @example const { STRIPE_KEY, GITHUB_TOKEN } = Config.Secret.create(stack, "STRIPE_KEY", "GITHUB_TOKEN")
   */
  static create<T extends string[]>(scope: Construct, ...ids: T): { [K in T[number]]: Secret } {
    const created: Record<string, Secret> = {}
    for (const id of ids) created[id] = new Secret(scope, id)
    return created as { [K in T[number]]: Secret }
  }

  getConstructMetadata(): unknown {
    return { type: "Secret", data: { name: this.name } }
  }

  /** The environment holds a placeholder; binding grants reading the stage's and the fallback value. */
  getFunctionBinding(): FunctionBinding {
    return { clientPackage: "config", variables: { value: { type: "secret", value: "" } }, permissions: {} }
  }

  /** `permissions: [secret]` grants what binding grants: reading both SSM names. */
  getPermissions(): Record<string, string[]> {
    const app = ssmApp(this)
    return {
      "ssm:GetParameters": [parameterArn(bindingParameterName(app, this, "value")), parameterArn(bindingFallbackParameterName(app, this, "value"))],
    }
  }

  private refuseValue(value: unknown): void {
    this.app.report({
      code: "SecretValueInCode",
      path: this.displayPath,
      construct: "Secret",
      property: "props",
      problem: `is given ${typeof value === "string" ? "a value" : `a ${typeof value}`} in code; a secret's value never goes into the app.`,
      allowed: `new Config.Secret(stack, "${this.id}") with no value.`,
      fix: `remove the value and run: sst secrets set ${this.id} <value>  (use a Config.Parameter for values that are not secret).`,
    })
  }
}

/** Parameters and secrets both become `Config.<id>`: one id may name only one of them in an app. */
function checkUniqueName(construct: Parameter | Secret): void {
  const twin = [...construct.app.descendants()].find(
    (node) => node !== construct && (node instanceof Parameter || node instanceof Secret) && node.id === construct.id,
  )
  if (!twin) return
  const kind = construct instanceof Parameter ? "Parameter" : "Secret"
  construct.app.report({
    code: "DuplicateConfigName",
    path: construct.displayPath,
    construct: kind,
    problem: `uses the name ${JSON.stringify(construct.id)}, which the ${twin.constructor.name} "${twin.displayPath}" already has.`,
    allowed: "names that are unique among all Config parameters and secrets of the app (functions read them all as Config.<name>).",
    fix: "rename one of the two.",
  })
}

function ssmApp(construct: Construct): { name: string; stage: string; ssmPrefix?: string } {
  const app = construct.app as { name: string; stage: string; ssmPrefix?: string }
  return { name: app.name, stage: app.stage, ssmPrefix: app.ssmPrefix }
}

function parameterArn(name: string): string {
  return `arn:${Aws.PARTITION}:ssm:${Aws.REGION}:${Aws.ACCOUNT_ID}:parameter${name}`
}
