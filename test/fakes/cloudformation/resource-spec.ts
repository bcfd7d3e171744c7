// What the fake knows about each resource type, read from the CloudFormation resource
// specification in @aws-cdk/aws-service-spec (already a dev dependency): which property names the
// resource, what `Ref` returns, the ARN format, the attributes `Fn::GetAtt` accepts and which
// property changes replace the resource. With it the fake refuses unknown types and attributes and
// predicts replacements the way CloudFormation does, instead of from a hand-kept list.
// Loading costs ~0.3 s and is done once per process.

import { loadAwsServiceSpec } from "@aws-cdk/aws-service-spec"

export interface TypeInfo {
  type: string
  /** False for an `AWS::` type the specification does not have: CloudFormation refuses it. */
  known: boolean
  /** The property holding the physical name, when a user may choose it (`TableName`). */
  nameProperty?: string
  /** What `Ref` returns: the name, an ARN or URL built from the name, or a generated id. */
  refKind: "name" | "arn" | "url" | "id"
  arnTemplate?: string
  /** Attributes `Fn::GetAtt` accepts (true when the value is a list); undefined means any. */
  attributes?: Map<string, boolean>
  /** Properties whose change replaces the resource, "yes" always and "maybe" sometimes. */
  replacement: Map<string, "yes" | "maybe">
  taggable: boolean
}

type SpecDatabase = Awaited<ReturnType<typeof loadAwsServiceSpec>>

// Types CloudFormation accepts that the specification does not describe.
const EXTRA_TYPES = new Set(["AWS::CDK::Metadata"])

let loading: Promise<ResourceSpec> | undefined

export class ResourceSpec {
  private readonly cache = new Map<string, TypeInfo>()

  private constructor(private readonly db: SpecDatabase) {}

  static load(): Promise<ResourceSpec> {
    loading ??= loadAwsServiceSpec().then((db) => new ResourceSpec(db))
    return loading
  }

  info(type: string): TypeInfo {
    let info = this.cache.get(type)
    if (!info) {
      info = this.describe(type)
      this.cache.set(type, info)
    }
    return info
  }

  private describe(type: string): TypeInfo {
    const [resource] = this.db.lookup("resource", "cloudFormationType", "equals", type)
    if (!resource) {
      const known = !type.startsWith("AWS::") || EXTRA_TYPES.has(type)
      // Custom resources return whatever their handler sends, so any attribute is accepted.
      return { type, known, refKind: "id", replacement: new Map(), taggable: false }
    }
    const properties = resource.properties
    const refIdentifier = (resource.cfnRefIdentifier ?? resource.primaryIdentifier ?? []).at(-1)
    const replacement = new Map<string, "yes" | "maybe">()
    for (const [name, property] of Object.entries(properties)) {
      if (property.causesReplacement === "yes" || property.causesReplacement === "maybe") {
        replacement.set(name, property.causesReplacement)
      }
    }
    const attributes = new Map<string, boolean>()
    for (const [name, attribute] of Object.entries(resource.attributes)) {
      attributes.set(name, attribute.type.type === "array")
    }
    const { refKind, nameProperty } = refShape(resource.name, Object.keys(properties), refIdentifier)
    return {
      type,
      known: true,
      nameProperty,
      refKind,
      ...(resource.arnTemplate ? { arnTemplate: resource.arnTemplate } : {}),
      attributes,
      replacement,
      taggable: resource.tagInformation !== undefined,
    }
  }
}

function refShape(
  resourceName: string,
  properties: string[],
  refIdentifier: string | undefined,
): Pick<TypeInfo, "refKind" | "nameProperty"> {
  if (refIdentifier && properties.includes(refIdentifier)) return { refKind: "name", nameProperty: refIdentifier }
  const nameProperty = [`${resourceName}Name`, "Name"].find((name) => properties.includes(name))
  const named = nameProperty ? { nameProperty } : {}
  if (refIdentifier?.endsWith("Arn")) return { refKind: "arn", ...named }
  if (refIdentifier?.endsWith("Url")) return { refKind: "url", ...named }
  return { refKind: "id" }
}
