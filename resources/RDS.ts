/**
 * RDS: a serverless SQL database (SST v1's `RDS`), as Aurora Serverless v2 with the RDS Data API,
 * so functions query it over HTTPS without being in its VPC; and Kysely migrations that run at
 * deploy time.
 *
 * Resources: the cluster (`AWS::RDS::DBCluster`, Data API on, storage encrypted, snapshot on
 * removal), one `db.serverless` writer instance, a subnet group and a security group with no
 * ingress (the Data API needs none), a Secrets Manager secret whose password CloudFormation
 * generates and the cluster reads through a dynamic reference (no password is ever in a template),
 * attached to the cluster so it also holds host, port and engine as SST v1's did, and a VPC with
 * isolated subnets unless the app passes one (rds/network.ts). Engine names: rds/engine.ts.
 *
 * Migrations (`migrations`: a folder of files exporting Kysely `up`/`down`): each file is bundled
 * into the migrator function (our code in rds/lambda/, with Kysely and a Data API dialect), and a
 * `Custom::SSTScript` resource runs it when the hash of the folder changes (rds/migrations.ts). The
 * migrator also answers `{type: "list"}` and `{type: "to", data: {name}}` for the console.
 * @module
 */
import { existsSync, statSync } from "node:fs"
import { join } from "node:path"
import { z } from "zod"
import { CfnResource, Construct, assertSameShape, parseProps, type Problem } from "../compiler/index.ts"
import type { FunctionBinding, SSTConstruct } from "./bindable.ts"
import { createCustomResource } from "./custom-resource/provider.ts"
import { useSstCode } from "./custom-resource/sst-code.ts"
import { Function } from "./Function.ts"
import {
  ENGINE_FORMS,
  legacyEngineWarning,
  resolveEngine,
  scalingProblems,
  serverlessV2Scaling,
  type AuroraEngine,
  type RDSCapacityUnit,
  type RDSEngineType,
} from "./rds/engine.ts"
import { isKyselyInstalled, readMigrationsFolder, type MigrationsFolder } from "./rds/migrations.ts"
import { createIsolatedVpc, type ClusterNetwork } from "./rds/network.ts"

export type { RDSCapacityUnit, RDSCurrentEngine, RDSEngineType, RDSLegacyEngine } from "./rds/engine.ts"

/** Props of {@link RDS}. */
export interface RDSProps {
  /**
   * The database engine. SST v1's names (Aurora Serverless v1, retired by AWS) deploy the current
   * version of their engine, with a warning.
   * @example engine: "postgresql16"
   */
  engine: RDSEngineType
  /**
   * The Aurora engine version, instead of the one the engine name pins (see rds/engine.ts).
   * @default "17.7" (PostgreSQL 17), "16.11" (PostgreSQL 16), "8.0.mysql_aurora.3.10.0" (MySQL 8.0)
   */
  engineVersion?: string
  /**
   * The database created in the cluster; functions get its name as `defaultDatabaseName`.
   * @example defaultDatabaseName: "main"
   */
  defaultDatabaseName: string
  scaling?: {
    /**
     * Pause after this many idle minutes (true: 5), so an idle database costs only storage;
     * `false` keeps it running at `minCapacity` or more.
     * @default true
     */
    autoPause?: boolean | number
    /**
     * The least capacity while running, when `autoPause` is false: SST v1's "ACU_2" or a number of ACUs.
     * @default "ACU_2"
     */
    minCapacity?: RDSCapacityUnit | number
    /**
     * The most capacity: "ACU_16" or a number of ACUs (at most 256).
     * @default "ACU_16"
     */
    maxCapacity?: RDSCapacityUnit | number
  }
  /**
   * Folder of migration files (relative to the app root) exporting Kysely `up` and `down`; they run
   * on deploy when they change.
   * @example migrations: "services/migrations"
   */
  migrations?: string
  /**
   * Where `sst start` writes the Kysely types of the database (not used by deployments).
   * @example types: "services/core/sql.generated.ts"
   */
  types?: string | { path: string; camelCase?: boolean }
  /**
   * An existing VPC and its subnets (two availability zones at least) for the cluster.
   * @default a VPC of the cluster's own, with two isolated subnets
   */
  vpc?: { vpcId: string; subnetIds: string[] }
}

