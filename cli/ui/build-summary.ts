/**
 * The short summary `sst build` prints: stacks, resource counts, where the files are.
 * @module
 */
import { relative } from "node:path"
import type { BuildOutput } from "../build-app.ts"

export function formatBuildSummary(build: BuildOutput, elapsedMs: number): string {
  const { manifest } = build.result
  const width = Math.max(...manifest.stacks.map((stack) => stack.name.length), 0)
  const lines = [`Built ${manifest.stacks.length} ${manifest.stacks.length === 1 ? "stack" : "stacks"} of "${manifest.app}" for stage ${manifest.stage} in ${manifest.region} (${(elapsedMs / 1000).toFixed(1)}s)`]
  for (const stack of manifest.stacks) {
    const notes: string[] = []
    if (stack.dependencies.length > 0) notes.push(`after ${stack.dependencies.join(", ")}`)
    if (stack.uploadTemplate) notes.push(`${Math.ceil(stack.templateBytes / 1024)} KB template, deployed through S3`)
    const resources = `${stack.resourceCount} ${stack.resourceCount === 1 ? "resource" : "resources"}`
    lines.push(`  ${stack.name.padEnd(width)}  ${resources.padStart(13)}${notes.length ? `  (${notes.join("; ")})` : ""}`)
  }
  if (manifest.assets.length > 0) lines.push(`  ${manifest.assets.length} ${manifest.assets.length === 1 ? "asset" : "assets"}`)
  lines.push(`Templates and manifest: ${relative(process.cwd(), build.distDir) || "."}/`)
  return lines.join("\n")
}
