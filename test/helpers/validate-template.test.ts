import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { loadSpec, validateTemplate } from './validate-template.ts';
import type { PropertyType } from './validate-template/spec.ts';

// Templates are plain JSON that each test reshapes freely; typing them would only add casts.
type Template = any;

/** A small but realistic app: Lambda + IAM role + DynamoDB + SQS + HTTP API (API Gateway v2). */
function notesApp(): Template {
  return {
    AWSTemplateFormatVersion: '2010-09-09',
    Description: 'notes app (dev)',
    Parameters: {
      Stage: { Type: 'String', Default: 'dev', AllowedValues: ['dev', 'prod'] },
      SubnetIds: { Type: 'CommaDelimitedList', Default: 'subnet-1,subnet-2' },
    },
    Conditions: {
      IsProd: { 'Fn::Equals': [{ Ref: 'Stage' }, 'prod'] },
    },
    Resources: {
      NotesTable: {
        Type: 'AWS::DynamoDB::Table',
        DeletionPolicy: 'Retain',
        UpdateReplacePolicy: 'Retain',
        Properties: {
          BillingMode: 'PAY_PER_REQUEST',
          AttributeDefinitions: [
            { AttributeName: 'pk', AttributeType: 'S' },
            { AttributeName: 'sk', AttributeType: 'S' },
          ],
          KeySchema: [
            { AttributeName: 'pk', KeyType: 'HASH' },
            { AttributeName: 'sk', KeyType: 'RANGE' },
          ],
          StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: { 'Fn::If': ['IsProd', true, false] } },
          DeletionProtectionEnabled: { 'Fn::If': ['IsProd', 'true', { Ref: 'AWS::NoValue' }] },
          Tags: [{ Key: 'stage', Value: { Ref: 'Stage' } }],
        },
      },
      JobsDeadLetterQueue: {
        Type: 'AWS::SQS::Queue',
        Properties: { MessageRetentionPeriod: 1209600 },
      },
      JobsQueue: {
        Type: 'AWS::SQS::Queue',
        Properties: {
          VisibilityTimeout: '60',
          RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': ['JobsDeadLetterQueue', 'Arn'] }, maxReceiveCount: 3 },
        },
      },
      ApiHandlerRole: {
        Type: 'AWS::IAM::Role',
        Properties: {
          AssumeRolePolicyDocument: {
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
          },
          ManagedPolicyArns: [{ 'Fn::Sub': 'arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole' }],
          Policies: [
            {
              PolicyName: 'data',
              PolicyDocument: {
                Version: '2012-10-17',
                Statement: [
                  {
                    Effect: 'Allow',
                    Action: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query'],
                    Resource: [{ 'Fn::GetAtt': ['NotesTable', 'Arn'] }, { 'Fn::Sub': '${NotesTable.Arn}/index/*' }],
                  },
                  { Effect: 'Allow', Action: 'sqs:SendMessage', Resource: { 'Fn::GetAtt': 'JobsQueue.Arn' } },
                ],
              },
            },
          ],
        },
      },
      ApiHandler: {
        Type: 'AWS::Lambda::Function',
        DependsOn: ['ApiHandlerRole'],
        Properties: {
          Runtime: 'nodejs20.x',
          Handler: 'index.handler',
          Code: { ZipFile: 'exports.handler = async () => ({ statusCode: 200 })' },
          Role: { 'Fn::GetAtt': ['ApiHandlerRole', 'Arn'] },
          Timeout: 10,
          MemorySize: '1024',
          Architectures: ['arm64'],
          Environment: {
            Variables: {
              TABLE_NAME: { Ref: 'NotesTable' },
              QUEUE_URL: { Ref: 'JobsQueue' },
              STAGE: { Ref: 'Stage' },
              FIRST_SUBNET: { 'Fn::Select': [0, { Ref: 'SubnetIds' }] },
              ZONES: { 'Fn::Join': [',', { 'Fn::GetAZs': '' }] },
            },
          },
          VpcConfig: { SubnetIds: { Ref: 'SubnetIds' }, SecurityGroupIds: { 'Fn::Split': [',', 'sg-1,sg-2'] } },
          TracingConfig: { Mode: 'Active' },
        },
      },
      HttpApi: {
        Type: 'AWS::ApiGatewayV2::Api',
        Properties: {
          Name: { 'Fn::Sub': ['notes-${Stage}-${Suffix}', { Suffix: { Ref: 'AWS::Region' } }] },
          ProtocolType: 'HTTP',
          CorsConfiguration: { AllowOrigins: ['*'], AllowMethods: ['GET', 'POST'], MaxAge: 600 },
        },
      },
      HttpApiIntegration: {
        Type: 'AWS::ApiGatewayV2::Integration',
        Properties: {
          ApiId: { Ref: 'HttpApi' },
          IntegrationType: 'AWS_PROXY',
          IntegrationUri: { 'Fn::GetAtt': ['ApiHandler', 'Arn'] },
          PayloadFormatVersion: '2.0',
        },
      },
      HttpApiRouteGetNotes: {
        Type: 'AWS::ApiGatewayV2::Route',
        Properties: {
          ApiId: { Ref: 'HttpApi' },
          RouteKey: 'GET /notes',
          Target: { 'Fn::Join': ['/', ['integrations', { Ref: 'HttpApiIntegration' }]] },
        },
      },
      HttpApiStage: {
        Type: 'AWS::ApiGatewayV2::Stage',
        Properties: { ApiId: { Ref: 'HttpApi' }, StageName: '$default', AutoDeploy: true },
      },
      ApiHandlerInvokePermission: {
        Type: 'AWS::Lambda::Permission',
        Properties: {
          Action: 'lambda:InvokeFunction',
          FunctionName: { Ref: 'ApiHandler' },
          Principal: 'apigateway.amazonaws.com',
          SourceArn: { 'Fn::Sub': 'arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${HttpApi}/*/*' },
        },
      },
      JobsConsumer: {
        Type: 'AWS::Lambda::EventSourceMapping',
        Properties: {
          EventSourceArn: { 'Fn::GetAtt': ['JobsQueue', 'Arn'] },
          FunctionName: { Ref: 'ApiHandler' },
          BatchSize: 10,
          Enabled: 'true',
        },
      },
    },
    Outputs: {
      ApiUrl: {
        Value: { 'Fn::GetAtt': ['HttpApi', 'ApiEndpoint'] },
        Export: { Name: { 'Fn::Sub': '${AWS::StackName}-ApiUrl' } },
      },
      TableName: { Value: { Ref: 'NotesTable' }, Condition: 'IsProd' },
    },
  };
}

