/**
 * What a change set will do to each resource, reduced to what a person must see before it runs:
 * added, modified, removed, and above all replaced. Replacing or removing a table, a bucket, a
 * database or a user pool loses its data, so those are flagged as destructive.
 * @module
 */
import type { Change } from "@aws-sdk/client-cloudformation"

export interface PropertyChange {
  /** Property name ("BillingMode") or path ("/Properties/KeySchema/0"). */
  name: string
  /** "Always" means this property forces the replacement. */
  requiresRecreation?: string
  before?: string
  after?: string
}

export interface ResourceChange {
  action: "Add" | "Modify" | "Remove" | "Import" | "Dynamic"
  logicalId: string
  resourceType: string
  physicalId?: string
  /** CloudFormation's answer: "True", "False" or "Conditional" (depends on values known at run time). */
  replacement?: string
  /** The deletion policy keeps the old resource ("Retain") instead of deleting it. */
  retained: boolean
  properties: PropertyChange[]
  /** The construct path the resource came from, when the manifest knows it. */
  path?: string
  /** Replacing or removing it deletes data that cannot be recreated. */
  destroysData: boolean
}

/** Types whose replacement or removal loses stored data. */
export const STATEFUL_TYPES = new Set([
  "AWS::DynamoDB::Table",
  "AWS::DynamoDB::GlobalTable",
  "AWS::S3::Bucket",
  "AWS::RDS::DBCluster",
  "AWS::RDS::DBInstance",
  "AWS::Cognito::UserPool",
  "AWS::Kinesis::Stream",
  "AWS::EFS::FileSystem",
  "AWS::Logs::LogGroup",
  "AWS::SecretsManager::Secret",
])

export function summariseChanges(changes: readonly Change[], paths: Readonly<Record<string, string>> = {}): ResourceChange[] {
  const result: ResourceChange[] = []
  for (const change of changes) {
    const resource = change.ResourceChange
    if (!resource || !resource.LogicalResourceId) continue
    const action = (resource.Action ?? "Modify") as ResourceChange["action"]
    const resourceType = resource.ResourceType ?? "Unknown"
    const retained = resource.PolicyAction === "Retain"
    const replaced = action === "Modify" && (resource.Replacement === "True" || resource.Replacement === "Conditional")
    const properties: PropertyChange[] = []
    for (const detail of resource.Details ?? []) {
      const target = detail.Target
      if (!target || target.Attribute !== "Properties" || !target.Name) continue
      if (properties.some((p) => p.name === target.Name && p.requiresRecreation === target.RequiresRecreation)) continue
      properties.push({
        name: target.Name,
        ...(target.RequiresRecreation ? { requiresRecreation: target.RequiresRecreation } : {}),
        ...(target.BeforeValue !== undefined ? { before: target.BeforeValue } : {}),
        ...(target.AfterValue !== undefined ? { after: target.AfterValue } : {}),
      })
    }
    result.push({
      action,
      logicalId: resource.LogicalResourceId,
      resourceType,
      ...(resource.PhysicalResourceId ? { physicalId: resource.PhysicalResourceId } : {}),
      ...(resource.Replacement ? { replacement: resource.Replacement } : {}),
      retained,
      properties,
      ...(paths[resource.LogicalResourceId] ? { path: paths[resource.LogicalResourceId] } : {}),
      destroysData: STATEFUL_TYPES.has(resourceType) && !retained && (replaced || action === "Remove"),
    })
  }
  return result
}
