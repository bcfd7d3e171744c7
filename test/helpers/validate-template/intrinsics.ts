/**
 * @module
 * Intrinsic functions (`Ref`, `Fn::*`): checks their arguments and the names they refer to, and
 * tells the caller whether the call yields a single value or a list.
 */
import { at, describeValue, isPlainObject, item } from './context.ts';
import type { Checker } from './context.ts';
import { checkAttributeTarget, checkRefTarget, checkSubString } from './references.ts';
import type { ValueKind } from './references.ts';
import { didYouMean } from './suggest.ts';

export type { ValueKind } from './references.ts';

/** The functions allowed where a property value goes. */
export const INTRINSIC_FUNCTIONS = [
  'Ref',
  'Fn::Base64',
  'Fn::Cidr',
  'Fn::FindInMap',
  'Fn::GetAZs',
  'Fn::GetAtt',
  'Fn::If',
  'Fn::ImportValue',
  'Fn::Join',
  'Fn::Length',
  'Fn::Select',
  'Fn::Split',
  'Fn::Sub',
  'Fn::ToJsonString',
  'Fn::Transform',
] as const;

const LANGUAGE_EXTENSIONS = 'AWS::LanguageExtensions';

/**
 * The function name if `value` is an intrinsic function call: an object with one key that is
 * `Ref` or starts with `Fn::` (so a misspelt `Fn::GetAttr` is still recognised, and reported).
 */
export function intrinsicName(value: unknown): string | undefined {
  if (!isPlainObject(value)) return undefined;
  const keys = Object.keys(value);
  if (keys.length !== 1) return undefined;
  const key = keys[0]!;
  return key === 'Ref' || key.startsWith('Fn::') ? key : undefined;
}

/** `{ "Ref": "AWS::NoValue" }`, which removes the property (or list item) it stands for. */
export function isNoValue(value: unknown): boolean {
  return isPlainObject(value) && value['Ref'] === 'AWS::NoValue' && Object.keys(value).length === 1;
}

/** Checks a condition name used by `Fn::If` or a resource's `Condition`. */
export function checkConditionName(name: unknown, path: string, checker: Checker): void {
  const { conditions } = checker.scope;
  if (typeof name !== 'string') {
    checker.report(path, `a condition name must be a string, got ${describeValue(name)}`);
  } else if (!conditions.has(name)) {
    checker.report(path, `"${name}" is not a condition of this template${didYouMean(name, conditions)}`);
  }
}

/**
 * Checks the intrinsic call `value` (whose function is `name`) found at `path`, and returns what
 * it yields. Problems inside the call are reported at `path.<name>...`.
 */
