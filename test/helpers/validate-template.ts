/**
 * @module
 * Checks a CloudFormation JSON template against AWS's own resource schemas (the database in
 * `@aws-cdk/aws-service-spec`), so tests catch what CloudFormation would only reject at deploy
 * time: unknown types, misspelt or missing properties, wrong value types, and references to
 * resources, attributes, parameters or conditions that do not exist.
 *
 * @example
 * ```ts
 * assert.deepEqual(validateTemplate(app.synth()), []);
 * ```
 */
import { checkCondition } from './validate-template/conditions.ts';
import { Checker, isPlainObject } from './validate-template/context.ts';
import type { TemplateProblem } from './validate-template/context.ts';
import { checkCycles } from './validate-template/cycles.ts';
import { checkOutput } from './validate-template/outputs.ts';
import { checkParameter } from './validate-template/parameters.ts';
import { checkResource } from './validate-template/resources.ts';
import { checkMapping, checkSections, collectScope } from './validate-template/sections.ts';

export type { TemplateProblem } from './validate-template/context.ts';
export { loadSpec } from './validate-template/spec.ts';

/**
 * Every problem found in `template`, in document order within each section; `[]` means valid.
 * The first call loads the schema database (~300 ms); later calls reuse it.
 */
export function validateTemplate(template: unknown): TemplateProblem[] {
  if (!isPlainObject(template)) {
    return [{ path: '', message: `a template must be a JSON object, got ${Array.isArray(template) ? 'an array' : String(template)}` }];
  }
  const checker = new Checker(collectScope(template));
  checkSections(template, checker);
  const section = (name: string): [string, unknown][] => {
    const value = template[name];
    return isPlainObject(value) ? Object.entries(value) : [];
  };
  for (const [name, parameter] of section('Parameters')) checkParameter(name, parameter, checker);
  for (const [name, mapping] of section('Mappings')) checkMapping(name, mapping, checker);
  for (const [name, condition] of section('Conditions')) checkCondition(name, condition, checker);
  for (const [id, resource] of section('Resources')) checkResource(id, resource, checker);
  for (const [name, output] of section('Outputs')) checkOutput(name, output, checker);
  checkCycles([...checker.scope.resources.keys()], checker);
  return checker.problems;
}
