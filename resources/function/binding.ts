/**
 * Applying a binding (bindable.ts) to a function: the environment variables, the permissions, and
 * the SSM parameters SST v1 wrote, named exactly as its runtime client reads them.
 * @module
 */
import { Aws, CfnResource, Construct, type CoreApp } from "../../compiler/index.ts"
import {
  bindingEnvironmentKey,
  bindingFallbackParameterName,
  bindingParameterName,
  ENVIRONMENT_PLACEHOLDER,
  type SSTConstruct,
} from "../bindable.ts"
import type { PolicyStatementJson } from "./permissions.ts"

export interface AppliedBinding {
  environment: Record<string, string>
  statements: PolicyStatementJson[]
}

/** What binding `construct` gives a function; undefined when the construct has no binding. */
export function applyBinding(app: CoreApp, construct: SSTConstruct): AppliedBinding | undefined {
  const binding = construct.getFunctionBinding()
  if (!binding) return undefined
  const ssmApp = { name: app.name, stage: app.stage, ssmPrefix: (app as { ssmPrefix?: string }).ssmPrefix }
  const environment: Record<string, string> = {}
  const ssmReads: string[] = []
  for (const [prop, variable] of Object.entries(binding.variables)) {
    const key = bindingEnvironmentKey(construct, prop)
    const name = bindingParameterName(ssmApp, construct, prop)
    environment[key] = variable.type === "plain" ? variable.value : ENVIRONMENT_PLACEHOLDER
    if (variable.type !== "secret") ensureParameter(construct, prop, name, variable.value)
    if (variable.type === "secret") ssmReads.push(parameterArn(name), parameterArn(bindingFallbackParameterName(ssmApp, construct, prop)))
    if (variable.type === "site_url") ssmReads.push(parameterArn(name))
  }
  const statements: PolicyStatementJson[] = Object.entries(binding.permissions).map(([action, resources]) => ({
    Effect: "Allow",
    Action: action,
    Resource: resources.length === 1 ? resources[0] : resources,
  }))
  if (ssmReads.length > 0) statements.push({ Effect: "Allow", Action: "ssm:GetParameters", Resource: ssmReads.length === 1 ? ssmReads[0] : ssmReads })
  return { environment, statements }
}

/** `arn:<partition>:ssm:<region>:<account>:parameter/sst/...`: the name already starts with "/". */
function parameterArn(name: string): string {
  return `arn:${Aws.PARTITION}:ssm:${Aws.REGION}:${Aws.ACCOUNT_ID}:parameter${name}`
}

/** One parameter per construct and property, however many functions bind it; it lives beside the construct. */
function ensureParameter(construct: SSTConstruct, prop: string, name: string, value: string): void {
  if (!(construct instanceof Construct)) return
  const id = `Parameter_${prop}`
  if (construct.children.some((child) => child.id === id)) return
  new CfnResource(construct, id, {
    type: "AWS::SSM::Parameter",
    properties: { Name: name, Type: "String", Value: value },
  })
}