export function checkIntrinsic(value: Record<string, unknown>, name: string, path: string, checker: Checker): ValueKind {
  const args = value[name];
  const here = at(path, name);
  switch (name) {
    case 'Ref':
      if (typeof args !== 'string') {
        checker.report(here, `Ref takes a logical ID or parameter name, got ${describeValue(args)}`);
        return 'unknown';
      }
      return checkRefTarget(args, here, checker);
    case 'Fn::GetAtt':
      return checkGetAtt(args, here, checker);
    case 'Fn::Sub':
      checkSub(args, here, checker);
      return 'scalar';
    case 'Fn::Join':
      if (!isPair(args) || typeof args[0] !== 'string') {
        checker.report(here, 'Fn::Join takes [delimiter, [values...]]');
        return 'scalar';
      }
      expectList(args[1], item(here, 1), checker, 'Fn::Join');
      return 'scalar';
    case 'Fn::Select':
      if (!isPair(args)) {
        checker.report(here, 'Fn::Select takes [index, [values...]]');
        return 'unknown';
      }
      expectScalar(args[0], item(here, 0), checker, 'the Fn::Select index');
      expectList(args[1], item(here, 1), checker, 'Fn::Select');
      return 'scalar';
    case 'Fn::Split':
      if (!isPair(args) || typeof args[0] !== 'string') {
        checker.report(here, 'Fn::Split takes [delimiter, source string]');
        return 'list';
      }
      expectScalar(args[1], item(here, 1), checker, 'the Fn::Split source');
      return 'list';
    case 'Fn::If':
      return checkIf(args, here, checker);
    case 'Fn::Base64':
    case 'Fn::ImportValue':
      expectScalar(args, here, checker, `the ${name} argument`);
      return 'scalar';
    case 'Fn::GetAZs':
      expectScalar(args, here, checker, 'the Fn::GetAZs region');
      return 'list';
    case 'Fn::FindInMap':
      return checkFindInMap(args, here, checker);
    case 'Fn::Cidr':
      if (!Array.isArray(args) || args.length !== 3) {
        checker.report(here, 'Fn::Cidr takes [ipBlock, count, cidrBits]');
      } else {
        args.forEach((arg, i) => expectScalar(arg, item(here, i), checker, 'an Fn::Cidr argument'));
      }
      return 'list';
    case 'Fn::Length':
      requireLanguageExtensions(name, here, checker);
      expectList(args, here, checker, 'Fn::Length');
      return 'scalar';
    case 'Fn::ToJsonString':
      requireLanguageExtensions(name, here, checker);
      if (typeof args !== 'object' || args === null) {
        checker.report(here, `Fn::ToJsonString takes an object or a list, got ${describeValue(args)}`);
      } else {
        walk(args, here, checker);
      }
      return 'scalar';
    case 'Fn::Transform':
      // A macro call: its output is only known once the macro runs.
      return 'unknown';
    default:
      checker.report(here, `unknown intrinsic function "${name}"${didYouMean(name, INTRINSIC_FUNCTIONS)}`);
      return 'unknown';
  }
}

/**
 * Checks the references in a value whose shape the schemas leave open (`json` properties,
 * custom resource properties, intrinsic arguments), and returns what it yields.
 */
export function walk(value: unknown, path: string, checker: Checker): ValueKind {
  const name = intrinsicName(value);
  if (name !== undefined) return checkIntrinsic(value as Record<string, unknown>, name, path, checker);
  if (Array.isArray(value)) {
    value.forEach((element, i) => walk(element, item(path, i), checker));
    return 'list';
  }
  if (isPlainObject(value)) {
    for (const [key, child] of Object.entries(value)) walk(child, at(path, key), checker);
    return 'unknown';
  }
  return 'scalar';
}

/** Checks a value that must yield a single string or number, e.g. an `Fn::Join` list item. */
export function expectScalar(value: unknown, path: string, checker: Checker, what: string): void {
  const name = intrinsicName(value);
  if (name !== undefined) {
    const kind = checkIntrinsic(value as Record<string, unknown>, name, path, checker);
    if (kind === 'list') checker.report(path, `${what} must be a single value, but ${name} here yields a list`);
  } else if (typeof value === 'object' && value !== null) {
    checker.report(path, `${what} must be a single value, got ${describeValue(value)}`);
  }
}

/** Checks a value that must yield a list: a JSON array of single values, or a list-valued call. */
export function expectList(value: unknown, path: string, checker: Checker, fn: string): void {
  const name = intrinsicName(value);
  if (name !== undefined) {
    const kind = checkIntrinsic(value as Record<string, unknown>, name, path, checker);
    if (kind === 'scalar') checker.report(path, `${fn} needs a list here, but ${name} yields a single value`);
  } else if (Array.isArray(value)) {
    value.forEach((element, i) => expectScalar(element, item(path, i), checker, `an item of the ${fn} list`));
  } else {
    checker.report(path, `${fn} needs a list here, got ${describeValue(value)}`);
  }
}

function isPair(args: unknown): args is [unknown, unknown] {
  return Array.isArray(args) && args.length === 2;
}

