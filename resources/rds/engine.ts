/**
 * Which Aurora engine and version an `RDS` engine name deploys, and how `scaling` becomes Aurora
 * Serverless v2 capacity.
 *
 * SST v1 created Aurora Serverless v1 clusters (`mysql5.6`, `mysql5.7`, `postgresql10.14`,
 * `postgresql11.13`, ...). AWS has retired Serverless v1 and those engine versions, so a v1 name
 * builds an Aurora Serverless v2 cluster of the same engine family on a supported version, with a
 * warning naming the mapping. Current names (`postgresql16`, `postgresql17`, `mysql8.0`) pick that
 * major version without a warning. The pinned minor versions support everything this construct
 * uses: Serverless v2, the RDS Data API (Aurora PostgreSQL 16.1+/17.4+, Aurora MySQL 3.07+) and
 * scaling to 0 ACUs with auto-pause (PostgreSQL 16.3+, MySQL 3.08+), per the Aurora User Guide's
 * "Supported Regions and Aurora DB engines for RDS Data API" and "Aurora Serverless v2 capacity".
 * `engineVersion` overrides the pin once AWS publishes newer ones.
 * @module
 */
import type { Problem } from "../../compiler/index.ts"

/** Engine names of SST v1 and v2 (Aurora Serverless v1 versions AWS has retired). */
export type RDSLegacyEngine = "mysql5.6" | "mysql5.7" | `postgresql${10 | 11 | 12 | 13 | 14 | 15}.${number}`
/** Engines that are supported today, by major version. */
export type RDSCurrentEngine = "postgresql16" | "postgresql17" | "mysql8.0"
export type RDSEngineType = RDSLegacyEngine | RDSCurrentEngine

export interface AuroraEngine {
  /** CloudFormation's `Engine`. */
  engine: "aurora-postgresql" | "aurora-mysql"
  /** CloudFormation's `EngineVersion`. */
  version: string
  /** What the migrator and the Data API dialect speak. */
  mode: "postgres" | "mysql"
  /** The name it is deployed as, for the warning ("postgresql17"). */
  current: RDSCurrentEngine
  /** The default master user name (the one CDK and SST v1 used). */
  username: string
}

export const CURRENT_ENGINES: Record<RDSCurrentEngine, AuroraEngine> = {
  postgresql16: { engine: "aurora-postgresql", version: "16.11", mode: "postgres", current: "postgresql16", username: "postgres" },
  postgresql17: { engine: "aurora-postgresql", version: "17.7", mode: "postgres", current: "postgresql17", username: "postgres" },
  "mysql8.0": { engine: "aurora-mysql", version: "8.0.mysql_aurora.3.10.0", mode: "mysql", current: "mysql8.0", username: "admin" },
}

const LEGACY_POSTGRES = /^postgresql1[0-5]\.\d+$/
const LEGACY_MYSQL = /^mysql5\.[67]$/

export const ENGINE_FORMS = 'one of "postgresql16", "postgresql17", "mysql8.0", or an SST v1 name ("postgresql10.14", "postgresql11.13", "mysql5.6", "mysql5.7", ...)'

/** The engine `name` deploys, whether it is a legacy name; undefined for a name we do not know. */
export function resolveEngine(name: string): { engine: AuroraEngine; legacy: boolean } | undefined {
  if (name in CURRENT_ENGINES) return { engine: CURRENT_ENGINES[name as RDSCurrentEngine], legacy: false }
  if (LEGACY_POSTGRES.test(name)) return { engine: CURRENT_ENGINES.postgresql17, legacy: true }
  if (LEGACY_MYSQL.test(name)) return { engine: CURRENT_ENGINES["mysql8.0"], legacy: true }
  return undefined
}

/** The one-line warning for a legacy name. */
export function legacyEngineWarning(path: string, name: string, engine: AuroraEngine): string {
  return `RDS "${path}": engine "${name}" ran on Aurora Serverless v1, which AWS has retired; deploying Aurora Serverless v2 ${engine.engine} ${engine.version} ("${engine.current}") instead. Set engine: "${engine.current}" to silence this warning.`
}

/** SST v1's capacity names: `ACU_1` ... `ACU_384`. */
export type RDSCapacityUnit = `ACU_${1 | 2 | 4 | 8 | 16 | 32 | 64 | 128 | 192 | 256 | 384}`

