/**
 * What `sst diff` prints: per stack, each resource that would change with its changed
 * properties (before → after), replacements marked, data loss in capitals.
 * @module
 */
import type { DiffAppResult, StackDiff } from "../deploy/diff-app.ts"
import type { ResourceDiff } from "../deploy/template-diff.ts"
import { PLAIN, type Style } from "./style.ts"

const MARK = { Add: "+", Modify: "~", Remove: "-" } as const
const VALUE_WIDTH = 80

export function formatDiff(result: DiffAppResult, style: Style = PLAIN): string {
  const blocks = result.stacks.map((stack) => formatStack(stack, style))
  const changed = result.stacks.filter((stack) => stack.status !== "unchanged").length
  blocks.push(changed === 0 ? "No changes." : `${changed} of ${result.stacks.length} ${result.stacks.length === 1 ? "stack" : "stacks"} would change.`)
  return blocks.join("\n\n")
}

function formatStack(stack: StackDiff, style: Style): string {
  if (stack.status === "unchanged") return `${style.bold(stack.name)}  ${style.dim("no changes")}`
  const title = stack.status === "new" ? `${style.bold(stack.name)}  ${style.green("new stack")}` : style.bold(stack.name)
  const lines = [title]
  for (const resource of stack.diff.resources) lines.push(...formatResource(resource, stack.status === "new", style))
  for (const output of stack.diff.outputs) if (stack.status !== "new") lines.push(`  ${MARK[output.action]} Output ${output.name}`)
  for (const note of stack.notes) lines.push(style.dim(`  Note: ${note}`))
  return lines.join("\n")
}

function formatResource(resource: ResourceDiff, brief: boolean, style: Style): string[] {
  const replaced = resource.replacement === "True" || resource.replacement === "Conditional"
  const mark = replaced ? "±" : MARK[resource.action]
  const tag = replaced ? `  ${style.yellow(resource.replacement === "True" ? "[replace]" : "[may replace]")}` : ""
  const lines = [`  ${mark} ${resource.logicalId}  ${style.dim(resource.resourceType)}${resource.path ? style.dim(`  ${resource.path}`) : ""}${tag}`]
  if (brief) return lines
  for (const property of resource.properties) {
    const forces = property.requiresRecreation === "Always" ? style.yellow("  (forces replacement)") : property.requiresRecreation === "Conditionally" ? style.yellow("  (may force replacement)") : ""
    const values = "before" in property || "after" in property ? `: ${show(property.before)} → ${show(property.after)}` : ""
    lines.push(`      ${property.name}${values}${forces}`)
  }
  if (resource.destroysData) {
    const what = resource.action === "Remove" ? "removed" : "replaced"
    lines.push(style.red(style.bold(`      WARNING: ${resource.logicalId} would be ${what}; the data it holds would be deleted.`)))
  }
  return lines
}

function show(value: unknown): string {
  if (value === undefined) return "(none)"
  const text = JSON.stringify(value)
  return text.length > VALUE_WIDTH ? `${text.slice(0, VALUE_WIDTH - 1)}…` : text
}