/** The problems in the notes app after `change` breaks it. */
function problemsAfter(change: (template: Template) => void): ReturnType<typeof validateTemplate> {
  const template = notesApp();
  change(template);
  return validateTemplate(template);
}

/** A template holding just `resources`. */
function withResources(resources: Record<string, unknown>, extra: Record<string, unknown> = {}): Template {
  return { Resources: resources, ...extra };
}

/**
 * A value of `type` built from the schema alone; `variant` picks different union members so
 * that, across resource types, every kind of member gets exercised.
 */
function sampleValue(type: PropertyType, variant: number, depth: number): unknown {
  switch (type.type) {
    case 'string':
      return type.allowedValues?.[0] ?? 'x';
    case 'integer':
      return type.allowedValues?.[0] ?? 1;
    case 'number':
      return 1.5;
    case 'boolean':
      return true;
    case 'json':
      return { any: ['thing'] };
    case 'date-time':
      return '2020-01-01T00:00:00Z';
    case 'null':
      return null;
    case 'tag':
      return { Key: 'k', Value: 'v' };
    case 'array':
      return [sampleValue(type.element, variant, depth)];
    case 'map':
      return { key: sampleValue(type.element, variant, depth) };
    case 'union':
      return sampleValue(type.types[variant % type.types.length]!, variant, depth);
    case 'ref':
      return sampleObject(loadSpec().get('typeDefinition', type.reference).properties, variant, depth + 1);
  }
}

/** Every required property, plus the optional ones near the top (deeper ones could recurse forever). */
function sampleObject(properties: Record<string, { type: PropertyType; required?: boolean }>, variant: number, depth: number): unknown {
  return Object.fromEntries(
    Object.entries(properties)
      .filter(([, property]) => property.required || depth < 2)
      .map(([name, property]) => [name, sampleValue(property.type, variant, depth)]),
  );
}

