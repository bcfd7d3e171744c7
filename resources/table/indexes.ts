/**
 * DynamoDB key schemas, projections and stream view types in CloudFormation's words, from the
 * lower-case names SST v1 used (`"string"`, `"keys_only"`, `"new_and_old_images"`).
 * @module
 */
import type { Value } from "../../compiler/index.ts"

export type TableFieldType = "string" | "number" | "binary"
export type TableProjection = "all" | "keys_only" | string[]
export type TableStreamViewType = "new_image" | "old_image" | "new_and_old_images" | "keys_only"

export const ATTRIBUTE_TYPES: Record<TableFieldType, "S" | "N" | "B"> = { string: "S", number: "N", binary: "B" }

export const STREAM_VIEW_TYPES: Record<TableStreamViewType, string> = {
  new_image: "NEW_IMAGE",
  old_image: "OLD_IMAGE",
  new_and_old_images: "NEW_AND_OLD_IMAGES",
  keys_only: "KEYS_ONLY",
}

/** DynamoDB's limits per table (Service quotas: 20 global, 5 local secondary indexes). */
export const MAX_GLOBAL_INDEXES = 20
export const MAX_LOCAL_INDEXES = 5
/** Index names: 3 to 255 letters, digits, '_', '-' and '.' (DynamoDB naming rules). */
export const INDEX_NAME_PATTERN = /^[a-zA-Z0-9_.-]{3,255}$/

export function keySchema(partitionKey: string, sortKey?: string): Record<string, Value>[] {
  const keys: Record<string, Value>[] = [{ AttributeName: partitionKey, KeyType: "HASH" }]
  if (sortKey) keys.push({ AttributeName: sortKey, KeyType: "RANGE" })
  return keys
}

/** CDK's default, and SST v1's, is to project every attribute. */
export function projectionOf(projection: TableProjection | undefined): Record<string, Value> {
  if (Array.isArray(projection)) return { ProjectionType: "INCLUDE", NonKeyAttributes: projection }
  return { ProjectionType: projection === "keys_only" ? "KEYS_ONLY" : "ALL" }
}

/** `true` means both images, as in SST v1; `false` or nothing means no stream. */
export function streamViewType(stream: boolean | TableStreamViewType | undefined): string | undefined {
  if (stream === undefined || stream === false) return undefined
  return stream === true ? "NEW_AND_OLD_IMAGES" : STREAM_VIEW_TYPES[stream]
}
