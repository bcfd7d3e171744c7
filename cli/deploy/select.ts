/**
 * Which stacks a command works on: all of them, or those named on the command line, by full
 * name (`dev-notes-Api`) or short name (`Api`, expanded to `<stage>-<app>-Api`).
 * @module
 */
import type { Manifest, ManifestStack } from "../../compiler/manifest.ts"
import { DeployError } from "./errors.ts"

export function selectStacks(manifest: Manifest, names: readonly string[] | undefined): ManifestStack[] {
  if (!names || names.length === 0) return manifest.stacks
  const prefix = `${manifest.stage}-${manifest.app}-`
  const wanted = new Set<string>()
  for (const name of names) {
    const stack = manifest.stacks.find((s) => s.name === name || s.id === name || s.name === prefix + name)
    if (!stack) {
      throw new DeployError(
        "UnknownStack",
        `The app has no stack ${JSON.stringify(name)} in stage ${manifest.stage}.`,
        `name one of: ${manifest.stacks.map((s) => s.id).join(", ")} (or the full name, e.g. ${manifest.stacks[0]?.name ?? `${prefix}Api`}).`,
      )
    }
    wanted.add(stack.name)
  }
  return manifest.stacks.filter((stack) => wanted.has(stack.name))
}
