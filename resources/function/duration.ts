/**
 * Durations and sizes as SST v1 wrote them: a number (seconds, megabytes) or a string such as
 * "30 seconds" or "2 GB". Template-literal types let the editor catch "30 secs" before a build.
 * @module
 */
import { z } from "zod"

export type DurationUnit = "second" | "seconds" | "minute" | "minutes" | "hour" | "hours" | "day" | "days"
/** A number of seconds, or e.g. "30 seconds", "5 minutes", "1 day". */
export type Duration = number | `${number} ${DurationUnit}`

export type SizeUnit = "MB" | "GB"
/** A number of megabytes, or e.g. "512 MB", "2 GB". */
export type Size = number | `${number} ${SizeUnit}`

const DURATION_PATTERN = /^(\d+(?:\.\d+)?) (second|seconds|minute|minutes|hour|hours|day|days)$/
const SIZE_PATTERN = /^(\d+(?:\.\d+)?) (MB|GB)$/

const SECONDS_PER: Record<string, number> = { second: 1, minute: 60, hour: 3600, day: 86400 }

export const DurationSchema = z.union([
  z.number().nonnegative(),
  z.custom<`${number} ${DurationUnit}`>((value) => typeof value === "string" && DURATION_PATTERN.test(value), {
    message: 'a duration such as 30 or "30 seconds", "5 minutes", "1 hour", "1 day"',
  }),
])

export const SizeSchema = z.union([
  z.number().positive(),
  z.custom<`${number} ${SizeUnit}`>((value) => typeof value === "string" && SIZE_PATTERN.test(value), {
    message: 'a size such as 1024 or "512 MB", "2 GB"',
  }),
])

/** Seconds in `duration`; the schema has already refused anything else. */
export function toSeconds(duration: Duration): number {
  if (typeof duration === "number") return duration
  const match = DURATION_PATTERN.exec(duration)
  if (!match) throw new Error(`internal: unchecked duration ${JSON.stringify(duration)}`)
  return Number(match[1]) * SECONDS_PER[match[2].replace(/s$/, "")]
}

/** Megabytes in `size` (1 GB = 1024 MB, as Lambda counts). */
export function toMegabytes(size: Size): number {
  if (typeof size === "number") return size
  const match = SIZE_PATTERN.exec(size)
  if (!match) throw new Error(`internal: unchecked size ${JSON.stringify(size)}`)
  return Number(match[1]) * (match[2] === "GB" ? 1024 : 1)
}
