/**
 * Log retention as SST v1 named it, and the days CloudWatch Logs accepts for each
 * (`RetentionInDays` of AWS::Logs::LogGroup). "infinite" keeps logs forever: no RetentionInDays.
 * @module
 */

export const LOG_RETENTION_DAYS = {
  one_day: 1,
  three_days: 3,
  five_days: 5,
  one_week: 7,
  two_weeks: 14,
  one_month: 30,
  two_months: 60,
  three_months: 90,
  four_months: 120,
  five_months: 150,
  six_months: 180,
  one_year: 365,
  thirteen_months: 400,
  eighteen_months: 545,
  two_years: 731,
  three_years: 1096,
  five_years: 1827,
  six_years: 2192,
  seven_years: 2557,
  eight_years: 2922,
  nine_years: 3288,
  ten_years: 3653,
  infinite: undefined,
} as const

export type LogRetention = keyof typeof LOG_RETENTION_DAYS
