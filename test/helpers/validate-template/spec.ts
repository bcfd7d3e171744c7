/**
 * @module
 * AWS's CloudFormation resource schemas, from `@aws-cdk/aws-service-spec`.
 *
 * The database is a 2.6 MB gzipped JSON file; gunzip + parse + hydrate costs ~300 ms, so it is
 * loaded once per process, on first use, and shared by every `validateTemplate` call.
 */
import { loadAwsServiceSpecSync } from '@aws-cdk/aws-service-spec';
import type {
  Attribute,
  PropertyType,
  Resource,
  SpecDatabase,
  TypeDefinition,
} from '@aws-cdk/service-spec-types';

export type { Attribute, Property, PropertyType, Resource, TypeDefinition } from '@aws-cdk/service-spec-types';

let cached: SpecDatabase | undefined;

/** The schema database, loaded on first call and cached for the life of the process. */
export function loadSpec(): SpecDatabase {
  cached ??= loadAwsServiceSpecSync();
  return cached;
}

/** The schema of a resource type such as `AWS::Lambda::Function`, or undefined if AWS has none. */
export function findResourceSpec(cloudFormationType: string): Resource | undefined {
  const found = loadSpec().lookup('resource', 'cloudFormationType', 'equals', cloudFormationType);
  return found.length === 1 ? found[0] : undefined;
}

/** Every resource type the schemas know, for "did you mean" hints. */
export function allResourceTypes(): readonly string[] {
  allTypes ??= loadSpec()
    .all('resource')
    .map((r) => r.cloudFormationType);
  return allTypes;
}
let allTypes: string[] | undefined;

/** The nested property type that a `{ type: 'ref' }` property type points at. */
export function typeDefinitionOf(type: Extract<PropertyType, { type: 'ref' }>): TypeDefinition {
  return loadSpec().get('typeDefinition', type.reference);
}

/**
 * The schema of `Fn::GetAtt [resource, attribute]`, or undefined if the resource has no such attribute.
 *
 * Two attribute families are open-ended and so cannot be listed by the schemas:
 * `AWS::CloudFormation::Stack` exposes each nested-stack output as `Outputs.<Name>`, and an
 * attribute typed `json` or `map` can be read one key deeper (`Attr.Key`).
 */
export function findAttribute(resource: Resource, name: string): Attribute | 'open' | undefined {
  const exact = resource.attributes[name];
  if (exact) return exact;
  if (resource.cloudFormationType === 'AWS::CloudFormation::Stack' && name.startsWith('Outputs.')) return 'open';
  const parts = name.split('.');
  for (let i = parts.length - 1; i > 0; i--) {
    const prefix = resource.attributes[parts.slice(0, i).join('.')];
    if (prefix && (prefix.type.type === 'json' || prefix.type.type === 'map')) return 'open';
  }
  return undefined;
}
