/**
 * @module
 * Template-level checks: known sections, their shapes and CloudFormation's size limits; and the
 * scope (declared names) that references are resolved against.
 */
import { at, describeValue, isPlainObject } from './context.ts';
import type { Checker, TemplateScope } from './context.ts';
import { LOGICAL_ID } from './resources.ts';
import { didYouMean } from './suggest.ts';

export const SECTIONS = [
  'AWSTemplateFormatVersion',
  'Description',
  'Metadata',
  'Parameters',
  'Mappings',
  'Conditions',
  'Transform',
  'Rules',
  'Resources',
  'Outputs',
];

/** CloudFormation quotas per template, https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html */
const LIMITS: Record<string, number> = { Resources: 500, Outputs: 200, Parameters: 200, Mappings: 200 };

/** The names a template declares; sections of the wrong shape contribute nothing. */
export function collectScope(template: Record<string, unknown>): TemplateScope {
  const entries = (section: string): [string, unknown][] => {
    const value = template[section];
    return isPlainObject(value) ? Object.entries(value) : [];
  };
  const typeOf = (declaration: unknown): string | undefined => {
    const type = isPlainObject(declaration) ? declaration['Type'] : undefined;
    return typeof type === 'string' ? type : undefined;
  };
  const transform = template['Transform'];
  const transforms = (Array.isArray(transform) ? transform : [transform]).filter((t) => typeof t === 'string');
  return {
    resources: new Map(entries('Resources').map(([id, r]) => [id, typeOf(r)])),
    parameters: new Map(entries('Parameters').map(([name, p]) => [name, typeOf(p)])),
    conditions: new Set(entries('Conditions').map(([name]) => name)),
    mappings: new Map(entries('Mappings')),
    transforms: new Set(transforms),
  };
}

/** Checks everything about the sections themselves, before their entries are checked one by one. */
export function checkSections(template: Record<string, unknown>, checker: Checker): void {
  for (const key of Object.keys(template)) {
    if (!SECTIONS.includes(key)) {
      checker.report(key, `unknown top-level section "${key}"${didYouMean(key, SECTIONS)}; allowed: ${SECTIONS.join(', ')}`);
    }
  }
  const version = template['AWSTemplateFormatVersion'];
  if (version !== undefined && version !== '2010-09-09') {
    checker.report('AWSTemplateFormatVersion', `AWSTemplateFormatVersion must be "2010-09-09", got ${describeValue(version)}`);
  }
  const description = template['Description'];
  if (description !== undefined && typeof description !== 'string') {
    checker.report('Description', `Description must be a string, got ${describeValue(description)}`);
  }
  checkTransform(template['Transform'], checker);
  for (const section of ['Metadata', 'Parameters', 'Mappings', 'Conditions', 'Rules', 'Outputs']) {
    const value = template[section];
    if (value !== undefined && !isPlainObject(value)) {
      checker.report(section, `${section} must be an object, got ${describeValue(value)}`);
    }
  }
  const resources = template['Resources'];
  if (!isPlainObject(resources) || Object.keys(resources).length === 0) {
    checker.report('Resources', resources === undefined ? 'a template needs a Resources section' : 'Resources must be an object declaring at least one resource');
  }
  for (const [section, limit] of Object.entries(LIMITS)) {
    const value = template[section];
    const count = isPlainObject(value) ? Object.keys(value).length : 0;
    if (count > limit) checker.report(section, `${count} ${section.toLowerCase()} exceed CloudFormation's limit of ${limit} per template`);
  }
  const { resources: declared, parameters } = checker.scope;
  for (const name of parameters.keys()) {
    if (declared.has(name)) checker.report(at('Parameters', name), `"${name}" is declared both as a parameter and as a resource`);
  }
}

function checkTransform(transform: unknown, checker: Checker): void {
  if (transform === undefined) return;
  const names = Array.isArray(transform) ? transform : [transform];
  if (!names.every((t) => typeof t === 'string')) {
    checker.report('Transform', `Transform must be a transform name or a list of names, got ${describeValue(transform)}`);
  }
}

/** Checks the mapping declared as `Mappings.<name>`: two levels of keys above each value. */
export function checkMapping(name: string, mapping: unknown, checker: Checker): void {
  const path = at('Mappings', name);
  if (!LOGICAL_ID.test(name)) checker.report(path, `mapping name "${name}" must be 1-255 letters and digits`);
  if (!isPlainObject(mapping)) {
    checker.report(path, `a mapping must be an object of objects, got ${describeValue(mapping)}`);
    return;
  }
  for (const [key, level] of Object.entries(mapping)) {
    if (!isPlainObject(level)) {
      checker.report(at(path, key), `a mapping's top-level key must hold an object of values, got ${describeValue(level)}`);
      continue;
    }
    for (const [second, value] of Object.entries(level)) {
      const ok = typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || (Array.isArray(value) && value.every((v) => typeof v === 'string' || typeof v === 'number'));
      if (!ok) checker.report(at(at(path, key), second), `a mapping value must be a string, number or list of them, got ${describeValue(value)}`);
    }
  }
}