const CapacitySchema = z.union([z.number(), z.custom<RDSCapacityUnit>((value) => typeof value === "string" && /^ACU_\d+$/.test(value), { message: 'a number of ACUs or an "ACU_<n>" name' })])
const RDSPropsSchema = z.strictObject({
  // Checked by resolveEngine, which names the engines we know.
  engine: z.custom<RDSEngineType>((value) => typeof value === "string", { message: "an engine name" }),
  engineVersion: z.string().min(1).optional(),
  defaultDatabaseName: z.string(),
  scaling: z
    .strictObject({
      autoPause: z.union([z.boolean(), z.number()]).optional(),
      minCapacity: CapacitySchema.optional(),
      maxCapacity: CapacitySchema.optional(),
    })
    .optional(),
  migrations: z.string().min(1).optional(),
  types: z.union([z.string().min(1), z.strictObject({ path: z.string().min(1), camelCase: z.boolean().optional() })]).optional(),
  vpc: z.strictObject({ vpcId: z.string().min(1), subnetIds: z.array(z.string().min(1)).min(2) }).optional(),
})
assertSameShape<RDSProps, z.input<typeof RDSPropsSchema>>()

/** Where the migrator finds the bundled migrations inside its zip. */
export const MIGRATIONS_FOLDER = "sst_rds_migration_scripts"
/** Postgres and MySQL database names: a letter, then letters, digits and underscores (63 bytes in Postgres). */
const DATABASE_NAME = /^[A-Za-z][A-Za-z0-9_]{0,62}$/
/** DB cluster identifiers: 1 to 63 lower-case letters, digits and single hyphens, starting with a letter. */
const CLUSTER_IDENTIFIER = /^[a-z](?:-?[a-z0-9])*$/
const MAX_CLUSTER_IDENTIFIER_LENGTH = 63
/** A migration may run as long as a Lambda function can. */
const MIGRATOR_TIMEOUT_SECONDS = 900

export class RDS extends Construct implements SSTConstruct {
  /** The `AWS::RDS::DBCluster`. */
  readonly cluster: CfnResource
  /** The cluster's `db.serverless` writer instance. */
  readonly instance: CfnResource
  /** The `AWS::SecretsManager::Secret` holding the master user's credentials. */
  readonly secret: CfnResource
  readonly defaultDatabaseName: string
  /** The function that runs the migrations, when `migrations` is set. */
  readonly migratorFunction: Function | undefined
  /** The engine name as given ("postgresql10.14"). */
  readonly engine: string
  /** The Aurora engine deployed. */
  readonly aurora: AuroraEngine
  readonly types: RDSProps["types"]
  private readonly attachment: CfnResource
  private readonly props: RDSProps

  constructor(scope: Construct, id: string, props: RDSProps) {
    super(scope, id)
    this.props = parseProps(RDSPropsSchema, props, this, "RDS")
    this.engine = this.props.engine
    this.aurora = this.pickEngine()
    this.defaultDatabaseName = this.props.defaultDatabaseName
    this.types = this.props.types
    this.checkDatabaseName()
    this.checkScaling()
    const migrations = this.readMigrations()

    const network: ClusterNetwork = this.props.vpc ?? createIsolatedVpc(this, this.app.logicalPrefixedName(id))
    const securityGroup = this.createSecurityGroup(network)
    const subnetGroup = new CfnResource(this, "SubnetGroup", {
      type: "AWS::RDS::DBSubnetGroup",
      properties: { DBSubnetGroupDescription: `Subnets of the RDS cluster ${this.displayPath}`, SubnetIds: network.subnetIds },
    })
    this.secret = this.createSecret()
    this.cluster = this.createCluster(subnetGroup, securityGroup)
    this.instance = new CfnResource(this, "Instance", {
      type: "AWS::RDS::DBInstance",
      properties: { Engine: this.aurora.engine, DBInstanceClass: "db.serverless", DBClusterIdentifier: this.cluster.ref, PubliclyAccessible: false },
    })
    // Referring to the secret through its attachment makes users wait until it holds host and port.
    this.attachment = new CfnResource(this, "SecretAttachment", {
      type: "AWS::SecretsManager::SecretTargetAttachment",
      properties: { SecretId: this.secret.ref, TargetId: this.cluster.ref, TargetType: "AWS::RDS::DBCluster" },
    })
    if (migrations) this.migratorFunction = this.createMigrations(migrations)
  }

  /** The cluster's ARN, which the Data API takes as `resourceArn`. */
  get clusterArn(): string {
    return this.cluster.getAtt("DBClusterArn")
  }

  /** The cluster's identifier (`<stage>-<app>-<id>`). */
  get clusterIdentifier(): string {
    return this.cluster.ref
  }

  /** The writer endpoint, for clients inside the VPC. */
  get clusterEndpoint(): { hostname: string; port: string; socketAddress: string } {
    const hostname = this.cluster.getAtt("Endpoint.Address")
    const port = this.cluster.getAtt("Endpoint.Port")
    return { hostname, port, socketAddress: `${hostname}:${port}` }
  }

