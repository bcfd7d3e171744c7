/**
 * @module
 * Checks the `Outputs` section: each output needs a Value, and an Export needs a Name.
 */
import { at, describeValue, isPlainObject } from './context.ts';
import type { Checker } from './context.ts';
import { checkConditionName } from './intrinsics.ts';
import { checkValue } from './properties.ts';
import { LOGICAL_ID } from './resources.ts';
import { didYouMean } from './suggest.ts';

const OUTPUT_ATTRIBUTES = ['Value', 'Description', 'Export', 'Condition'];
const STRING = { type: 'string' } as const;

/** Checks the output declared as `Outputs.<name>`. */
export function checkOutput(name: string, output: unknown, checker: Checker): void {
  const path = at('Outputs', name);
  if (!LOGICAL_ID.test(name)) checker.report(path, `output name "${name}" must be 1-255 letters and digits`);
  if (!isPlainObject(output)) {
    checker.report(path, `an output must be an object with a Value, got ${describeValue(output)}`);
    return;
  }
  for (const key of Object.keys(output)) {
    if (!OUTPUT_ATTRIBUTES.includes(key)) {
      checker.report(at(path, key), `"${key}" is not an output attribute${didYouMean(key, OUTPUT_ATTRIBUTES)}`);
    }
  }
  // Outputs are strings: a list or object Value is rejected by CloudFormation.
  if (output['Value'] === undefined) checker.report(at(path, 'Value'), 'an output needs a Value');
  else checkValue(output['Value'], STRING, at(path, 'Value'), checker);
  if (output['Description'] !== undefined && typeof output['Description'] !== 'string') {
    checker.report(at(path, 'Description'), `Description must be a string, got ${describeValue(output['Description'])}`);
  }
  if ('Condition' in output) checkConditionName(output['Condition'], at(path, 'Condition'), checker);
  if ('Export' in output) checkExport(output['Export'], at(path, 'Export'), checker);
}

function checkExport(exported: unknown, path: string, checker: Checker): void {
  if (!isPlainObject(exported)) {
    checker.report(path, `Export must be an object { Name }, got ${describeValue(exported)}`);
    return;
  }
  for (const key of Object.keys(exported)) {
    if (key !== 'Name') checker.report(at(path, key), `"${key}" is not an Export attribute; Export only takes Name`);
  }
  if (exported['Name'] === undefined) checker.report(at(path, 'Name'), 'an Export needs a Name');
  else checkValue(exported['Name'], STRING, at(path, 'Name'), checker);
}
