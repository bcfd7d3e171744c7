// Runs the asynchronous part of each operation (CloudFormation answers at once and works in the
// background) and paces it: each state transition waits `delayMs`. Closing the fake stops every
// operation at its next wait, so no timer outlives a test.

class Closed extends Error {}

export class Scheduler {
  private readonly timers = new Map<NodeJS.Timeout, () => void>()
  private closed = false

  constructor(readonly delayMs: number) {}

  /** Waits one transition (or `ms`); rejects once the fake is closed. */
  sleep(ms = this.delayMs): Promise<void> {
    if (this.closed) return Promise.reject(new Closed())
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer)
        resolve()
      }, ms)
      this.timers.set(timer, () => reject(new Closed()))
    })
  }

  /** Starts a background operation; an unexpected error is a bug in the fake and is reported loudly. */
  run(operation: () => Promise<void>): void {
    operation().catch((error: unknown) => {
      if (error instanceof Closed) return
      console.error("internal: the CloudFormation fake failed in a background operation", error)
    })
  }

  close(): void {
    this.closed = true
    for (const [timer, cancel] of this.timers) {
      clearTimeout(timer)
      cancel()
    }
    this.timers.clear()
  }
}
