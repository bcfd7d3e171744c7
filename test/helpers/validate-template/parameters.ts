/**
 * @module
 * Checks the `Parameters` section: parameter types, attributes and defaults.
 */
import { at, describeValue, isPlainObject } from './context.ts';
import type { Checker } from './context.ts';
import { didYouMean } from './suggest.ts';

const PARAMETER_ATTRIBUTES = [
  'Type',
  'Default',
  'Description',
  'AllowedValues',
  'AllowedPattern',
  'MinLength',
  'MaxLength',
  'MinValue',
  'MaxValue',
  'ConstraintDescription',
  'NoEcho',
];

/** AWS-specific parameter types, which CloudFormation checks against the account's resources. */
const AWS_PARAMETER_TYPES = [
  'AWS::EC2::AvailabilityZone::Name',
  'AWS::EC2::Image::Id',
  'AWS::EC2::Instance::Id',
  'AWS::EC2::KeyPair::KeyName',
  'AWS::EC2::SecurityGroup::GroupName',
  'AWS::EC2::SecurityGroup::Id',
  'AWS::EC2::Subnet::Id',
  'AWS::EC2::Volume::Id',
  'AWS::EC2::VPC::Id',
  'AWS::Route53::HostedZone::Id',
];

const PLAIN_PARAMETER_TYPES = ['String', 'Number', 'List<Number>', 'CommaDelimitedList', ...AWS_PARAMETER_TYPES, ...AWS_PARAMETER_TYPES.map((t) => `List<${t}>`)];

/** Whether CloudFormation accepts `type` as a parameter Type. */
export function isParameterType(type: string): boolean {
  if (PLAIN_PARAMETER_TYPES.includes(type) || type === 'AWS::SSM::Parameter::Name') return true;
  const ssm = /^AWS::SSM::Parameter::Value<(.+)>$/.exec(type)?.[1];
  return ssm !== undefined && (ssm === 'String' || ssm === 'List<String>' || PLAIN_PARAMETER_TYPES.includes(ssm));
}

/** Checks the parameter declared as `Parameters.<name>`. */
export function checkParameter(name: string, parameter: unknown, checker: Checker): void {
  const path = at('Parameters', name);
  if (!isPlainObject(parameter)) {
    checker.report(path, `a parameter must be an object with a Type, got ${describeValue(parameter)}`);
    return;
  }
  for (const key of Object.keys(parameter)) {
    if (!PARAMETER_ATTRIBUTES.includes(key)) {
      checker.report(at(path, key), `"${key}" is not a parameter attribute${didYouMean(key, PARAMETER_ATTRIBUTES)}`);
    }
  }
  const type = parameter['Type'];
  if (typeof type !== 'string') {
    checker.report(at(path, 'Type'), type === undefined ? 'a parameter needs a Type' : `Type must be a string, got ${describeValue(type)}`);
    return;
  }
  if (!isParameterType(type)) {
    checker.report(at(path, 'Type'), `"${type}" is not a parameter type${didYouMean(type, PLAIN_PARAMETER_TYPES)}`);
    return;
  }
  const defaultValue = parameter['Default'];
  if (defaultValue === undefined) return;
  if (typeof defaultValue !== 'string' && typeof defaultValue !== 'number') {
    checker.report(at(path, 'Default'), `Default must be a string or number, got ${describeValue(defaultValue)}`);
    return;
  }
  const numbers = type === 'Number' ? [String(defaultValue)] : type === 'List<Number>' ? String(defaultValue).split(',') : [];
  if (numbers.some((n) => n.trim() === '' || Number.isNaN(Number(n)))) {
    checker.report(at(path, 'Default'), `Default ${describeValue(defaultValue)} is not a ${type}`);
  }
  const allowed = parameter['AllowedValues'];
  if (Array.isArray(allowed) && type !== 'CommaDelimitedList' && !type.startsWith('List<') && !allowed.map(String).includes(String(defaultValue))) {
    checker.report(at(path, 'Default'), `Default ${describeValue(defaultValue)} is not one of its AllowedValues`);
  }
}