/** Aurora Serverless v2 capacity, in half-ACU steps (ServerlessV2ScalingConfiguration). */
export const MIN_CAPACITY = 0
export const MAX_CAPACITY = 256
/** SecondsUntilAutoPause: 300 to 86,400 seconds. */
export const MIN_AUTO_PAUSE_MINUTES = 5
export const MAX_AUTO_PAUSE_MINUTES = 1440
/** SST v1's defaults: 2 to 16 ACUs, pausing after 5 idle minutes. */
export const DEFAULT_MIN_CAPACITY = 2
export const DEFAULT_MAX_CAPACITY = 16
export const DEFAULT_AUTO_PAUSE_MINUTES = 5

/** A capacity as an ACU count: SST v1's "ACU_8", or a number of ACUs (0.5 steps) as Aurora takes it. */
export function capacityOf(value: RDSCapacityUnit | number): number {
  return typeof value === "number" ? value : Number(value.slice("ACU_".length))
}

export type ServerlessV2Scaling = {
  MinCapacity: number
  MaxCapacity: number
  SecondsUntilAutoPause?: number
}

/**
 * Serverless v2 has no separate auto-pause switch: a minimum of 0 ACUs is what lets an instance
 * pause. So `autoPause` (true by default, as in SST v1) sets the minimum to 0 and
 * SecondsUntilAutoPause to its minutes; `minCapacity` then is what v1 meant by it only when
 * `autoPause` is false. A cluster that should never pause sets `autoPause: false`.
 */
export function serverlessV2Scaling(scaling: RDSScaling = {}): ServerlessV2Scaling {
  const max = scaling.maxCapacity === undefined ? DEFAULT_MAX_CAPACITY : capacityOf(scaling.maxCapacity)
  const pause = scaling.autoPause ?? true
  if (pause === false) {
    return { MinCapacity: scaling.minCapacity === undefined ? DEFAULT_MIN_CAPACITY : capacityOf(scaling.minCapacity), MaxCapacity: max }
  }
  const minutes = pause === true ? DEFAULT_AUTO_PAUSE_MINUTES : pause
  return { MinCapacity: 0, MaxCapacity: max, SecondsUntilAutoPause: minutes * 60 }
}

export type RDSScaling = { autoPause?: boolean | number; minCapacity?: RDSCapacityUnit | number; maxCapacity?: RDSCapacityUnit | number }

/** What is wrong with `scaling` for Aurora Serverless v2 (capacity range, half-ACU steps, pause time). */
export function scalingProblems(scaling: RDSScaling): Omit<Problem, "path" | "construct">[] {
  const problems: Omit<Problem, "path" | "construct">[] = []
  const bad = (property: string, problem: string, allowed: string, fix: string) => problems.push({ code: "InvalidScaling", property: `scaling.${property}`, problem, allowed, fix })
  for (const key of ["minCapacity", "maxCapacity"] as const) {
    const value = scaling[key]
    if (value === undefined) continue
    const acus = capacityOf(value)
    if (!(acus >= MIN_CAPACITY && acus <= MAX_CAPACITY && Number.isInteger(acus * 2))) {
      bad(key, `is ${JSON.stringify(value)} (${acus} ACUs).`, `${MIN_CAPACITY} to ${MAX_CAPACITY} ACUs in steps of 0.5 (Aurora Serverless v2).`, `use at most ${MAX_CAPACITY} ACUs, e.g. "ACU_256" or 256.`)
    }
  }
  const { MinCapacity, MaxCapacity } = serverlessV2Scaling(scaling)
  if (MaxCapacity < 1) bad("maxCapacity", `is ${MaxCapacity} ACUs.`, "at least 1 ACU.", "use 1 ACU or more.")
  else if (MinCapacity > MaxCapacity) bad("minCapacity", `is ${MinCapacity} ACUs, above maxCapacity (${MaxCapacity}).`, "minCapacity at most maxCapacity.", "lower minCapacity or raise maxCapacity.")
  const pause = scaling.autoPause
  if (typeof pause === "number" && !(Number.isInteger(pause) && pause >= MIN_AUTO_PAUSE_MINUTES && pause <= MAX_AUTO_PAUSE_MINUTES)) {
    bad("autoPause", `is ${pause} minutes.`, `true, false, or whole minutes from ${MIN_AUTO_PAUSE_MINUTES} to ${MAX_AUTO_PAUSE_MINUTES} (Aurora pauses after 300 to 86,400 idle seconds).`, `use a number of minutes between ${MIN_AUTO_PAUSE_MINUTES} and ${MAX_AUTO_PAUSE_MINUTES}, or true for 5.`)
  }
  return problems
}
