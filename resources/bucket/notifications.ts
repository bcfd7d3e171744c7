/**
 * S3 event notifications in CloudFormation's words: SST v1's lower-case event names mapped to S3's
 * (`object_created` → `s3:ObjectCreated:*`), key filters as S3's filter rules, and the overlap
 * rule S3 applies when it validates a bucket's configuration.
 * @module
 */
import type { Value } from "../../compiler/index.ts"

/** SST v1's names (CDK's `EventType`, lower case) and S3's event types. */
export const BUCKET_EVENTS = {
  object_created: "s3:ObjectCreated:*",
  object_created_put: "s3:ObjectCreated:Put",
  object_created_post: "s3:ObjectCreated:Post",
  object_created_copy: "s3:ObjectCreated:Copy",
  object_created_complete_multipart_upload: "s3:ObjectCreated:CompleteMultipartUpload",
  object_removed: "s3:ObjectRemoved:*",
  object_removed_delete: "s3:ObjectRemoved:Delete",
  object_removed_delete_marker_created: "s3:ObjectRemoved:DeleteMarkerCreated",
  object_restore_post: "s3:ObjectRestore:Post",
  object_restore_completed: "s3:ObjectRestore:Completed",
  object_restore_delete: "s3:ObjectRestore:Delete",
  reduced_redundancy_lost_object: "s3:ReducedRedundancyLostObject",
  replication_operation_failed_replication: "s3:Replication:OperationFailedReplication",
  replication_operation_missed_threshold: "s3:Replication:OperationMissedThreshold",
  replication_operation_replicated_after_threshold: "s3:Replication:OperationReplicatedAfterThreshold",
  replication_operation_not_tracked: "s3:Replication:OperationNotTracked",
  lifecycle_expiration: "s3:LifecycleExpiration:*",
  lifecycle_expiration_delete: "s3:LifecycleExpiration:Delete",
  lifecycle_expiration_delete_marker_created: "s3:LifecycleExpiration:DeleteMarkerCreated",
  lifecycle_transition: "s3:LifecycleTransition",
  intelligent_tiering: "s3:IntelligentTiering",
  object_tagging: "s3:ObjectTagging:*",
  object_tagging_put: "s3:ObjectTagging:Put",
  object_tagging_delete: "s3:ObjectTagging:Delete",
  object_acl_put: "s3:ObjectAcl:Put",
} as const

export type BucketNotificationEvent = keyof typeof BUCKET_EVENTS

/** SST v1's default: objects created and removed. */
export const DEFAULT_EVENTS: BucketNotificationEvent[] = ["object_created", "object_removed"]

export interface BucketFilter {
  /** Only keys that start with this. @example prefix: "uploads/" */
  prefix?: string
  /** Only keys that end with this. @example suffix: ".jpg" */
  suffix?: string
}

/** One destination's prefix and suffix, merged from the filter list. */
export interface KeyFilter {
  prefix?: string
  suffix?: string
}

/** Merges `filters`; returns the name of a rule given twice (S3 allows one prefix and one suffix). */
export function mergeFilters(filters: readonly BucketFilter[]): { filter: KeyFilter; repeated?: "prefix" | "suffix" } {
  const filter: KeyFilter = {}
  for (const item of filters) {
    for (const rule of ["prefix", "suffix"] as const) {
      if (item[rule] === undefined) continue
      if (filter[rule] !== undefined) return { filter, repeated: rule }
      filter[rule] = item[rule]
    }
  }
  return { filter }
}

/** `Filter` of a notification configuration, or undefined for every key. */
export function s3KeyFilter(filter: KeyFilter): Record<string, Value> | undefined {
  const rules: Record<string, Value>[] = []
  if (filter.prefix) rules.push({ Name: "prefix", Value: filter.prefix })
  if (filter.suffix) rules.push({ Name: "suffix", Value: filter.suffix })
  return rules.length > 0 ? { S3Key: { Rules: rules } } : undefined
}

/**
 * Whether two configurations would both match some event: S3 refuses such a configuration
 * ("Configurations overlap") when their event types overlap and one key could pass both filters.
 */
export function overlaps(a: { events: readonly string[]; filter: KeyFilter }, b: { events: readonly string[]; filter: KeyFilter }): boolean {
  const eventsOverlap = a.events.some((x) => b.events.some((y) => eventTypesOverlap(x, y)))
  if (!eventsOverlap) return false
  const prefixes = compatible(a.filter.prefix, b.filter.prefix, (x, y) => x.startsWith(y))
  const suffixes = compatible(a.filter.suffix, b.filter.suffix, (x, y) => x.endsWith(y))
  return prefixes && suffixes
}

function eventTypesOverlap(x: string, y: string): boolean {
  if (x === y) return true
  const family = (event: string) => event.replace(/:[^:]*$/, "")
  return (x.endsWith(":*") || y.endsWith(":*")) && family(x) === family(y)
}

/** Two key rules can both hold for one key when one is absent or one extends the other. */
function compatible(x: string | undefined, y: string | undefined, extendsRule: (a: string, b: string) => boolean): boolean {
  if (!x || !y) return true
  return extendsRule(x, y) || extendsRule(y, x)
}
