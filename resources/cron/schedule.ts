/**
 * EventBridge schedule expressions: `rate(value unit)` and six-field `cron(...)`, checked the way
 * EventBridge checks them, so a bad schedule fails the build rather than the deploy.
 * @module
 */

/** A schedule as SST v1 typed it; the editor refuses "every day" before a build does. */
export type CronSchedule = `rate(${string})` | `cron(${string})`

export interface ScheduleProblem {
  problem: string
  allowed: string
  fix: string
}

const ALLOWED = 'rate(<value> <unit>) with unit minute(s), hour(s) or day(s), e.g. "rate(5 minutes)"; or cron(<minutes> <hours> <day-of-month> <month> <day-of-week> <year>), e.g. "cron(0 3 * * ? *)".'
const RATE = /^rate\((.*)\)$/
const CRON = /^cron\((.*)\)$/
const RATE_BODY = /^(\d+) (minute|minutes|hour|hours|day|days)$/

/** What is wrong with `schedule`, or undefined when EventBridge would accept it. */
export function scheduleProblem(schedule: string): ScheduleProblem | undefined {
  const rate = RATE.exec(schedule)
  if (rate) return rateProblem(schedule, rate[1])
  const cron = CRON.exec(schedule)
  if (cron) return cronProblem(schedule, cron[1])
  return {
    problem: `is ${JSON.stringify(schedule)}, which is neither a rate() nor a cron() expression.`,
    allowed: ALLOWED,
    fix: 'write "rate(1 day)" or "cron(0 3 * * ? *)".',
  }
}

function rateProblem(schedule: string, body: string): ScheduleProblem | undefined {
  const match = RATE_BODY.exec(body.trim())
  if (!match) {
    return { problem: `is ${JSON.stringify(schedule)}, whose rate is not "<value> <unit>".`, allowed: ALLOWED, fix: 'write a whole number and a unit, e.g. "rate(5 minutes)".' }
  }
  const value = Number(match[1])
  const singular = !match[2].endsWith("s")
  if (value === 0) return { problem: `is ${JSON.stringify(schedule)}, a rate of zero.`, allowed: "a rate of at least 1.", fix: 'write e.g. "rate(1 minute)".' }
  // EventBridge refuses "rate(1 minutes)" and "rate(5 minute)".
  if ((value === 1) !== singular) {
    const unit = match[2].replace(/s$/, "") + (value === 1 ? "" : "s")
    return { problem: `is ${JSON.stringify(schedule)}; EventBridge wants the singular unit for 1 and the plural otherwise.`, allowed: ALLOWED, fix: `write "rate(${value} ${unit})".` }
  }
  return undefined
}

function cronProblem(schedule: string, body: string): ScheduleProblem | undefined {
  const fields = body.trim().split(/\s+/)
  if (fields.length !== 6) {
    return {
      problem: `is ${JSON.stringify(schedule)}, with ${fields.length} fields.`,
      allowed: "six fields: minutes hours day-of-month month day-of-week year (EventBridge's cron has a year and no seconds).",
      fix: fields.length === 5 ? `add the year: "cron(${fields.join(" ")} *)", with "?" in day-of-month or day-of-week.` : 'write e.g. "cron(0 3 * * ? *)".',
    }
  }
  // EventBridge needs "?" in one of day-of-month and day-of-week: both at once is ambiguous.
  if (fields[2] !== "?" && fields[4] !== "?") {
    const fixed = [...fields]
    fixed[fields[4] === "*" ? 4 : 2] = "?"
    return {
      problem: `is ${JSON.stringify(schedule)}, which sets both day-of-month ("${fields[2]}") and day-of-week ("${fields[4]}").`,
      allowed: 'a "?" in day-of-month or in day-of-week.',
      fix: `write "cron(${fixed.join(" ")})".`,
    }
  }
  return undefined
}