describe('validateTemplate', () => {
  test('loads the schema database once and reuses it', () => {
    const started = performance.now();
    const first = loadSpec();
    const loadMs = performance.now() - started;
    assert.equal(loadSpec(), first);
    // Loading takes ~300 ms; a generous bound still catches an accidental reload per call.
    assert.ok(loadMs < 5000, `loading took ${loadMs} ms`);
  });

  test('accepts a valid app: Lambda, IAM role, DynamoDB table, SQS queues, HTTP API', () => {
    assert.deepEqual(validateTemplate(notesApp()), []);
  });

  test('accepts a schema-shaped value for every resource type AWS publishes', () => {
    const rejected = loadSpec()
      .all('resource')
      .map((resource, variant) => {
        const template: Template = {
          Resources: { R: { Type: resource.cloudFormationType, Properties: sampleObject(resource.properties, variant, 0) } },
        };
        if (resource.cloudFormationTransform) template.Transform = resource.cloudFormationTransform;
        return { type: resource.cloudFormationType, problems: validateTemplate(template) };
      })
      .filter(({ problems }) => problems.length > 0);
    assert.deepEqual(rejected, []);
  });

  describe('template sections', () => {
    test('rejects a template that is not an object', () => {
      assert.deepEqual(validateTemplate([]), [{ path: '', message: 'a template must be a JSON object, got an array' }]);
    });

    test('rejects unknown sections, a bad format version and missing Resources', () => {
      assert.deepEqual(validateTemplate({ AWSTemplateFormatVersion: '2010-09-10', Resource: {} }), [
        {
          path: 'Resource',
          message:
            'unknown top-level section "Resource" (did you mean "Resources"?); allowed: AWSTemplateFormatVersion, Description, Metadata, Parameters, Mappings, Conditions, Transform, Rules, Resources, Outputs',
        },
        { path: 'AWSTemplateFormatVersion', message: 'AWSTemplateFormatVersion must be "2010-09-09", got the string "2010-09-10"' },
        { path: 'Resources', message: 'a template needs a Resources section' },
      ]);
    });

    test('rejects an empty Resources section', () => {
      assert.deepEqual(validateTemplate({ Resources: {} }), [
        { path: 'Resources', message: 'Resources must be an object declaring at least one resource' },
      ]);
    });
  });

  describe('resources', () => {
    test('reports an unknown resource type with the closest real one', () => {
      assert.deepEqual(problemsAfter((t) => (t.Resources.JobsQueue.Type = 'AWS::SQS::Queeu')), [
        { path: 'Resources.JobsQueue.Type', message: 'unknown resource type "AWS::SQS::Queeu" (did you mean "AWS::SQS::Queue"?)' },
      ]);
    });

    test('reports a missing Type and an invalid logical ID', () => {
      assert.deepEqual(validateTemplate(withResources({ 'Jobs-Queue': { Properties: {} } })), [
        { path: 'Resources.Jobs-Queue', message: 'logical ID "Jobs-Queue" must be 1-255 letters and digits' },
        { path: 'Resources.Jobs-Queue.Type', message: 'a resource needs a Type' },
      ]);
    });

    test('reports unknown resource attributes', () => {
      assert.deepEqual(
        problemsAfter((t) => {
          t.Resources.JobsQueue.Propertes = t.Resources.JobsQueue.Properties;
          delete t.Resources.JobsQueue.Properties;
        }),
        [
          {
            path: 'Resources.JobsQueue.Propertes',
            message:
              '"Propertes" is not a resource attribute (did you mean "Properties"?); allowed: Type, Properties, DependsOn, DeletionPolicy, UpdateReplacePolicy, Condition, Metadata, CreationPolicy, UpdatePolicy',
          },
        ],
      );
    });

    test('checks DeletionPolicy and UpdateReplacePolicy values', () => {
      assert.deepEqual(
        problemsAfter((t) => {
          t.Resources.NotesTable.DeletionPolicy = 'Retian';
          t.Resources.JobsQueue.DeletionPolicy = 'RetainExceptOnCreate';
          t.Resources.JobsQueue.UpdateReplacePolicy = 'RetainExceptOnCreate';
        }),
        [
          {
            path: 'Resources.NotesTable.DeletionPolicy',
            message: 'DeletionPolicy must be one of Delete, Retain, Snapshot, RetainExceptOnCreate, got the string "Retian" (did you mean "Retain"?)',
          },
          {
            path: 'Resources.JobsQueue.UpdateReplacePolicy',
            message: 'UpdateReplacePolicy must be one of Delete, Retain, Snapshot, got the string "RetainExceptOnCreate"',
          },
        ],
      );
    });

    test('reports DependsOn targets that do not exist, as a string or in a list', () => {
      assert.deepEqual(
        problemsAfter((t) => {
          t.Resources.ApiHandler.DependsOn = ['ApiHandlerRole', 'ApiHandlerRol'];
          t.Resources.HttpApiStage.DependsOn = 'HttpApiRoute';
        }),
        [
          {
            path: 'Resources.ApiHandler.DependsOn[1]',
            message: 'DependsOn: "ApiHandlerRol" is not a resource of this template (did you mean "ApiHandlerRole"?)',
          },
          { path: 'Resources.HttpApiStage.DependsOn', message: 'DependsOn: "HttpApiRoute" is not a resource of this template' },
        ],
      );
    });

    test('reports unknown condition names on resources, outputs and Fn::If', () => {
      assert.deepEqual(
        problemsAfter((t) => {
          t.Resources.NotesTable.Condition = 'IsPrd';
          t.Outputs.TableName.Condition = 'IsStaging';
          t.Resources.ApiHandler.Properties.Timeout = { 'Fn::If': ['IsBig', 30, 10] };
        }),
        [
          { path: 'Resources.NotesTable.Condition', message: '"IsPrd" is not a condition of this template (did you mean "IsProd"?)' },
          { path: 'Resources.ApiHandler.Properties.Timeout.Fn::If[0]', message: '"IsBig" is not a condition of this template' },
          { path: 'Outputs.TableName.Condition', message: '"IsStaging" is not a condition of this template' },
        ],
      );
    });

    test('reports circular dependencies with one concrete cycle', () => {
      assert.deepEqual(
        problemsAfter((t) => (t.Resources.ApiHandlerRole.Properties.Description = { 'Fn::Sub': 'role of ${ApiHandler}' })),
        [{ path: 'Resources.ApiHandlerRole', message: 'circular dependency: ApiHandlerRole -> ApiHandler -> ApiHandlerRole' }],
      );
    });

    test('requires the transform of transform-expanded (SAM) resource types', () => {
      const sam = { Fn: { Type: 'AWS::Serverless::Function', Properties: { Handler: 'index.handler' } } };
      assert.deepEqual(validateTemplate(withResources(sam)), [
        { path: 'Resources.Fn.Type', message: 'AWS::Serverless::Function needs "Transform": "AWS::Serverless-2016-10-31" in the template' },
      ]);
      assert.deepEqual(validateTemplate(withResources(sam, { Transform: 'AWS::Serverless-2016-10-31' })), []);
    });
  });

  describe('custom resources', () => {
    test('accept any properties and attributes but need a ServiceToken', () => {
      const template = withResources({
        Seed: {
          Type: 'Custom::SeedTable',
          Properties: { ServiceToken: { 'Fn::GetAtt': ['Seeder', 'Arn'] }, Rows: [{ id: 1 }], Anything: 'goes' },
        },
        Legacy: { Type: 'AWS::CloudFormation::CustomResource', Properties: { ServiceToken: 'arn:aws:lambda:x', Size: 3 } },
        Seeder: {
          Type: 'AWS::Lambda::Function',
          Properties: {
            Code: { ZipFile: 'x' },
            Role: 'arn:aws:iam::123456789012:role/x',
            Environment: { Variables: { SEEDED: { 'Fn::GetAtt': ['Legacy', 'Whatever.You.Like'] } } },
          },
        },
        Broken: { Type: 'Custom::Broken', Properties: { Table: { Ref: 'Tabel' } } },
      });
      assert.deepEqual(validateTemplate(template), [
        {
          path: 'Resources.Broken.Properties.ServiceToken',
          message: 'Custom::Broken requires property "ServiceToken" (the provider\'s Lambda or SNS topic ARN), which is missing',
        },
        { path: 'Resources.Broken.Properties.Table.Ref', message: 'Ref: "Tabel" is not a resource, parameter or pseudo parameter of this template' },
      ]);
    });
  });

  describe('properties', () => {
    test('reports a misspelt property with the name it was meant to be', () => {
      assert.deepEqual(problemsAfter((t) => (t.Resources.ApiHandler.Properties.Runtim = 'nodejs22.x')), [
        { path: 'Resources.ApiHandler.Properties.Runtim', message: 'AWS::Lambda::Function has no property "Runtim" (did you mean "Runtime"?)' },
      ]);
    });

    test('reports a misspelt nested property once, at its exact path', () => {
      assert.deepEqual(
        problemsAfter((t) => (t.Resources.NotesTable.Properties.KeySchema[0] = { AttributName: 'pk', KeyType: 'HASH' })),
        [
          {
            path: 'Resources.NotesTable.Properties.KeySchema[0].AttributName',
            message: 'AWS::DynamoDB::Table.KeySchema has no property "AttributName" (did you mean "AttributeName"?)',
          },
        ],
      );
    });

    test('reports unknown properties two levels down', () => {
      assert.deepEqual(
        problemsAfter((t) => (t.Resources.ApiHandlerRole.Properties.Policies[0].PolicyDocuments = {})),
        [
          {
            path: 'Resources.ApiHandlerRole.Properties.Policies[0].PolicyDocuments',
            message: 'AWS::IAM::Role.Policy has no property "PolicyDocuments" (did you mean "PolicyDocument"?)',
          },
        ],
      );
    });

    test('reports missing required properties, top-level and nested', () => {
      assert.deepEqual(
        problemsAfter((t) => {
          delete t.Resources.ApiHandler.Properties.Role;
          delete t.Resources.NotesTable.Properties.AttributeDefinitions[1].AttributeType;
        }),
        [
          {
            path: 'Resources.NotesTable.Properties.AttributeDefinitions[1].AttributeType',
            message: 'AWS::DynamoDB::Table.AttributeDefinition requires property "AttributeType", which is missing',
          },
          { path: 'Resources.ApiHandler.Properties.Role', message: 'AWS::Lambda::Function requires property "Role", which is missing' },
        ],
      );
    });

    test('reports required properties when Properties is absent', () => {
      assert.deepEqual(validateTemplate(withResources({ Route: { Type: 'AWS::ApiGatewayV2::Route' } })), [
        { path: 'Resources.Route.Properties.RouteKey', message: 'AWS::ApiGatewayV2::Route requires property "RouteKey", which is missing' },
        { path: 'Resources.Route.Properties.ApiId', message: 'AWS::ApiGatewayV2::Route requires property "ApiId", which is missing' },
      ]);
    });

    test('reports values of the wrong primitive type', () => {
      assert.deepEqual(
        problemsAfter((t) => {
          t.Resources.ApiHandler.Properties.Timeout = 'ten';
          t.Resources.ApiHandler.Properties.MemorySize = 512.5;
          t.Resources.ApiHandler.Properties.Handler = { file: 'index' };
          t.Resources.ApiHandler.Properties.Architectures = 'arm64';
          t.Resources.HttpApiStage.Properties.AutoDeploy = 'yes';
          t.Resources.NotesTable.Properties.Tags = [{ Key: 'stage' }];
        }),
        [
          { path: 'Resources.NotesTable.Properties.Tags[0].Value', message: 'Tag requires property "Value", which is missing' },
          { path: 'Resources.ApiHandler.Properties.Handler', message: 'expected a string, got an object' },
          { path: 'Resources.ApiHandler.Properties.Timeout', message: 'expected an integer, got the string "ten"' },
          { path: 'Resources.ApiHandler.Properties.MemorySize', message: 'expected an integer, got the number 512.5' },
          { path: 'Resources.ApiHandler.Properties.Architectures', message: 'expected a list, got the string "arm64"' },
          { path: 'Resources.HttpApiStage.Properties.AutoDeploy', message: 'expected a boolean, got the string "yes"' },
        ],
      );
    });

    test('accepts the conversions CloudFormation makes: numeric strings, "true"/"false", numbers as strings', () => {
      assert.deepEqual(
        problemsAfter((t) => {
          t.Resources.ApiHandler.Properties.Timeout = '30';
          t.Resources.HttpApiStage.Properties.AutoDeploy = 'false';
          t.Resources.HttpApiIntegration.Properties.PayloadFormatVersion = 2.0;
          t.Resources.HttpApiIntegration.Properties.TimeoutInMillis = 29000;
        }),
        [],
      );
    });

    test('checks the allowed values the schemas list', () => {
      assert.deepEqual(problemsAfter((t) => (t.Resources.ApiHandler.Properties.PackageType = 'zip')), [
        { path: 'Resources.ApiHandler.Properties.PackageType', message: 'the string "zip" is not one of the allowed values Image, Zip' },
      ]);
    });

    test('checks both branches of Fn::If and skips AWS::NoValue', () => {
      assert.deepEqual(
        problemsAfter((t) => {
          t.Resources.ApiHandler.Properties.MemorySize = { 'Fn::If': ['IsProd', 2048, 'lots'] };
          t.Resources.ApiHandler.Properties.Architectures = ['arm64', { 'Fn::If': ['IsProd', { Ref: 'AWS::NoValue' }, 'x86_64'] }];
        }),
        [{ path: 'Resources.ApiHandler.Properties.MemorySize.Fn::If[2]', message: 'expected an integer, got the string "lots"' }],
      );
    });

    test('accepts Fn::If choosing between whole property sets', () => {
      const template = withResources(
        {
          Queue: {
            Type: 'AWS::SQS::Queue',
            Properties: { 'Fn::If': ['IsProd', { DelaySeconds: 5 }, { DelaySecond: 0 }] },
          },
        },
        { Conditions: { IsProd: { 'Fn::Equals': ['a', 'b'] } } },
      );
      assert.deepEqual(validateTemplate(template), [
        { path: 'Resources.Queue.Properties.Fn::If[2].DelaySecond', message: 'AWS::SQS::Queue has no property "DelaySecond" (did you mean "DelaySeconds"?)' },
      ]);
    });
  });

  describe('intrinsic functions', () => {
    test('reports a Ref to a resource or parameter that does not exist', () => {
      assert.deepEqual(
        problemsAfter((t) => {
          t.Resources.HttpApiStage.Properties.ApiId = { Ref: 'HttpAPI' };
          t.Resources.HttpApiRouteGetNotes.Properties.ApiId = { Ref: 'AWS::Regoin' };
        }),
        [
          {
            path: 'Resources.HttpApiRouteGetNotes.Properties.ApiId.Ref',
            message: 'Ref: "AWS::Regoin" is not a pseudo parameter of this template (did you mean "AWS::Region"?)',
          },
          {
            path: 'Resources.HttpApiStage.Properties.ApiId.Ref',
            message: 'Ref: "HttpAPI" is not a resource, parameter or pseudo parameter of this template (did you mean "HttpApi"?)',
          },
        ],
      );
    });

    test('reports a Fn::GetAtt attribute the resource type does not have', () => {
      assert.deepEqual(
        problemsAfter((t) => {
          t.Resources.ApiHandler.Properties.Role = { 'Fn::GetAtt': ['ApiHandlerRole', 'Arnn'] };
          t.Resources.ApiHandlerRole.Properties.Policies[0].PolicyDocument.Statement[1].Resource = { 'Fn::GetAtt': 'JobsQueue.Url' };
        }),
        [
          {
            path: 'Resources.ApiHandlerRole.Properties.Policies[0].PolicyDocument.Statement[1].Resource.Fn::GetAtt',
            message: 'Fn::GetAtt: AWS::SQS::Queue "JobsQueue" has no attribute "Url"; its attributes are Arn, QueueName, QueueUrl',
          },
          {
            path: 'Resources.ApiHandler.Properties.Role.Fn::GetAtt',
            message: 'Fn::GetAtt: AWS::IAM::Role "ApiHandlerRole" has no attribute "Arnn" (did you mean "Arn"?); its attributes are Arn, RoleId',
          },
        ],
      );
    });

    test('reports a Fn::GetAtt on a missing resource or on a parameter', () => {
      assert.deepEqual(
        problemsAfter((t) => {
          t.Resources.JobsConsumer.Properties.EventSourceArn = { 'Fn::GetAtt': ['JobQueue', 'Arn'] };
          t.Resources.HttpApiIntegration.Properties.IntegrationUri = { 'Fn::GetAtt': ['Stage', 'Arn'] };
        }),
        [
          { path: 'Resources.HttpApiIntegration.Properties.IntegrationUri.Fn::GetAtt', message: 'Fn::GetAtt: "Stage" is not a resource of this template (it is a parameter: use Ref)' },
          { path: 'Resources.JobsConsumer.Properties.EventSourceArn.Fn::GetAtt', message: 'Fn::GetAtt: "JobQueue" is not a resource of this template (did you mean "JobsQueue"?)' },
        ],
      );
    });

    test('accepts dotted attributes the schema lists, and nested stack outputs', () => {
      const template = withResources({
        Db: { Type: 'AWS::RDS::DBInstance', Properties: { DBInstanceClass: 'db.t4g.micro', Engine: 'postgres' } },
        Nested: { Type: 'AWS::CloudFormation::Stack', Properties: { TemplateURL: 'https://example.com/t.json' } },
        Param: {
          Type: 'AWS::SSM::Parameter',
          Properties: {
            Type: 'String',
            Value: { 'Fn::Sub': '${Db.Endpoint.Address}:${Db.Endpoint.Port}/${Nested.Outputs.DatabaseName}' },
            Description: { 'Fn::GetAtt': ['Db', 'Endpoint.Adress'] },
          },
        },
      });
      assert.deepEqual(validateTemplate(template), [
        {
          path: 'Resources.Param.Properties.Description.Fn::GetAtt',
          message: 'Fn::GetAtt: AWS::RDS::DBInstance "Db" has no attribute "Endpoint.Adress" (did you mean "Endpoint.Address"?)',
        },
      ]);
    });

    test('reports bad Fn::Sub references but skips ${!Literal} and its own variables', () => {
      assert.deepEqual(
        problemsAfter((t) => {
          t.Resources.ApiHandlerRole.Properties.Policies[0].PolicyDocument.Statement[0].Resource[1] = { 'Fn::Sub': '${NotesTabel.Arn}/index/*' };
          t.Resources.HttpApi.Properties.Name = { 'Fn::Sub': ['${Stge}-${Suffix}-${!Literal}', { Suffix: 'x' }] };
          t.Resources.HttpApi.Properties.Description = { 'Fn::Sub': '${NotesTable.StreamArns}' };
        }),
        [
          {
            path: 'Resources.ApiHandlerRole.Properties.Policies[0].PolicyDocument.Statement[0].Resource[1].Fn::Sub',
            message: 'Fn::Sub reference ${NotesTabel.Arn}: "NotesTabel" is not a resource of this template (did you mean "NotesTable"?)',
          },
          {
            path: 'Resources.HttpApi.Properties.Name.Fn::Sub[0]',
            message: 'Fn::Sub reference ${Stge}: "Stge" is not a resource, parameter or pseudo parameter of this template (did you mean "Stage"?)',
          },
          {
            path: 'Resources.HttpApi.Properties.Description.Fn::Sub',
            message:
              'Fn::Sub reference ${NotesTable.StreamArns}: AWS::DynamoDB::Table "NotesTable" has no attribute "StreamArns" (did you mean "StreamArn"?); its attributes are Arn, StreamArn',
          },
        ],
      );
    });

    test('reports a list where a single value goes, and the reverse', () => {
      assert.deepEqual(
        problemsAfter((t) => {
          t.Resources.ApiHandler.Properties.Handler = { Ref: 'SubnetIds' };
          t.Resources.ApiHandler.Properties.Description = { 'Fn::GetAZs': { Ref: 'AWS::Region' } };
          t.Resources.ApiHandler.Properties.Architectures = { 'Fn::Sub': 'arm64' };
          t.Resources.HttpApiRouteGetNotes.Properties.Target = { 'Fn::Join': ['/', { Ref: 'HttpApiIntegration' }] };
        }),
        [
          { path: 'Resources.ApiHandler.Properties.Handler', message: 'Ref yields a list, but a string is expected' },
          { path: 'Resources.ApiHandler.Properties.Architectures', message: 'Fn::Sub yields a single value, but a list is expected' },
          { path: 'Resources.ApiHandler.Properties.Description', message: 'Fn::GetAZs yields a list, but a string is expected' },
          { path: 'Resources.HttpApiRouteGetNotes.Properties.Target.Fn::Join[1]', message: 'Fn::Join needs a list here, but Ref yields a single value' },
        ],
      );
    });

    test('reports unknown and malformed intrinsic functions', () => {
      assert.deepEqual(
        problemsAfter((t) => {
          t.Resources.ApiHandler.Properties.Role = { 'Fn::GetAttr': ['ApiHandlerRole', 'Arn'] };
          t.Resources.ApiHandler.Properties.Description = { 'Fn::Join': [['a', 'b']] };
          t.Resources.ApiHandler.Properties.FunctionName = { 'Fn::Length': [1, 2] };
        }),
        [
          { path: 'Resources.ApiHandler.Properties.Role.Fn::GetAttr', message: 'unknown intrinsic function "Fn::GetAttr" (did you mean "Fn::GetAtt"?)' },
          { path: 'Resources.ApiHandler.Properties.Description.Fn::Join', message: 'Fn::Join takes [delimiter, [values...]]' },
          { path: 'Resources.ApiHandler.Properties.FunctionName.Fn::Length', message: 'Fn::Length needs "Transform": "AWS::LanguageExtensions" in the template' },
        ],
      );
    });

    test('checks Fn::FindInMap against the Mappings section', () => {
      assert.deepEqual(
        problemsAfter((t) => {
          t.Mappings = { Sizes: { dev: { Memory: 512 }, prod: { Memory: 2048 } } };
          t.Resources.ApiHandler.Properties.MemorySize = { 'Fn::FindInMap': ['Sizes', { Ref: 'Stage' }, 'Memory'] };
          t.Resources.ApiHandler.Properties.Timeout = { 'Fn::FindInMap': ['Sizes', 'dev', 'Timeout'] };
          t.Resources.JobsConsumer.Properties.BatchSize = { 'Fn::FindInMap': ['Size', 'dev', 'Memory'] };
        }),
        [
          { path: 'Resources.ApiHandler.Properties.Timeout.Fn::FindInMap[2]', message: 'mapping "Sizes.dev" has no key "Timeout"' },
          { path: 'Resources.JobsConsumer.Properties.BatchSize.Fn::FindInMap[0]', message: '"Size" is not a mapping of this template (did you mean "Sizes"?)' },
        ],
      );
    });
  });

  describe('parameters, conditions and outputs', () => {
    test('checks parameter types and defaults', () => {
      assert.deepEqual(
        problemsAfter((t) => {
          t.Parameters.Stage.Type = 'Strin';
          t.Parameters.Memory = { Type: 'Number', Default: 'lots' };
          t.Parameters.Image = { Type: 'AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>', Default: '/aws/ami' };
        }),
        [
          { path: 'Parameters.Stage.Type', message: '"Strin" is not a parameter type (did you mean "String"?)' },
          { path: 'Parameters.Memory.Default', message: 'Default the string "lots" is not a Number' },
        ],
      );
    });

    test('conditions may only refer to parameters', () => {
      assert.deepEqual(
        problemsAfter((t) => {
          t.Conditions.HasTable = { 'Fn::Not': [{ 'Fn::Equals': [{ Ref: 'NotesTable' }, ''] }] };
          t.Conditions.Weird = { 'Fn::If': ['IsProd', 'a', 'b'] };
        }),
        [
          {
            path: 'Conditions.HasTable.Fn::Not[0].Fn::Equals[0].Ref',
            message: 'Ref: conditions may only refer to parameters and pseudo parameters, not to resource "NotesTable"',
          },
          { path: 'Conditions.Weird', message: 'a condition must be one of Fn::Equals, Fn::And, Fn::Or, Fn::Not, Condition, got "Fn::If"' },
        ],
      );
    });

    test('outputs need a string Value, and an Export needs a Name', () => {
      assert.deepEqual(
        problemsAfter((t) => {
          t.Outputs.ApiUrl.Export = {};
          t.Outputs.Zones = { Value: { 'Fn::GetAZs': '' } };
          t.Outputs.Nothing = { Description: 'no value' };
        }),
        [
          { path: 'Outputs.ApiUrl.Export.Name', message: 'an Export needs a Name' },
          { path: 'Outputs.Zones.Value', message: 'Fn::GetAZs yields a list, but a string is expected' },
          { path: 'Outputs.Nothing.Value', message: 'an output needs a Value' },
        ],
      );
    });

    test('outputs referencing missing resources are reported', () => {
      assert.deepEqual(problemsAfter((t) => (t.Outputs.TableName.Value = { Ref: 'NoteTable' })), [
        { path: 'Outputs.TableName.Value.Ref', message: 'Ref: "NoteTable" is not a resource, parameter or pseudo parameter of this template (did you mean "NotesTable"?)' },
      ]);
    });
  });
});
