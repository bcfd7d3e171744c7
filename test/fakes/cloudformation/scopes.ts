// The two ways the fake evaluates a template. While a change set is computed nothing exists yet,
// so references to resources are placeholders ("{{Ref:Table}}") and only parameters, pseudo
// parameters and conditions have values. During a deployment, references are the physical ids
// and attributes of the resources already created, and imports come from other stacks.

import { validationError } from "./errors.ts"
import { findExport } from "./exports.ts"
import { Evaluator } from "./intrinsics.ts"
import type { Scope } from "./intrinsics.ts"
import { parameterValues } from "./parameters.ts"
import type { ResourceSpec } from "./resource-spec.ts"
import { attributeValue } from "./resource-values.ts"
import type { Deployment, Stack, Store } from "./state.ts"

export function staticEvaluator(stackName: string, stackId: string, deployment: Deployment, spec: ResourceSpec): Evaluator {
  const { template } = deployment
  const scope: Scope = {
    stackName,
    stackId,
    template,
    parameters: parameterValues(deployment.parameters),
    lenient: true,
    ref: (logicalId) => `{{Ref:${logicalId}}}`,
    getAtt: (logicalId, attribute) => {
      const type = template.Resources[logicalId]?.Type ?? ""
      const placeholder = `{{GetAtt:${logicalId}.${attribute}}}`
      return spec.info(type).attributes?.get(attribute) ? [placeholder] : placeholder
    },
    importValue: (name) => `{{ImportValue:${name}}}`,
  }
  return new Evaluator(scope)
}

export function liveEvaluator(store: Store, spec: ResourceSpec, stack: Stack, deployment: Deployment): Evaluator {
  const { template } = deployment
  const created = (logicalId: string) => {
    const resource = stack.resources.get(logicalId)
    if (!resource?.physicalId || !resource.physicalName) {
      throw validationError(`Template format error: Unresolved resource dependencies [${logicalId}] in the Resources block of the template`)
    }
    return resource as typeof resource & { physicalId: string; physicalName: string }
  }
  const scope: Scope = {
    stackName: stack.stackName,
    stackId: stack.stackId,
    template,
    parameters: parameterValues(deployment.parameters),
    ref: (logicalId) => created(logicalId).physicalId,
    getAtt: (logicalId, attribute) => {
      const resource = created(logicalId)
      return attributeValue(spec.info(resource.type), resource.physicalName, resource.physicalId, attribute)
    },
    importValue: (name) => {
      const entry = findExport(store, name)
      if (!entry) throw validationError(`No export named ${name} found`)
      return entry.value
    },
  }
  return new Evaluator(scope)
}

/** The resources that exist under the deployment's parameters: those whose Condition holds. */
export function effectiveResources(evaluator: Evaluator): string[] {
  const { Resources } = evaluator.scope.template
  return Object.keys(Resources).filter((id) => {
    const condition = Resources[id]!.Condition
    return condition === undefined || evaluator.condition(condition)
  })
}
