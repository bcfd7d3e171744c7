/**
 * Deploy-time custom resources, backed by one Node Lambda of ours per stack (no Python, no layers).
 *
 * `createCustomResource(scope, id, { kind, properties })` declares a `Custom::…` resource whose
 * ServiceToken is the stack's provider function, created the first time a stack needs one (id
 * `CustomResourceHandler`, as SST v1 named its own). The provider's code is
 * `lambda/provider.ts` beside this file, built from the sst package itself (see sst-code.ts); it
 * dispatches on the resource type, so one function serves every kind:
 *
 * - `"script"` → `Custom::SSTScript`: on Create, Update and Delete it invokes the function named by
 *   `UserCreateFunction`, `UserUpdateFunction` or `UserDeleteFunction` with `JSON.parse(UserParams)`
 *   as the event, and fails the deployment with the function's error (Script, RDS migrations).
 * - `"auth-keys"` → `Custom::AuthKeys`: on Create and Update, unless the SecureString `privatePath`
 *   exists already, it generates an RSA-2048 key pair and writes the PEM keys to the SSM parameters
 *   `publicPath` and `privatePath` (both SecureString); on Delete it removes both.
 *
 * Each caller passes the IAM statements the provider needs for its resource (`permissions`), scoped
 * to that resource's own ARNs: the provider holds no `*` grants.
 *
 * @example
 * createCustomResource(this, "Keys", {
 *   kind: "auth-keys",
 *   properties: { publicPath, privatePath },
 *   permissions: [{ Effect: "Allow", Action: ["ssm:GetParameter", "ssm:PutParameter", "ssm:DeleteParameters"], Resource: [publicArn, privateArn] }],
 * })
 * @module
 */
import { Aws, CfnResource, Construct, Lazy, assetsBucket, type Asset, type Value } from "../../compiler/index.ts"
import type { PolicyStatementJson } from "../function/permissions.ts"
import { sstFunctionSource } from "./sst-code.ts"

/** What the provider does for a resource; each kind is one CloudFormation resource type. */
export type CustomResourceKind = "script" | "auth-keys"

/** The CloudFormation type of each kind (SST v1's names). */
export const CUSTOM_RESOURCE_TYPES: Record<CustomResourceKind, string> = {
  script: "Custom::SSTScript",
  "auth-keys": "Custom::AuthKeys",
}

export interface CustomResourceOptions {
  kind: CustomResourceKind
  /** The resource's properties as the provider reads them (ServiceToken is added). */
  properties: Record<string, Value>
  /** IAM statements the provider needs to serve this resource, on this resource's ARNs only. */
  permissions?: PolicyStatementJson[]
  /** Resources that must exist before the provider runs (e.g. the database a migration uses). */
  dependsOn?: CfnResource[]
}

/** The id of the provider in each stack. */
export const PROVIDER_ID = "CustomResourceHandler"
const PROVIDER_TIMEOUT_SECONDS = 900
const PROVIDER_MEMORY_MB = 512

/** Declares a custom resource of `kind` in `scope`; the stack's provider function serves it. */
export function createCustomResource(scope: Construct, id: string, options: CustomResourceOptions): CfnResource {
  const provider = CustomResourceProvider.of(scope)
  if (options.permissions) provider.addStatements(options.permissions)
  return new CfnResource(scope, id, {
    type: CUSTOM_RESOURCE_TYPES[options.kind],
    properties: { ServiceToken: provider.functionArn, ...options.properties },
    dependsOn: options.dependsOn,
  })
}

/**
 * The stack's provider function: a role, its policy and the function, as raw resources. It is not an
 * SST `Function` on purpose: the app's default function props (bind, permissions, layers, a shared
 * role) are for the user's functions and must not reach ours.
 */
export class CustomResourceProvider extends Construct {
  readonly function: CfnResource
  readonly role: CfnResource
  /** @internal The provider's code, built by the packager from the sst package. */
  readonly asset: Asset
  private readonly statements: PolicyStatementJson[] = []
  private policy: CfnResource | undefined

  /** The provider of the stack `scope` is in, created on first use. */
  static of(scope: Construct): CustomResourceProvider {
    const stack = scope.enclosingStack
    const existing = stack.children.find((child) => child.id === PROVIDER_ID)
    if (existing instanceof CustomResourceProvider) return existing
    return new CustomResourceProvider(stack, PROVIDER_ID)
  }

  private constructor(scope: Construct, id: string) {
    super(scope, id)
    this.role = new CfnResource(this, "ServiceRole", {
      type: "AWS::IAM::Role",
      properties: {
        AssumeRolePolicyDocument: {
          Version: "2012-10-17",
          Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }],
        },
        ManagedPolicyArns: [`arn:${Aws.PARTITION}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole`],
      },
    })
    this.asset = declareProviderAsset(this)
    const asset = this.asset
    this.function = new CfnResource(this, "Resource", {
      type: "AWS::Lambda::Function",
      properties: {
        Description: "Runs the deploy-time custom resources of this stack (sst)",
        // Until the packager has run (unit tests), the key names the asset it would build.
        Code: new Lazy(() => ({ S3Bucket: assetsBucket(), S3Key: asset.s3Key ?? `assets/unpackaged/${asset.id}.zip` }), this.app),
        Handler: new Lazy(() => asset.handler ?? "provider.handler", this.app),
        Runtime: "nodejs24.x",
        Role: this.role.getAtt("Arn"),
        MemorySize: PROVIDER_MEMORY_MB,
        Timeout: PROVIDER_TIMEOUT_SECONDS,
        Architectures: ["arm64"],
      },
    })
  }

  get functionArn(): string {
    return this.function.getAtt("Arn")
  }

  /** Adds statements to the provider's policy (duplicates are dropped). */
  addStatements(statements: readonly PolicyStatementJson[]): void {
    for (const statement of statements) {
      if (!this.statements.some((s) => JSON.stringify(s) === JSON.stringify(statement))) this.statements.push(statement)
    }
    if (this.policy || this.statements.length === 0) return
    this.policy = new CfnResource(this, "ServiceRoleDefaultPolicy", {
      type: "AWS::IAM::Policy",
      properties: {
        PolicyName: `${this.path.replace(/[^A-Za-z0-9]/g, "")}Policy`,
        PolicyDocument: { Version: "2012-10-17", Statement: new Lazy(() => [...this.statements], this.app) },
        Roles: [this.role.ref],
      },
    })
    // The provider may only run once it holds its permissions.
    this.function.addDependency(this.policy)
  }
}

function declareProviderAsset(provider: CustomResourceProvider): Asset {
  const source = sstFunctionSource({
    srcPath: "resources/custom-resource/lambda",
    handler: "provider.handler",
    runtime: "nodejs24.x",
    architecture: "arm64",
    constructPath: provider.displayPath,
  })
  const asset: Asset = { id: provider.path, kind: "function", source, stack: provider.enclosingStack }
  provider.app.assets.push(asset)
  return asset
}