  /** The ARN of the secret with the master user's credentials, which the Data API takes as `secretArn`. */
  get secretArn(): string {
    return this.attachment.ref
  }

  getConstructMetadata(): unknown {
    return {
      type: "RDS",
      data: {
        engine: this.engine,
        secretArn: this.secretArn,
        clusterArn: this.clusterArn,
        clusterIdentifier: this.clusterIdentifier,
        defaultDatabaseName: this.defaultDatabaseName,
        migrator: this.migratorFunction ? { node: this.migratorFunction.path, arn: this.migratorFunction.functionArn } : undefined,
        types: this.types,
      },
    }
  }

  /** Functions get the cluster ARN, the secret ARN and the database name, and may use the Data API. */
  getFunctionBinding(): FunctionBinding {
    return {
      clientPackage: "rds",
      variables: {
        clusterArn: { type: "plain", value: this.clusterArn },
        secretArn: { type: "plain", value: this.secretArn },
        defaultDatabaseName: { type: "plain", value: this.defaultDatabaseName },
      },
      permissions: {
        "rds-data:*": [this.clusterArn],
        "secretsmanager:GetSecretValue": [this.secretArn],
        "secretsmanager:DescribeSecret": [this.secretArn],
      },
    }
  }

  private pickEngine(): AuroraEngine {
    const resolved = resolveEngine(this.props.engine)
    if (!resolved) {
      throw this.fail({
        code: "UnknownEngine",
        property: "engine",
        problem: `is ${JSON.stringify(this.props.engine)}, which is no engine we know.`,
        allowed: `${ENGINE_FORMS}.`,
        fix: 'use "postgresql16" or "mysql8.0".',
      })
    }
    if (resolved.legacy) this.app.warn(legacyEngineWarning(this.displayPath, this.props.engine, resolved.engine))
    return this.props.engineVersion ? { ...resolved.engine, version: this.props.engineVersion } : resolved.engine
  }

  private checkDatabaseName(): void {
    const name = this.props.defaultDatabaseName
    if (DATABASE_NAME.test(name)) return
    const suggestion = name.replace(/[^A-Za-z0-9_]/g, "_").replace(/^[^A-Za-z]+/, "").slice(0, 63) || "main"
    this.report({
      code: "InvalidDatabaseName",
      property: "defaultDatabaseName",
      problem: `is ${JSON.stringify(name)}, which ${this.aurora.mode === "postgres" ? "PostgreSQL" : "MySQL"} refuses as a database name.`,
      allowed: "a letter, then up to 62 letters, digits or underscores.",
      fix: `use ${JSON.stringify(suggestion)}.`,
    })
  }

  private checkScaling(): void {
    for (const problem of scalingProblems(this.props.scaling ?? {})) this.report(problem)
  }

  private readMigrations(): MigrationsFolder | undefined {
    const dir = this.props.migrations
    if (dir === undefined) return undefined
    const path = join(this.app.root, dir)
    if (!existsSync(path) || !statSync(path).isDirectory()) {
      this.report({
        code: "MigrationsNotFound",
        property: "migrations",
        problem: `is ${JSON.stringify(dir)}, but ${existsSync(path) ? "that is a file, not a folder" : "no such folder exists"} in the app (${path}).`,
        allowed: "a folder relative to the app root holding migration files.",
        fix: `create the folder ${dir} with a migration such as first.ts exporting up(db) and down(db), or correct the path.`,
      })
      return undefined
    }
    const folder = readMigrationsFolder(this.app.root, dir)
    for (const name of folder.duplicates) {
      this.report({
        code: "DuplicateMigrationName",
        property: "migrations",
        problem: `holds two files named ${JSON.stringify(name)} (with different extensions); a migration's name is its file name.`,
        allowed: "one file per migration name.",
        fix: `keep one of the files named ${name}.*.`,
      })
    }
    if (folder.importKysely.length > 0 && !isKyselyInstalled(join(this.app.root, dir))) {
      // The migrator bundles each migration; a value imported from Kysely must come from the app.
      this.report({
        code: "MigrationNeedsKysely",
        property: "migrations",
        problem: `holds ${folder.importKysely.join(", ")}, which import${folder.importKysely.length === 1 ? "s" : ""} values from "kysely", but the app does not have the kysely package installed.`,
        allowed: 'migrations that use only the `db` they are given and `import type` from "kysely", or an app with kysely installed.',
        fix: "npm install kysely",
      })
    }
    return folder
  }

  private createSecurityGroup(network: ClusterNetwork): CfnResource {
    return new CfnResource(this, "SecurityGroup", {
      type: "AWS::EC2::SecurityGroup",
      properties: { GroupDescription: `RDS cluster ${this.displayPath}: no inbound rules; functions use the Data API`, VpcId: network.vpcId },
    })
  }

