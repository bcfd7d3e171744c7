/**
 * @module
 * Checks property values against the types in AWS's resource schemas: names, required
 * properties, primitive types, list/map/object shapes and unions, recursing into nested types.
 */
import { at, describeValue, isPlainObject, item } from './context.ts';
import type { Checker } from './context.ts';
import { checkConditionName, checkIntrinsic, intrinsicName, isNoValue, walk } from './intrinsics.ts';
import type { ValueKind } from './intrinsics.ts';
import { typeDefinitionOf } from './spec.ts';
import type { Property, PropertyType } from './spec.ts';
import { closest } from './suggest.ts';

/** The legacy `tag` type is `{ Key, Value }`, both required strings. */
const TAG_PROPERTIES: Record<string, Property> = {
  Key: { type: { type: 'string' }, required: true },
  Value: { type: { type: 'string' }, required: true },
};

/**
 * Checks an object of properties: every key must be declared in `properties` (named `owner` in
 * messages, e.g. `AWS::DynamoDB::Table.KeySchema`), each value must match its type, and every
 * required property must be present.
 */
export function checkProperties(
  value: Record<string, unknown>,
  properties: Record<string, Property>,
  owner: string,
  path: string,
  checker: Checker,
): void {
  const names = Object.keys(properties);
  // A misspelt required property is one mistake, not two: its "did you mean" stands for "missing".
  const meant = new Set<string>();
  for (const [key, child] of Object.entries(value)) {
    const property = properties[key];
    if (property === undefined) {
      const suggestion = closest(key, names);
      if (suggestion !== undefined) meant.add(suggestion);
      const hint = suggestion === undefined ? '' : ` (did you mean "${suggestion}"?)`;
      checker.report(at(path, key), `${owner} has no property "${key}"${hint}`);
      walk(child, at(path, key), checker);
    } else if (!isNoValue(child)) {
      checkValue(child, property.type, at(path, key), checker);
    }
  }
  for (const [key, property] of Object.entries(properties)) {
    if (property.required && !(key in value) && !meant.has(key)) {
      checker.report(at(path, key), `${owner} requires property "${key}", which is missing`);
    }
  }
}

/** Checks one value against a schema type, accepting intrinsic functions wherever they fit. */
export function checkValue(value: unknown, type: PropertyType, path: string, checker: Checker): void {
  const fn = intrinsicName(value);
  if (fn === 'Fn::If') {
    checkTypedIf((value as Record<string, unknown>)[fn], type, at(path, fn), checker);
    return;
  }
  if (fn !== undefined) {
    const kind = checkIntrinsic(value as Record<string, unknown>, fn, path, checker);
    const misfit = kindMisfit(kind, type);
    if (misfit) checker.report(path, `${fn} yields ${misfit}`);
    return;
  }
  switch (type.type) {
    case 'string':
      // CloudFormation turns numbers and booleans into strings where a string is expected.
      if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
        if (type.allowedValues && !type.allowedValues.includes(String(value))) {
          checker.report(path, `${describeValue(value)} is not one of the allowed values ${type.allowedValues.join(', ')}`);
        }
        return;
      }
      return mismatch(value, 'a string', path, checker);
    case 'date-time':
      return typeof value === 'string' ? undefined : mismatch(value, 'a date-time string', path, checker);
    case 'number':
    case 'integer':
      return checkNumber(value, type, path, checker);
    case 'boolean':
      // CloudFormation also accepts the strings "true" and "false".
      if (typeof value === 'boolean' || (typeof value === 'string' && /^(true|false)$/i.test(value))) return;
      return mismatch(value, 'a boolean', path, checker);
    case 'null':
      return value === null ? undefined : mismatch(value, 'null', path, checker);
    case 'json':
      walk(value, path, checker);
      return;
    case 'tag':
      if (!isPlainObject(value)) return mismatch(value, 'a tag { Key, Value }', path, checker);
      return checkProperties(value, TAG_PROPERTIES, 'Tag', path, checker);
    case 'array':
      if (!Array.isArray(value)) return mismatch(value, 'a list', path, checker);
      value.forEach((element, i) => {
        if (!isNoValue(element)) checkValue(element, type.element, item(path, i), checker);
      });
      return;
    case 'map':
      if (!isPlainObject(value)) return mismatch(value, 'an object (map)', path, checker);
      for (const [key, child] of Object.entries(value)) {
        if (!isNoValue(child)) checkValue(child, type.element, at(path, key), checker);
      }
      return;
    case 'ref': {
      const definition = typeDefinitionOf(type);
      if (!isPlainObject(value)) return mismatch(value, `an object (${definition.name})`, path, checker);
      // A few schemas define a nested type with no properties at all ("TableWildcard": {}); they
      // say nothing about its keys, so only the references inside are checked.
      if (Object.keys(definition.properties).length === 0) {
        walk(value, path, checker);
        return;
      }
      return checkProperties(value, definition.properties, `${checker.resourceType}.${definition.name}`, path, checker);
    }
    case 'union':
      return checkUnion(value, type.types, path, checker);
  }
}

