// The values a deployment publishes (Outputs, exports) and the exports it consumes.

import { findExport } from "../exports.ts"
import type { Evaluator } from "../intrinsics.ts"
import { effectiveResources } from "../scopes.ts"
import type { OutputValue, Store } from "../state.ts"
import { isObject } from "../template.ts"

/** Outputs whose Condition holds; a list value is joined with commas, as CloudFormation does. */
export function evaluateOutputs(evaluator: Evaluator): OutputValue[] {
  const outputs: OutputValue[] = []
  for (const [key, output] of Object.entries(evaluator.scope.template.Outputs ?? {})) {
    if (output.Condition !== undefined && !evaluator.condition(output.Condition)) continue
    const value = evaluator.evaluate(output.Value)
    const text = Array.isArray(value) ? value.map(String).join(",") : evaluator.string(value, `the value of output ${key}`)
    outputs.push({
      key,
      value: text,
      ...(output.Description !== undefined ? { description: evaluator.string(output.Description, `the description of output ${key}`) } : {}),
      ...(output.Export !== undefined ? { exportName: evaluator.string(output.Export.Name, `the export name of output ${key}`) } : {}),
    })
  }
  return outputs
}

/** Names passed to Fn::ImportValue by the resources and outputs that exist. */
export function importedNames(evaluator: Evaluator): string[] {
  const { template } = evaluator.scope
  const names = new Set<string>()
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit)
    if (!isObject(value)) return
    const keys = Object.keys(value)
    if (keys.length === 1 && keys[0] === "Fn::ImportValue") {
      names.add(evaluator.string(value["Fn::ImportValue"], "the name of Fn::ImportValue"))
      return
    }
    Object.values(value).forEach(visit)
  }
  for (const logicalId of effectiveResources(evaluator)) visit(template.Resources[logicalId]!.Properties ?? {})
  for (const output of Object.values(template.Outputs ?? {})) visit(output.Value)
  return [...names]
}

/** The first import no stack exports, worded as CloudFormation reports it. */
export function missingImport(store: Store, names: string[]): string | undefined {
  const missing = names.find((name) => !findExport(store, name))
  return missing === undefined ? undefined : `No export named ${missing} found.`
}
