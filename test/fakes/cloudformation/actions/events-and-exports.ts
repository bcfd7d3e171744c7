// DescribeStackEvents (newest first, in pages), ListExports and ListImports.

import type { FakeContext } from "../context.ts"
import { stackNotFound, validationError } from "../errors.ts"
import { allExports, importersOf } from "../exports.ts"
import type { QueryParams } from "../query.ts"
import { eventShape } from "../view.ts"
import type { XmlValue } from "../xml.ts"

type Result = { [key: string]: XmlValue }

export const EVENTS_PAGE_SIZE = 100

export function describeStackEvents(ctx: FakeContext, params: QueryParams): Result {
  const stackName = params.required("StackName")
  const stack = ctx.store.findStack(stackName)
  if (!stack) throw stackNotFound(stackName)
  const newestFirst = [...stack.events].reverse()
  const start = offsetOf(params.string("NextToken"), newestFirst.length)
  const page = newestFirst.slice(start, start + EVENTS_PAGE_SIZE)
  const next = start + EVENTS_PAGE_SIZE < newestFirst.length ? tokenFor(start + EVENTS_PAGE_SIZE, newestFirst.length) : undefined
  return { StackEvents: page.map(eventShape), NextToken: next }
}

// A token pins the offset and how many events there were, so events that arrive between two
// pages shift the offset instead of repeating events on the next page.
function tokenFor(offset: number, total: number): string {
  return Buffer.from(JSON.stringify({ offset, total })).toString("base64")
}

function offsetOf(token: string | undefined, total: number): number {
  if (token === undefined) return 0
  try {
    const pinned = JSON.parse(Buffer.from(token, "base64").toString()) as { offset: number; total: number }
    if (Number.isInteger(pinned.offset) && Number.isInteger(pinned.total) && pinned.offset >= 0) {
      return pinned.offset + Math.max(0, total - pinned.total)
    }
  } catch {
    // fall through to the error below
  }
  throw validationError("Invalid NextToken")
}

export function listExports(ctx: FakeContext): Result {
  return {
    Exports: allExports(ctx.store).map((entry) => ({ ExportingStackId: entry.stack.stackId, Name: entry.name, Value: entry.value })),
  }
}

export function listImports(ctx: FakeContext, params: QueryParams): Result {
  const exportName = params.required("ExportName")
  const importers = importersOf(ctx.store, exportName)
  if (importers.length === 0) throw validationError(`Export '${exportName}' is not imported by any stack.`)
  return { Imports: importers.map((stack) => stack.stackName) }
}