  private createSecret(): CfnResource {
    return new CfnResource(this, "Secret", {
      type: "AWS::SecretsManager::Secret",
      properties: {
        Description: `Master user of the RDS cluster ${this.displayPath}`,
        GenerateSecretString: {
          SecretStringTemplate: JSON.stringify({ username: this.aurora.username }),
          GenerateStringKey: "password",
          PasswordLength: 30,
          // Characters the engines or the connection strings of clients stumble on.
          ExcludeCharacters: " %+~`#$&*()|[]{}:;<>?!'/@\"\\",
        },
      },
    })
  }

  private createCluster(subnetGroup: CfnResource, securityGroup: CfnResource): CfnResource {
    const secret = this.secret.ref
    return new CfnResource(this, "Cluster", {
      type: "AWS::RDS::DBCluster",
      properties: {
        DBClusterIdentifier: this.clusterIdentifierName(),
        Engine: this.aurora.engine,
        EngineVersion: this.aurora.version,
        DatabaseName: this.defaultDatabaseName,
        // Dynamic references: CloudFormation reads the secret while deploying; the template holds none of it.
        MasterUsername: `{{resolve:secretsmanager:${secret}:SecretString:username::}}`,
        MasterUserPassword: `{{resolve:secretsmanager:${secret}:SecretString:password::}}`,
        EnableHttpEndpoint: true,
        ServerlessV2ScalingConfiguration: serverlessV2Scaling(this.props.scaling),
        DBSubnetGroupName: subnetGroup.ref,
        VpcSecurityGroupIds: [securityGroup.getAtt("GroupId")],
        StorageEncrypted: true,
        CopyTagsToSnapshot: true,
      },
      removalPolicy: "snapshot",
    })
  }

  /** `<stage>-<app>-<id>` in the form RDS accepts: lower case, "_" as "-". */
  private clusterIdentifierName(): string {
    const name = this.app.logicalPrefixedName(this.id).toLowerCase().replace(/_/g, "-").replace(/-+/g, "-")
    if (CLUSTER_IDENTIFIER.test(name) && name.length <= MAX_CLUSTER_IDENTIFIER_LENGTH) return name
    this.report({
      code: "InvalidClusterIdentifier",
      property: "id",
      problem: `makes the cluster identifier ${JSON.stringify(name)} (${name.length} characters), which RDS refuses.`,
      allowed: `at most ${MAX_CLUSTER_IDENTIFIER_LENGTH} letters, digits and single hyphens, starting with a letter ("<stage>-<app>-<id>").`,
      fix: "use a shorter id (or a shorter stage name), made of letters and digits.",
    })
    return name
  }

  private createMigrations(folder: MigrationsFolder): Function {
    const fn = new Function(this, "MigrationFunction", {
      handler: "migrator.handler",
      srcPath: "resources/rds/lambda",
      runtime: "nodejs24.x",
      timeout: MIGRATOR_TIMEOUT_SECONDS,
      memorySize: 1024,
      enableLiveDev: false,
      bundle: { format: "esm", minify: true, sourcemap: false },
      environment: {
        RDS_ARN: this.clusterArn,
        RDS_SECRET: this.secretArn,
        RDS_DATABASE: this.defaultDatabaseName,
        RDS_ENGINE_MODE: this.aurora.mode,
        RDS_MIGRATIONS_PATH: MIGRATIONS_FOLDER,
      },
    })
    useSstCode(
      fn,
      "resources/rds/lambda",
      folder.migrations.map((m) => ({ from: m.file, to: `${MIGRATIONS_FOLDER}/${m.name}.js`, bundle: true })),
    )
    fn.attachPermissions([this])
    // Under sst start the console runs migrations; deployments of a dev stage do not (SST v1).
    const run = (this.app as { local?: boolean }).local ? undefined : fn.functionName
    createCustomResource(this, "MigrationResource", {
      kind: "script",
      properties: { UserCreateFunction: run, UserUpdateFunction: run, UserParams: JSON.stringify({}), MigrationsHash: folder.hash },
      permissions: [{ Effect: "Allow", Action: "lambda:InvokeFunction", Resource: fn.functionArn }],
      // The Data API answers only once the writer instance is up.
      dependsOn: [this.instance, this.attachment],
    })
    return fn
  }

  private report(problem: Omit<Problem, "path" | "construct">): void {
    this.app.report({ ...problem, path: this.displayPath, construct: "RDS" } as Problem)
  }

  private fail(problem: Omit<Problem, "path" | "construct">) {
    return this.app.fail({ ...problem, path: this.displayPath, construct: "RDS" } as Problem)
  }
}
