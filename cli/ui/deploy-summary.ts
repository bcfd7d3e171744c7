/**
 * What `sst deploy`, `sst remove` and `sst bootstrap` print: change summaries before a change
 * set runs, failures by root cause, and the result per stack with its outputs.
 * @module
 */
import type { ResourceChange } from "../deploy/changes.ts"
import type { DeployAppResult } from "../deploy/deploy-app.ts"
import type { DeployError } from "../deploy/errors.ts"
import type { StackFailure } from "../deploy/failure.ts"
import type { RemoveAppResult } from "../deploy/remove-app.ts"
import { PLAIN, type Style } from "./style.ts"

const ACTION_MARK: Record<string, string> = { Add: "+", Modify: "~", Remove: "-", Import: "←", Dynamic: "?" }

/** The change summary of one stack: one line per resource, replacements and data loss loud. */
export function formatChanges(stack: string, changes: readonly ResourceChange[], style: Style = PLAIN): string {
  if (changes.length === 0) return `${stack}: no resource changes (outputs, parameters or tags only)`
  const counts = (["Add", "Modify", "Remove"] as const).map((action) => [action, changes.filter((c) => c.action === action).length] as const).filter(([, n]) => n > 0)
  const lines = [`${style.bold(stack)} will change: ${counts.map(([action, n]) => `${n} to ${action.toLowerCase()}`).join(", ")}`]
  for (const change of changes) {
    const replaced = change.action === "Modify" && (change.replacement === "True" || change.replacement === "Conditional")
    const mark = replaced ? "±" : (ACTION_MARK[change.action] ?? "?")
    const properties = change.properties.length > 0 ? ` (${change.properties.map((p) => p.name).filter((n, i, all) => all.indexOf(n) === i).join(", ")})` : ""
    let line = `  ${mark} ${change.logicalId}  ${style.dim(change.resourceType)}${properties}`
    if (replaced) line += `  ${style.yellow(change.replacement === "True" ? "REPLACED" : "MAY BE REPLACED")}`
    if (change.action === "Remove" && change.retained) line += `  ${style.dim("(kept: DeletionPolicy Retain)")}`
    lines.push(line)
    if (change.destroysData) {
      const what = change.action === "Remove" ? "removed" : change.replacement === "True" ? "replaced" : "possibly replaced"
      lines.push(style.red(style.bold(`    WARNING: ${change.logicalId}${change.path ? ` (${change.path})` : ""} will be ${what}: the data it holds is deleted.`)))
    }
  }
  return lines.join("\n")
}

/** A stack failure: stack, resource, type, construct path, first reason, then the fix. */
export function formatFailure(failure: StackFailure, style: Style = PLAIN): string {
  const lines = [style.red(`✖ ${failure.stack} ${failure.summary}`)]
  if (failure.logicalId) {
    lines.push(`  Resource: ${failure.logicalId} (${failure.resourceType ?? "unknown type"})${failure.path ? ` from ${failure.path}` : ""}`)
  }
  if (failure.reason) lines.push(`  Reason:   ${failure.reason}`)
  if (failure.fix) lines.push(`  Fix:      ${failure.fix}`)
  return lines.join("\n")
}

/** An error that stopped the whole command (no credentials, lock held, ...). */
export function formatDeployError(error: DeployError, style: Style = PLAIN): string {
  return `${style.red(`Error: ${error.problem}`)}${error.fix ? `\n  Fix: ${error.fix}` : ""}`
}

export function formatDeployResult(result: DeployAppResult, elapsedMs: number, style: Style = PLAIN): string {
  const lines: string[] = []
  const width = Math.max(...result.stacks.map((s) => s.name.length), 0)
  for (const stack of result.stacks) {
    const status = stack.status === "failed" ? style.red("failed") : stack.status === "skipped" ? style.yellow(`not deployed: ${stack.blockedBy} failed`) : stack.status === "unchanged" ? style.dim("no changes") : style.green("deployed")
    lines.push(`  ${stack.name.padEnd(width)}  ${status}`)
    for (const [key, value] of Object.entries(stack.outputs ?? {})) lines.push(`    ${key}: ${value}`)
  }
  for (const site of result.sites) {
    const status =
      site.status === "failed" ? style.red(`site failed: ${site.detail}`) : site.status === "skipped" ? style.yellow(`site not uploaded: ${site.detail}`) : site.status === "unchanged" ? style.dim("site unchanged") : style.green(`site uploaded: ${site.uploaded} new or changed, ${site.deleted} removed${site.invalidated ? ", CDN invalidated" : ""}`)
    lines.push(`  ${site.id}  ${status}`)
  }
  const failures = result.stacks.flatMap((stack) => (stack.failure ? [stack.failure] : []))
  if (failures.length > 0) lines.push("", ...failures.map((failure) => formatFailure(failure, style)))
  if (result.express && result.stacks.some((s) => s.status === "deployed")) {
    lines.push(style.dim("Express mode: CloudFormation finished once the configuration was applied; some resources may still be becoming ready."))
  }
  const counts = countBy(result.stacks.map((s) => s.status))
  const uploaded = result.assets.uploaded > 0 ? `, ${result.assets.uploaded} ${result.assets.uploaded === 1 ? "asset" : "assets"} uploaded (${formatBytes(result.assets.bytes)})` : ""
  const verdict = result.ok ? style.green("Deployed") : style.red("Deploy failed")
  lines.unshift(`${verdict}: ${Object.entries(counts).map(([k, n]) => `${n} ${k}`).join(", ")}${uploaded} in ${(elapsedMs / 1000).toFixed(1)}s`)
  return lines.join("\n")
}

export function formatRemoveResult(result: RemoveAppResult, elapsedMs: number, style: Style = PLAIN): string {
  const lines: string[] = []
  const width = Math.max(...result.stacks.map((s) => s.name.length), 0)
  for (const stack of result.stacks) {
    const status =
      stack.status === "removed" ? style.green("removed") : stack.status === "missing" ? style.dim("not deployed") : stack.status === "skipped" ? style.yellow(`not removed: ${stack.blockedBy} could not be removed first`) : style.red("failed")
    lines.push(`  ${stack.name.padEnd(width)}  ${status}${stack.emptied > 0 ? style.dim(`  (${stack.emptied} objects emptied from its buckets)`) : ""}`)
    for (const kept of stack.retained) lines.push(style.dim(`    kept ${kept.logicalId} (${kept.resourceType})${kept.physicalId ? ` ${kept.physicalId}` : ""}: DeletionPolicy Retain; delete it by hand when it is no longer needed`))
  }
  const failures = result.stacks.flatMap((stack) => (stack.failure ? [stack.failure] : []))
  if (failures.length > 0) lines.push("", ...failures.map((failure) => formatFailure(failure, style)))
  const verdict = result.ok ? style.green("Removed") : style.red("Remove incomplete")
  lines.unshift(`${verdict}: ${Object.entries(countBy(result.stacks.map((s) => s.status))).map(([k, n]) => `${n} ${k === "missing" ? "not deployed" : k}`).join(", ")} in ${(elapsedMs / 1000).toFixed(1)}s`)
  return lines.join("\n")
}

function countBy(values: string[]): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1
  return counts
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}