function checkNumber(value: unknown, type: PropertyType & { type: 'number' | 'integer' }, path: string, checker: Checker): void {
  // CloudFormation accepts numeric strings ("30") where a number is expected.
  const number = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  const wanted = type.type === 'integer' ? 'an integer' : 'a number';
  if (Number.isNaN(number) || (typeof value !== 'number' && typeof value !== 'string')) {
    return mismatch(value, wanted, path, checker);
  }
  if (type.type === 'integer' && !Number.isInteger(number)) return mismatch(value, wanted, path, checker);
  if (type.type === 'integer' && type.allowedValues && !type.allowedValues.includes(number)) {
    checker.report(path, `${describeValue(value)} is not one of the allowed values ${type.allowedValues.join(', ')}`);
  }
}

/**
 * A union accepts a value matching any member. The members whose basic shape fits the value are
 * tried in turn; if none accepts it, the problems of the closest member are reported, since
 * they are the ones the author most likely needs to fix.
 */
function checkUnion(value: unknown, types: PropertyType[], path: string, checker: Checker): void {
  const candidates = types.filter((type) => shapeFits(value, type));
  if (candidates.length === 0) {
    return mismatch(value, types.map(describeType).join(' or '), path, checker);
  }
  let best: ReturnType<Checker['trial']> | undefined;
  for (const type of candidates) {
    const problems = checker.trial(() => checkValue(value, type, path, checker));
    if (problems.length === 0) return;
    if (!best || problems.length < best.length) best = problems;
  }
  checker.problems.push(...best!);
}

/**
 * Whether a value has the basic shape of a union member. `json` inside a union only takes
 * objects: the schemas write `oneOf: [array of KeySchema, object]` (DynamoDB's KeySchema) and
 * the `object` branch must not swallow arrays, or typos inside the array would go unseen.
 */
function shapeFits(value: unknown, type: PropertyType): boolean {
  switch (type.type) {
    case 'string':
    case 'number':
    case 'integer':
    case 'boolean':
      return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
    case 'date-time':
      return typeof value === 'string';
    case 'null':
      return value === null;
    case 'array':
      return Array.isArray(value);
    case 'json':
    case 'map':
    case 'ref':
    case 'tag':
      return isPlainObject(value);
    case 'union':
      return type.types.some((member) => shapeFits(value, member));
  }
}

/** Whether an intrinsic's result cannot go where `type` is expected; says why, or ''. */
function kindMisfit(kind: ValueKind, type: PropertyType): string {
  if (kind === 'unknown') return '';
  const accepts = (t: PropertyType): boolean =>
    t.type === 'union'
      ? t.types.some(accepts)
      : kind === 'list'
        ? t.type === 'array' || t.type === 'json'
        : t.type !== 'array' && t.type !== 'map' && t.type !== 'ref' && t.type !== 'tag';
  if (accepts(type)) return '';
  return kind === 'list' ? `a list, but ${describeType(type)} is expected` : `a single value, but ${describeType(type)} is expected`;
}

/** `Fn::If` in a typed position: each branch must fit the type on its own. */
function checkTypedIf(args: unknown, type: PropertyType, here: string, checker: Checker): void {
  if (!Array.isArray(args) || args.length !== 3) {
    checker.report(here, 'Fn::If takes [conditionName, valueIfTrue, valueIfFalse]');
    return;
  }
  checkConditionName(args[0], item(here, 0), checker);
  for (const i of [1, 2]) {
    if (!isNoValue(args[i])) checkValue(args[i], type, item(here, i), checker);
  }
}

function mismatch(value: unknown, expected: string, path: string, checker: Checker): void {
  checker.report(path, `expected ${expected}, got ${describeValue(value)}`);
}

function describeType(type: PropertyType): string {
  switch (type.type) {
    case 'array':
      return 'a list';
    case 'map':
    case 'json':
    case 'ref':
    case 'tag':
      return 'an object';
    case 'union':
      return type.types.map(describeType).join(' or ');
    case 'integer':
      return 'an integer';
    case 'date-time':
      return 'a date-time string';
    case 'null':
      return 'null';
    default:
      return `a ${type.type}`;
  }
}
