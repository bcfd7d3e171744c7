/**
 * Running work in dependency order: an item starts once everything it comes after has
 * succeeded, independent items run in parallel up to a limit, and when an item fails the items
 * that depend on it (directly or not) are not started; they are reported as skipped, naming the
 * failure that blocked them. The others go on. Used for deploys (dependencies first) and removes
 * (dependants first).
 * @module
 */

export interface ScheduledItem {
  name: string
  /** Names of items that must succeed first; names outside the list are ignored. */
  after: readonly string[]
}

export type ScheduledResult<T> =
  | { name: string; status: "succeeded" | "failed"; value: T }
  | { name: string; status: "skipped"; blockedBy: string }

export async function runScheduled<T>(
  items: readonly ScheduledItem[],
  concurrency: number,
  run: (name: string) => Promise<{ ok: boolean; value: T }>,
  signal?: AbortSignal,
): Promise<ScheduledResult<T>[]> {
  const names = new Set(items.map((item) => item.name))
  const results = new Map<string, ScheduledResult<T>>()
  const running = new Map<string, Promise<void>>()
  const pending = [...items]
  const limit = Math.max(1, Math.floor(concurrency))
  // A throw (not a failure: an interruption or a bug) stops new work; it is rethrown at the end.
  let thrown: { error: unknown } | undefined
  const stopped = () => signal?.aborted === true || thrown !== undefined

  while (pending.length > 0 || running.size > 0) {
    for (let i = 0; i < pending.length && running.size < limit && !stopped(); ) {
      const item = pending[i]
      const blockedBy = blocker(item, names, results)
      if (blockedBy !== undefined) {
        results.set(item.name, { name: item.name, status: "skipped", blockedBy })
        pending.splice(i, 1)
        continue
      }
      if (!item.after.every((name) => !names.has(name) || results.get(name)?.status === "succeeded")) {
        i++
        continue
      }
      pending.splice(i, 1)
      running.set(item.name, run(item.name).then(
        (outcome) => {
          results.set(item.name, { name: item.name, status: outcome.ok ? "succeeded" : "failed", value: outcome.value })
          running.delete(item.name)
        },
        (error: unknown) => {
          thrown ??= { error }
          results.set(item.name, { name: item.name, status: "skipped", blockedBy: "interrupted" })
          running.delete(item.name)
        },
      ))
    }
    if (stopped() && running.size === 0) {
      for (const item of pending) results.set(item.name, { name: item.name, status: "skipped", blockedBy: "interrupted" })
      break
    }
    if (running.size === 0) {
      if (pending.length === 0) break
      // Nothing runs and nothing can start: the remaining items wait on each other.
      throw new Error(`internal: a dependency cycle among ${pending.map((item) => item.name).join(", ")}`)
    }
    await Promise.race(running.values())
  }
  if (thrown) throw thrown.error
  return items.map((item) => results.get(item.name)).filter((result): result is ScheduledResult<T> => result !== undefined)
}

/** The failed item that blocks this one, through skipped items, or undefined. */
function blocker<T>(item: ScheduledItem, names: ReadonlySet<string>, results: ReadonlyMap<string, ScheduledResult<T>>): string | undefined {
  for (const name of item.after) {
    if (!names.has(name)) continue
    const result = results.get(name)
    if (result?.status === "failed") return name
    if (result?.status === "skipped") return result.blockedBy
  }
  return undefined
}
