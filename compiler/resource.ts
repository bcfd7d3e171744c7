/**
 * Raw CloudFormation resources: the escape hatch that reaches any AWS resource type, and the
 * building block of every construct.
 * @module
 */
import { z } from "zod"
import type { Construct } from "./construct.ts"
import { CfnElement } from "./element.ts"
import { GetAtt, Ref, type Value } from "./intrinsics.ts"
import type { CfnCondition } from "./cfn-elements.ts"
import { assertSameShape, parseProps } from "./props.ts"

export type DeletionPolicy = "Delete" | "Retain" | "Snapshot" | "RetainExceptOnCreate"
/** SST's words for what happens to data when a resource leaves the stack. */
export type RemovalPolicy = "destroy" | "retain" | "snapshot"

export interface CfnResourceProps {
  /** The CloudFormation type, e.g. "AWS::SQS::Queue". */
  type: string
  /** Properties exactly as CloudFormation names them; values may be references. */
  properties?: Record<string, Value>
  /** Resources that must exist first (a resource of another stack makes a stack dependency). */
  dependsOn?: CfnResource | CfnResource[]
  deletionPolicy?: DeletionPolicy
  updateReplacePolicy?: DeletionPolicy
  condition?: CfnCondition
  metadata?: Record<string, Value>
  /**
   * What happens to the resource's data on removal when no deletionPolicy is set; the App's
   * `setDefaultRemovalPolicy` overrides it. @default "destroy"
   */
  removalPolicy?: RemovalPolicy
}

const POLICIES = ["Delete", "Retain", "Snapshot", "RetainExceptOnCreate"] as const
const isResource = (value: unknown): value is CfnResource => value instanceof CfnResource
const isCondition = (value: unknown): value is CfnCondition => value instanceof CfnElement && value.section === "Conditions"

const CfnResourcePropsSchema = z.strictObject({ // strict: `properites` is an error, not a resource without properties
  type: z.string(),
  properties: z.record(z.string(), z.custom<Value>()).optional(),
  dependsOn: z.union([z.custom<CfnResource>(isResource, "a CfnResource"), z.array(z.custom<CfnResource>(isResource, "a CfnResource"))]).optional(),
  deletionPolicy: z.enum(POLICIES).optional(),
  updateReplacePolicy: z.enum(POLICIES).optional(),
  condition: z.custom<CfnCondition>(isCondition, "a CfnCondition").optional(),
  metadata: z.record(z.string(), z.custom<Value>()).optional(),
  removalPolicy: z.enum(["destroy", "retain", "snapshot"]).optional(),
})
assertSameShape<CfnResourceProps, z.input<typeof CfnResourcePropsSchema>>()

/** Resource types that support DeletionPolicy "Snapshot" (CloudFormation's DeletionPolicy docs). */
const SNAPSHOT_TYPES = new Set([
  "AWS::DocDB::DBCluster",
  "AWS::EC2::Volume",
  "AWS::ElastiCache::CacheCluster",
  "AWS::ElastiCache::ReplicationGroup",
  "AWS::Neptune::DBCluster",
  "AWS::RDS::DBCluster",
  "AWS::RDS::DBInstance",
  "AWS::Redshift::Cluster",
])

export class CfnResource extends CfnElement {
  readonly section = "Resources" as const
  readonly type: string
  properties: Record<string, Value>
  readonly dependsOn: CfnResource[] = []
  deletionPolicy: DeletionPolicy | undefined
  updateReplacePolicy: DeletionPolicy | undefined
  condition: CfnCondition | undefined
  metadata: Record<string, Value> | undefined
  removalPolicy: RemovalPolicy | undefined
  /**
   * For an `AWS::S3::Bucket` whose objects are derived (a site's files): `sst remove` deletes its
   * objects first, so CloudFormation can delete it (the manifest's `emptyOnRemove`). Ignored when
   * the bucket is retained.
   */
  emptyOnRemove = false

  constructor(scope: Construct, id: string, rawProps: CfnResourceProps) {
    super(scope, id)
    const props = parseProps(CfnResourcePropsSchema, rawProps, this, "CfnResource")
    this.type = props.type
    this.properties = { ...(props.properties ?? {}) }
    if (props.dependsOn) this.dependsOn.push(...[props.dependsOn].flat())
    this.deletionPolicy = props.deletionPolicy
    this.updateReplacePolicy = props.updateReplacePolicy
    this.condition = props.condition
    this.metadata = props.metadata
    this.removalPolicy = props.removalPolicy
  }

  /** `Ref` of this resource, usable in any property of any stack, or inside a string. */
  get ref(): string {
    return new Ref(this).toString()
  }

  /** `Fn::GetAtt` of an attribute of this resource, e.g. `queue.getAtt("Arn")`. */
  getAtt(attribute: string): string {
    return new GetAtt(this, attribute).toString()
  }

  addDependency(...resources: CfnResource[]): void {
    for (const resource of resources) if (!this.dependsOn.includes(resource)) this.dependsOn.push(resource)
  }

  /** Sets a nested property by a dotted path ("VpcConfig.SubnetIds"), creating objects on the way. */
  addPropertyOverride(path: string, value: Value): void {
    const keys = path.split(".")
    let node = this.properties as Record<string, Value>
    for (const key of keys.slice(0, -1)) {
      const next = node[key]
      if (next === undefined || next === null || typeof next !== "object" || Array.isArray(next)) node[key] = {}
      node = node[key] as Record<string, Value>
    }
    node[keys[keys.length - 1]] = value
  }

  /** The DeletionPolicy and UpdateReplacePolicy this resource is emitted with. */
  effectivePolicies(appDefault: RemovalPolicy | undefined): { deletion?: DeletionPolicy; updateReplace?: DeletionPolicy } {
    if (this.deletionPolicy || this.updateReplacePolicy) {
      return { deletion: this.deletionPolicy, updateReplace: this.updateReplacePolicy }
    }
    const policy = appDefault ?? this.removalPolicy
    if (policy === "retain") return { deletion: "Retain", updateReplace: "Retain" }
    if (policy === "snapshot") {
      // Snapshot is refused by CloudFormation on other types; keeping the data is the safe reading.
      const value = SNAPSHOT_TYPES.has(this.type) ? "Snapshot" : "Retain"
      return { deletion: value, updateReplace: value }
    }
    return {}
  }
}
