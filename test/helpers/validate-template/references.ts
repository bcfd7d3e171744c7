/**
 * @module
 * Checks that `Ref`, `Fn::GetAtt` and `Fn::Sub` point at names the template declares, and says
 * whether each reference yields one value or a list (CloudFormation rejects a list where a
 * single value goes, and the reverse).
 */
import type { Checker } from './context.ts';
import { findAttribute, findResourceSpec } from './spec.ts';
import { didYouMean } from './suggest.ts';

/** What an intrinsic function evaluates to, as far as can be known before deploying. */
export type ValueKind = 'scalar' | 'list' | 'unknown';

/** Pseudo parameters and what they evaluate to; `AWS::NoValue` removes the property, so fits anywhere. */
export const PSEUDO_PARAMETERS: ReadonlyMap<string, ValueKind> = new Map([
  ['AWS::AccountId', 'scalar'],
  ['AWS::NotificationARNs', 'list'],
  ['AWS::NoValue', 'unknown'],
  ['AWS::Partition', 'scalar'],
  ['AWS::Region', 'scalar'],
  ['AWS::StackId', 'scalar'],
  ['AWS::StackName', 'scalar'],
  ['AWS::URLSuffix', 'scalar'],
]);

/** Custom resources are backed by the author's own Lambda, so any property or attribute is valid. */
export function isCustomResourceType(type: string): boolean {
  return type.startsWith('Custom::') || type === 'AWS::CloudFormation::CustomResource';
}

/** Whether a parameter of this `Type` is a list (so `Ref` to it yields a list). */
export function isListParameterType(type: string | undefined): boolean {
  if (type === undefined) return false;
  const inner = /^AWS::SSM::Parameter::Value<(.*)>$/.exec(type)?.[1] ?? type;
  return inner === 'CommaDelimitedList' || inner.startsWith('List<');
}

/**
 * Checks the target of a `Ref` (or of `${Name}` in `Fn::Sub`); `who` names the reference in messages.
 */
export function checkRefTarget(name: string, path: string, checker: Checker, who = 'Ref'): ValueKind {
  const { scope } = checker;
  const pseudo = PSEUDO_PARAMETERS.get(name);
  if (pseudo !== undefined) return pseudo;
  if (scope.parameters.has(name)) {
    return isListParameterType(scope.parameters.get(name)) ? 'list' : 'scalar';
  }
  if (scope.resources.has(name)) {
    if (checker.inConditions) {
      checker.report(path, `${who}: conditions may only refer to parameters and pseudo parameters, not to resource "${name}"`);
    } else {
      checker.dependOn(name);
    }
    return 'scalar';
  }
  const what = name.startsWith('AWS::') ? 'a pseudo parameter' : 'a resource, parameter or pseudo parameter';
  const candidates = [...scope.resources.keys(), ...scope.parameters.keys(), ...PSEUDO_PARAMETERS.keys()];
  checker.report(path, `${who}: "${name}" is not ${what} of this template${didYouMean(name, candidates)}`);
  return 'unknown';
}

/**
 * Checks `Fn::GetAtt [resource, attribute]` (or `${Resource.Attribute}` in `Fn::Sub`).
 * `attribute` is undefined when it is itself computed by an intrinsic function.
 */
export function checkAttributeTarget(
  resource: string,
  attribute: string | undefined,
  path: string,
  checker: Checker,
  who = 'Fn::GetAtt',
): ValueKind {
  const { scope } = checker;
  if (checker.inConditions) {
    checker.report(path, `${who}: conditions may only refer to parameters and pseudo parameters`);
    return 'unknown';
  }
  if (!scope.resources.has(resource)) {
    const hint = scope.parameters.has(resource)
      ? ' (it is a parameter: use Ref)'
      : didYouMean(resource, scope.resources.keys());
    checker.report(path, `${who}: "${resource}" is not a resource of this template${hint}`);
    return 'unknown';
  }
  checker.dependOn(resource);
  const type = scope.resources.get(resource);
  if (type === undefined || attribute === undefined || isCustomResourceType(type)) return 'unknown';
  const spec = findResourceSpec(type);
  // Unknown types are reported where they are declared; transform-expanded types (SAM) list no
  // attributes because the transform invents the real resources.
  if (!spec || (spec.cloudFormationTransform && Object.keys(spec.attributes).length === 0)) return 'unknown';
  const found = findAttribute(spec, attribute);
  if (found === undefined) {
    const names = Object.keys(spec.attributes);
    const listing =
      names.length === 0
        ? `; ${type} has no attributes at all`
        : names.length <= 12
          ? `; its attributes are ${names.join(', ')}`
          : '';
    checker.report(path, `${who}: ${type} "${resource}" has no attribute "${attribute}"${didYouMean(attribute, names)}${listing}`);
    return 'unknown';
  }
  if (found === 'open') return 'unknown';
  if (found.type.type === 'array') return 'list';
  return found.type.type === 'ref' || found.type.type === 'map' || found.type.type === 'json' ? 'unknown' : 'scalar';
}

/**
 * Checks each `${Name}` and `${Resource.Attribute}` in an `Fn::Sub` string; `${!Literal}` is
 * an escaped literal and `variables` are the names bound by `Fn::Sub`'s second argument.
 */
export function checkSubString(text: string, variables: ReadonlySet<string>, path: string, checker: Checker): void {
  for (const match of text.matchAll(/\$\{([^}]*)\}/g)) {
    const name = match[1]!;
    if (name.startsWith('!') || variables.has(name)) continue;
    const who = `Fn::Sub reference \${${name}}`;
    const dot = name.indexOf('.');
    if (dot === -1) checkRefTarget(name, path, checker, who);
    else checkAttributeTarget(name.slice(0, dot), name.slice(dot + 1), path, checker, who);
  }
}