function checkGetAtt(args: unknown, here: string, checker: Checker): ValueKind {
  // The "Resource.Attribute" string form is the JSON spelling of YAML's !GetAtt shorthand.
  if (typeof args === 'string') {
    const dot = args.indexOf('.');
    if (dot > 0) return checkAttributeTarget(args.slice(0, dot), args.slice(dot + 1), here, checker);
  } else if (isPair(args) && typeof args[0] === 'string') {
    const [resource, attribute] = args;
    if (typeof attribute === 'string') return checkAttributeTarget(resource, attribute, here, checker);
    if (intrinsicName(attribute) !== undefined) {
      expectScalar(attribute, item(here, 1), checker, 'the Fn::GetAtt attribute name');
      return checkAttributeTarget(resource, undefined, here, checker);
    }
  }
  checker.report(here, `Fn::GetAtt takes [logicalId, attributeName], got ${describeValue(args)}`);
  return 'unknown';
}

function checkSub(args: unknown, here: string, checker: Checker): void {
  if (typeof args === 'string') {
    checkSubString(args, new Set(), here, checker);
    return;
  }
  if (isPair(args) && typeof args[0] === 'string' && isPlainObject(args[1])) {
    const variables = args[1];
    for (const [key, value] of Object.entries(variables)) {
      expectScalar(value, at(item(here, 1), key), checker, `Fn::Sub variable "${key}"`);
    }
    checkSubString(args[0], new Set(Object.keys(variables)), item(here, 0), checker);
    return;
  }
  checker.report(here, `Fn::Sub takes a string or [string, { variables }], got ${describeValue(args)}`);
}

function checkIf(args: unknown, here: string, checker: Checker): ValueKind {
  if (!Array.isArray(args) || args.length !== 3) {
    checker.report(here, 'Fn::If takes [conditionName, valueIfTrue, valueIfFalse]');
    return 'unknown';
  }
  checkConditionName(args[0], item(here, 0), checker);
  const whenTrue = walk(args[1], item(here, 1), checker);
  const whenFalse = walk(args[2], item(here, 2), checker);
  if (isNoValue(args[1])) return whenFalse;
  if (isNoValue(args[2])) return whenTrue;
  return whenTrue === whenFalse ? whenTrue : 'unknown';
}

function checkFindInMap(args: unknown, here: string, checker: Checker): ValueKind {
  const extended = checker.scope.transforms.has(LANGUAGE_EXTENSIONS);
  if (!Array.isArray(args) || (args.length !== 3 && !(extended && args.length === 4))) {
    checker.report(here, 'Fn::FindInMap takes [mapName, topLevelKey, secondLevelKey]');
    return 'unknown';
  }
  args.slice(0, 3).forEach((arg, i) => expectScalar(arg, item(here, i), checker, 'an Fn::FindInMap key'));
  const [mapName, topKey, secondKey] = args;
  if (typeof mapName !== 'string') return 'unknown';
  const { mappings } = checker.scope;
  if (!mappings.has(mapName)) {
    checker.report(item(here, 0), `"${mapName}" is not a mapping of this template${didYouMean(mapName, mappings.keys())}`);
    return 'unknown';
  }
  // A default value (language extensions) makes missing keys legal.
  if (args.length === 4 || typeof topKey !== 'string') return 'unknown';
  const map = mappings.get(mapName);
  const top = isPlainObject(map) ? map[topKey] : undefined;
  if (!isPlainObject(top)) {
    checker.report(item(here, 1), `mapping "${mapName}" has no key "${topKey}"`);
    return 'unknown';
  }
  if (typeof secondKey !== 'string') return 'unknown';
  if (!(secondKey in top)) {
    checker.report(item(here, 2), `mapping "${mapName}.${topKey}" has no key "${secondKey}"`);
    return 'unknown';
  }
  return Array.isArray(top[secondKey]) ? 'list' : 'scalar';
}

function requireLanguageExtensions(name: string, here: string, checker: Checker): void {
  if (!checker.scope.transforms.has(LANGUAGE_EXTENSIONS)) {
    checker.report(here, `${name} needs "Transform": "${LANGUAGE_EXTENSIONS}" in the template`);
  }
}
