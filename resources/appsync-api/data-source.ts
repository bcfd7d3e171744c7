/**
 * One AppSync data source: the `AWS::AppSync::DataSource` and, for data sources that reach AWS
 * resources, the service role AppSync assumes, allowed exactly what that data source needs
 * (invoke that one function, read and write that one table, the Data API of that one cluster).
 * The role's policy is inline, so a data source costs two resources, not three.
 * @module
 */
import { CfnResource, Construct, type Value } from "../../compiler/index.ts"
import type { Function } from "../Function.ts"
import { grantStatement } from "../function/grants.ts"
import type { PolicyStatementJson } from "../function/permissions.ts"

/** What a data source points at, after its props were read. */
export type DataSourceTarget =
  | { type: "function"; fn: Function }
  | { type: "dynamodb"; tableName: string; tableArn: string }
  | { type: "rds"; clusterArn: string; secretArn: string; databaseName?: string }
  | { type: "http"; endpoint: string; iam?: { signingRegion: string; signingServiceName: string } }
  | { type: "none" }

export interface DataSourceSpec {
  /** The key in `dataSources`; names the construct path. */
  key: string
  /** The name in AppSync. */
  name: string
  description?: string
  target: DataSourceTarget
}

const CFN_TYPES = { function: "AWS_LAMBDA", dynamodb: "AMAZON_DYNAMODB", rds: "RELATIONAL_DATABASE", http: "HTTP", none: "NONE" } as const

/** Data API actions the CDK grants an AppSync RDS data source (`RdsDataSource`). */
const RDS_DATA_ACTIONS = ["rds-data:BatchExecuteStatement", "rds-data:BeginTransaction", "rds-data:CommitTransaction", "rds-data:ExecuteStatement", "rds-data:RollbackTransaction"]
const SECRET_READ_ACTIONS = ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"]

/**
 * The target of a data source other than a function, from its checked props; the name of the
 * missing prop ("table", "rds") when there is none.
 */
export function targetOf(type: Exclude<DataSourceTarget["type"], "function">, props: Record<string, unknown>): DataSourceTarget | "table" | "rds" {
  switch (type) {
    case "dynamodb": {
      const p = props as { table?: { tableName: string; tableArn: string }; cdk?: { dataSource?: { table: { tableName: string; tableArn: string } } } }
      const table = p.table ?? p.cdk?.dataSource?.table
      return table ? { type, tableName: table.tableName, tableArn: table.tableArn } : "table"
    }
    case "rds": {
      const p = props as { rds?: { clusterArn: string; secretArn: string; defaultDatabaseName?: string }; databaseName?: string; cdk?: { dataSource?: { serverlessCluster: { clusterArn: string }; secretStore: { secretArn: string }; databaseName?: string } } }
      const cdk = p.cdk?.dataSource
      if (p.rds) return { type, clusterArn: p.rds.clusterArn, secretArn: p.rds.secretArn, databaseName: p.databaseName ?? p.rds.defaultDatabaseName }
      if (cdk) return { type, clusterArn: cdk.serverlessCluster.clusterArn, secretArn: cdk.secretStore.secretArn, databaseName: p.databaseName ?? cdk.databaseName }
      return "rds"
    }
    case "http": {
      const p = props as { endpoint: string; cdk?: { dataSource?: { authorizationConfig?: { signingRegion: string; signingServiceName: string } } } }
      return { type, endpoint: p.endpoint, iam: p.cdk?.dataSource?.authorizationConfig }
    }
    case "none":
      return { type }
  }
}

/** Creates the data source under `scope` (id `DataSource_<key>`); returns its resource. */
export function createDataSource(scope: Construct, apiId: string, region: string, spec: DataSourceSpec): CfnResource {
  const group = new Construct(scope, `DataSource_${spec.key}`)
  const statements = accessStatements(spec.target)
  const needsRole = statements.length > 0 || (spec.target.type === "http" && spec.target.iam !== undefined)
  const role = needsRole ? createServiceRole(group, statements) : undefined
  return new CfnResource(group, "Resource", {
    type: "AWS::AppSync::DataSource",
    properties: {
      ApiId: apiId,
      Name: spec.name,
      Description: spec.description,
      Type: CFN_TYPES[spec.target.type],
      ServiceRoleArn: role?.getAtt("Arn"),
      ...targetConfig(spec.target, region),
    },
  })
}

function targetConfig(target: DataSourceTarget, region: string): Record<string, unknown> {
  switch (target.type) {
    case "function":
      return { LambdaConfig: { LambdaFunctionArn: target.fn.functionArn } }
    case "dynamodb":
      return { DynamoDBConfig: { TableName: target.tableName, AwsRegion: region } }
    case "rds":
      return {
        RelationalDatabaseConfig: {
          RelationalDatabaseSourceType: "RDS_HTTP_ENDPOINT",
          RdsHttpEndpointConfig: { AwsRegion: region, DbClusterIdentifier: target.clusterArn, AwsSecretStoreArn: target.secretArn, DatabaseName: target.databaseName },
        },
      }
    case "http":
      return {
        HttpConfig: {
          Endpoint: target.endpoint,
          AuthorizationConfig: target.iam
            ? { AuthorizationType: "AWS_IAM", AwsIamConfig: { SigningRegion: target.iam.signingRegion, SigningServiceName: target.iam.signingServiceName } }
            : undefined,
        },
      }
    case "none":
      return {}
  }
}

/** What AppSync may do on the data source's behalf. */
function accessStatements(target: DataSourceTarget): PolicyStatementJson[] {
  switch (target.type) {
    case "function":
      return [{ Effect: "Allow", Action: "lambda:InvokeFunction", Resource: target.fn.functionArn }]
    case "dynamodb": {
      const grant = grantStatement({ service: "dynamodb", arns: [target.tableArn] }, "grantReadWriteData")
      if (!grant) throw new Error("internal: dynamodb has no grantReadWriteData")
      return [{ Effect: "Allow", Action: grant.actions, Resource: grant.resources }]
    }
    case "rds":
      return [
        { Effect: "Allow", Action: RDS_DATA_ACTIONS, Resource: target.clusterArn },
        { Effect: "Allow", Action: SECRET_READ_ACTIONS, Resource: target.secretArn },
      ]
    default:
      // HTTP with SigV4: what the endpoint's service allows is the app's to grant on the role.
      return []
  }
}

function createServiceRole(scope: Construct, statements: PolicyStatementJson[]): CfnResource {
  return new CfnResource(scope, "ServiceRole", {
    type: "AWS::IAM::Role",
    properties: {
      AssumeRolePolicyDocument: {
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: "appsync.amazonaws.com" }, Action: "sts:AssumeRole" }],
      },
      Policies: statements.length === 0 ? undefined : [{ PolicyName: "DataSourceAccess", PolicyDocument: { Version: "2012-10-17", Statement: statements as unknown as Value[] } }],
    },
  })
}
