// Cross-stack exports: Outputs with Export.Name, unique in the region, and locked while another
// stack imports them with Fn::ImportValue: the exporting stack can then neither change nor
// remove the export, nor be deleted.

import type { OutputValue, Stack, Store } from "./state.ts"

export interface ExportEntry {
  name: string
  value: string
  stack: Stack
}

export function allExports(store: Store): ExportEntry[] {
  return store.liveStacks().flatMap((stack) =>
    stack.outputs.flatMap((output) => (output.exportName ? [{ name: output.exportName, value: output.value, stack }] : [])),
  )
}

export function findExport(store: Store, name: string): ExportEntry | undefined {
  return allExports(store).find((entry) => entry.name === name)
}

export function importersOf(store: Store, exportName: string, except?: Stack): Stack[] {
  return store.liveStacks().filter((stack) => stack !== except && stack.imports.includes(exportName))
}

/** Why `stack` may not publish `outputs`: an export name another stack already uses. */
export function exportConflict(store: Store, stack: Stack, outputs: OutputValue[]): string | undefined {
  for (const output of outputs) {
    if (!output.exportName) continue
    const existing = findExport(store, output.exportName)
    if (existing && existing.stack !== stack) {
      return `Export with name ${output.exportName} is already exported by stack ${existing.stack.stackName}`
    }
  }
  return undefined
}

/** Why an update from `before` to `after` outputs must fail: it changes or removes an import. */
export function exportInUse(store: Store, stack: Stack, before: OutputValue[], after: OutputValue[]): string | undefined {
  for (const old of before) {
    if (!old.exportName) continue
    const importers = importersOf(store, old.exportName, stack)
    if (importers.length === 0) continue
    const names = importers.map((s) => s.stackName).join(", ")
    const now = after.find((output) => output.exportName === old.exportName)
    if (!now) return `Export ${old.exportName} cannot be deleted as it is in use by ${names}`
    if (now.value !== old.value) return `Export ${old.exportName} cannot be updated as it is in use by ${names}`
  }
  return undefined
}

/** Why `stack` may not be deleted: another stack imports one of its exports. */
export function exportBlockingDelete(store: Store, stack: Stack): string | undefined {
  return exportInUse(store, stack, stack.outputs, [])
}
