/**
 * @module
 * Checks the `Conditions` section, whose functions (Fn::Equals, Fn::And, ...) exist nowhere else.
 */
import { at, describeValue, isPlainObject, item } from './context.ts';
import type { Checker } from './context.ts';
import { checkConditionName, expectScalar } from './intrinsics.ts';

const CONDITION_FUNCTIONS = ['Fn::Equals', 'Fn::And', 'Fn::Or', 'Fn::Not', 'Condition'];

/** Checks the condition declared as `Conditions.<name>`. */
export function checkCondition(name: string, condition: unknown, checker: Checker): void {
  checker.inConditions = true;
  checkExpression(condition, at('Conditions', name), checker);
  checker.inConditions = false;
}

function checkExpression(value: unknown, path: string, checker: Checker): void {
  const fn = isPlainObject(value) && Object.keys(value).length === 1 ? Object.keys(value)[0]! : undefined;
  if (fn === undefined || !CONDITION_FUNCTIONS.includes(fn)) {
    checker.report(path, `a condition must be one of ${CONDITION_FUNCTIONS.join(', ')}, got ${fn ? `"${fn}"` : describeValue(value)}`);
    return;
  }
  const args = (value as Record<string, unknown>)[fn];
  const here = at(path, fn);
  switch (fn) {
    case 'Condition':
      checkConditionName(args, here, checker);
      return;
    case 'Fn::Equals':
      if (!Array.isArray(args) || args.length !== 2) {
        checker.report(here, 'Fn::Equals takes [value1, value2]');
        return;
      }
      args.forEach((arg, i) => expectScalar(arg, item(here, i), checker, 'an Fn::Equals operand'));
      return;
    case 'Fn::Not':
      if (!Array.isArray(args) || args.length !== 1) {
        checker.report(here, 'Fn::Not takes [condition]');
        return;
      }
      checkExpression(args[0], item(here, 0), checker);
      return;
    default:
      if (!Array.isArray(args) || args.length < 2 || args.length > 10) {
        checker.report(here, `${fn} takes a list of 2 to 10 conditions`);
        return;
      }
      args.forEach((arg, i) => checkExpression(arg, item(here, i), checker));
  }
}
