/**
 * @module
 * Checks the `Resources` section: logical IDs, resource attributes (Type, DependsOn, ...) and
 * each resource's properties against its schema.
 */
import { at, describeValue, isPlainObject, item } from './context.ts';
import type { Checker } from './context.ts';
import { checkConditionName, intrinsicName, walk } from './intrinsics.ts';
import { checkProperties } from './properties.ts';
import { isCustomResourceType } from './references.ts';
import { allResourceTypes, findResourceSpec } from './spec.ts';
import type { Resource } from './spec.ts';
import { didYouMean } from './suggest.ts';

const RESOURCE_ATTRIBUTES = [
  'Type',
  'Properties',
  'DependsOn',
  'DeletionPolicy',
  'UpdateReplacePolicy',
  'Condition',
  'Metadata',
  'CreationPolicy',
  'UpdatePolicy',
];

// RetainExceptOnCreate only exists for DeletionPolicy: it is about a failed *creation*.
const DELETION_POLICIES = ['Delete', 'Retain', 'Snapshot', 'RetainExceptOnCreate'];
const UPDATE_REPLACE_POLICIES = ['Delete', 'Retain', 'Snapshot'];

/** CloudFormation limits logical IDs to this; it rejects `My-Table` and `my_table`. */
export const LOGICAL_ID = /^[A-Za-z0-9]{1,255}$/;

/** Checks one resource declared as `Resources.<id>`. */
export function checkResource(id: string, resource: unknown, checker: Checker): void {
  const path = at('Resources', id);
  if (!LOGICAL_ID.test(id)) {
    checker.report(path, `logical ID "${id}" must be 1-255 letters and digits`);
  }
  if (!isPlainObject(resource)) {
    checker.report(path, `a resource must be an object with a Type, got ${describeValue(resource)}`);
    return;
  }
  for (const key of Object.keys(resource)) {
    if (!RESOURCE_ATTRIBUTES.includes(key)) {
      checker.report(at(path, key), `"${key}" is not a resource attribute${didYouMean(key, RESOURCE_ATTRIBUTES)}; allowed: ${RESOURCE_ATTRIBUTES.join(', ')}`);
    }
  }
  checker.from = id;
  checkDependsOn(resource['DependsOn'], at(path, 'DependsOn'), checker);
  checkPolicy(resource, 'DeletionPolicy', DELETION_POLICIES, path, checker);
  checkPolicy(resource, 'UpdateReplacePolicy', UPDATE_REPLACE_POLICIES, path, checker);
  if ('Condition' in resource) checkConditionName(resource['Condition'], at(path, 'Condition'), checker);
  for (const key of ['Metadata', 'CreationPolicy', 'UpdatePolicy']) {
    if (key in resource && !isPlainObject(resource[key])) {
      checker.report(at(path, key), `${key} must be an object, got ${describeValue(resource[key])}`);
    }
  }
  checkBody(resource, path, checker);
  checker.from = undefined;
}

function checkBody(resource: Record<string, unknown>, path: string, checker: Checker): void {
  const type = resource['Type'];
  const propertiesPath = at(path, 'Properties');
  const properties = resource['Properties'] ?? {};
  if (typeof type !== 'string') {
    checker.report(at(path, 'Type'), type === undefined ? 'a resource needs a Type' : `Type must be a string, got ${describeValue(type)}`);
    walk(properties, propertiesPath, checker);
    return;
  }
  checker.resourceType = type;
  if (isCustomResourceType(type)) {
    checkCustomResource(type, properties, path, checker);
    return;
  }
  const spec = findResourceSpec(type);
  if (!spec) {
    const hint = type.startsWith('Custom') ? ' (custom resource types are written Custom::Name)' : didYouMean(type, allResourceTypes());
    checker.report(at(path, 'Type'), `unknown resource type "${type}"${hint}`);
    walk(properties, propertiesPath, checker);
    return;
  }
  checkTransform(spec, path, checker);
  checkPropertiesOf(spec, properties, propertiesPath, checker);
}

/** Properties may also be `Fn::If [cond, {...}, {...}]` choosing between two whole property sets. */
function checkPropertiesOf(spec: Resource, properties: unknown, path: string, checker: Checker): void {
  const fn = intrinsicName(properties);
  if (fn === 'Fn::If') {
    const args = (properties as Record<string, unknown>)[fn];
    const here = at(path, fn);
    if (Array.isArray(args) && args.length === 3) {
      checkConditionName(args[0], item(here, 0), checker);
      checkPropertiesOf(spec, args[1], item(here, 1), checker);
      checkPropertiesOf(spec, args[2], item(here, 2), checker);
      return;
    }
  }
  if (!isPlainObject(properties) || fn !== undefined) {
    checker.report(path, `Properties must be an object, got ${describeValue(properties)}`);
    return;
  }
  checkProperties(properties, spec.properties, spec.cloudFormationType, path, checker);
}

function checkCustomResource(type: string, properties: unknown, path: string, checker: Checker): void {
  if (type.startsWith('Custom::') && !/^Custom::[A-Za-z0-9_@-]{1,60}$/.test(type)) {
    checker.report(at(path, 'Type'), `custom resource type "${type}" must be Custom:: followed by 1-60 letters, digits, _, @ or -`);
  }
  const propertiesPath = at(path, 'Properties');
  if (!isPlainObject(properties)) {
    checker.report(propertiesPath, `Properties must be an object with a ServiceToken, got ${describeValue(properties)}`);
    return;
  }
  // The provider Lambda defines the other properties; CloudFormation itself only needs ServiceToken.
  if (!('ServiceToken' in properties)) {
    checker.report(at(propertiesPath, 'ServiceToken'), `${type} requires property "ServiceToken" (the provider's Lambda or SNS topic ARN), which is missing`);
  }
  walk(properties, propertiesPath, checker);
}

/** Transform-expanded types (AWS::Serverless::*) are only valid when the template asks for the transform. */
function checkTransform(spec: Resource, path: string, checker: Checker): void {
  const transform = spec.cloudFormationTransform;
  if (transform && !checker.scope.transforms.has(transform)) {
    checker.report(at(path, 'Type'), `${spec.cloudFormationType} needs "Transform": "${transform}" in the template`);
  }
}

function checkDependsOn(dependsOn: unknown, path: string, checker: Checker): void {
  if (dependsOn === undefined) return;
  const check = (target: unknown, targetPath: string): void => {
    const { resources } = checker.scope;
    if (typeof target !== 'string') {
      checker.report(targetPath, `DependsOn takes logical IDs, got ${describeValue(target)}`);
    } else if (!resources.has(target)) {
      checker.report(targetPath, `DependsOn: "${target}" is not a resource of this template${didYouMean(target, resources.keys())}`);
    } else {
      checker.dependOn(target);
    }
  };
  if (Array.isArray(dependsOn)) dependsOn.forEach((target, i) => check(target, item(path, i)));
  else check(dependsOn, path);
}

function checkPolicy(resource: Record<string, unknown>, key: string, allowed: string[], path: string, checker: Checker): void {
  if (!(key in resource)) return;
  const value = resource[key];
  if (typeof value === 'string' && allowed.includes(value)) return;
  // With the language extensions transform, the policy may be computed (e.g. Fn::If on the stage).
  if (intrinsicName(value) !== undefined && checker.scope.transforms.has('AWS::LanguageExtensions')) {
    walk(value, at(path, key), checker);
    return;
  }
  const hint = typeof value === 'string' ? didYouMean(value, allowed) : '';
  checker.report(at(path, key), `${key} must be one of ${allowed.join(', ')}, got ${describeValue(value)}${hint}`);
}
