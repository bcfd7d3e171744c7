/**
 * SST v1's permission grammar, turned into IAM policy statements.
 *
 * `Permissions = "*" | Permission[]`, each item one of:
 * - a service, `"s3"` → `s3:*` on `*`; an action, `"s3:GetObject"` → that action on `*`;
 * - a construct that can be bound (Table, Queue, ...) → its permissions, scoped to its ARNs;
 * - a raw resource or an object with an ARN attribute (`tableArn`, `queueArn`, ...) →
 *   `<service>:*` on it (and on `<arn>/*` for tables and buckets);
 * - `[target, "grantReadData"]` → the actions of that CDK grant on the target;
 * - a policy statement: a {@link PolicyStatement}, `{ actions, resources, effect? }` or
 *   `{ Action, Resource, Effect? }`.
 * `"*"` (alone, or as an item) grants everything: only when the user wrote it.
 * @module
 */
import type { Problem } from "../../compiler/index.ts"
import { isSSTConstruct, type SSTConstruct } from "../bindable.ts"
import { describeGrantTargets, grantStatement, grantTargetOf, knownGrants } from "./grants.ts"

/** An IAM policy statement as CloudFormation writes it. */
export interface PolicyStatementJson {
  Effect: "Allow" | "Deny"
  Action: string | string[]
  Resource: string | string[]
  Condition?: Record<string, Record<string, unknown>>
  Sid?: string
}

export interface PolicyStatementProps {
  /** @default "Allow" */
  effect?: "Allow" | "Deny"
  actions: string[]
  resources: string[]
  conditions?: Record<string, Record<string, unknown>>
  sid?: string
}

/** A raw IAM statement, written the way CDK users know (`new iam.PolicyStatement({...})`). */
export class PolicyStatement {
  constructor(readonly props: PolicyStatementProps) {}
  toStatementJson(): PolicyStatementJson {
    const p = this.props
    return compactStatement({ Effect: p.effect ?? "Allow", Action: one(p.actions), Resource: one(p.resources), Condition: p.conditions, Sid: p.sid })
  }
}

/** An object with an ARN attribute, or a raw resource. */
export type PermissionTarget = object

export type Permission =
  | string
  | SSTConstruct
  | PermissionTarget
  | [target: PermissionTarget, grant: string]
  | PolicyStatement
  | PolicyStatementProps
  | PolicyStatementJson

export type Permissions = "*" | Permission[]

/** What a permission problem needs besides where it is. */
export type PermissionProblem = Omit<Problem, "path" | "construct">

const SERVICE = /^[a-z0-9-]+$/
const ACTION = /^[a-z0-9-]+:[A-Za-z0-9*]+$/

/**
 * The statements `permissions` grants. Items that cannot be read are reported through `report`
 * (property e.g. "permissions[2]") and grant nothing.
 */
export function permissionsToStatements(permissions: Permissions, report: (problem: PermissionProblem) => void, property = "permissions"): PolicyStatementJson[] {
  if (permissions === "*") return [allowAll()]
  const statements: PolicyStatementJson[] = []
  permissions.forEach((permission, index) => {
    const statement = permissionToStatements(permission, `${property}[${index}]`, report)
    for (const item of statement) if (!statements.some((s) => sameStatement(s, item))) statements.push(item)
  })
  return statements
}

function permissionToStatements(permission: Permission, property: string, report: (problem: PermissionProblem) => void): PolicyStatementJson[] {
  if (typeof permission === "string") return stringPermission(permission, property, report)
  if (Array.isArray(permission)) return grantPermission(permission, property, report)
  if (permission instanceof PolicyStatement) return [permission.toStatementJson()]
  if (isSSTConstruct(permission)) return constructPermission(permission, property, report)
  const target = grantTargetOf(permission)
  if (target) return [allow([`${target.service}:*`], target.arns)]
  const statement = statementFromObject(permission)
  if (statement) return [statement]
  report({
    code: "InvalidPermission",
    property,
    problem: `is ${describe(permission)}, which is no permission.`,
    allowed: `"*", a service ("s3"), an action ("s3:GetObject"), a construct (table), [construct, "grantRead"], ${describeGrantTargets()}, or a statement { actions, resources }.`,
    fix: 'pass the construct itself (e.g. table), or a statement: { actions: ["s3:GetObject"], resources: [bucket.bucketArn] }.',
  })
  return []
}

function stringPermission(permission: string, property: string, report: (problem: PermissionProblem) => void): PolicyStatementJson[] {
  if (permission === "*") return [allowAll()]
  if (SERVICE.test(permission)) return [allow([`${permission}:*`], ["*"])]
  if (ACTION.test(permission)) return [allow([permission], ["*"])]
  report({
    code: "InvalidPermission",
    property,
    problem: `is ${JSON.stringify(permission)}, which is neither a service nor an action.`,
    allowed: 'a service name such as "s3", an action such as "s3:GetObject", or "*".',
    fix: permission.includes(":") ? "write the action as <service>:<Action>, e.g. \"dynamodb:GetItem\"." : 'write the service in lower case, e.g. "dynamodb".',
  })
  return []
}

function constructPermission(construct: SSTConstruct, property: string, report: (problem: PermissionProblem) => void): PolicyStatementJson[] {
  const permissions = construct.getPermissions?.() ?? construct.getFunctionBinding()?.permissions
  if (permissions && Object.keys(permissions).length > 0) {
    return Object.entries(permissions).map(([action, resources]) => allow([action], resources))
  }
  const target = grantTargetOf(construct)
  if (target) return [allow([`${target.service}:*`], target.arns)]
  report({
    code: "ConstructGrantsNothing",
    property,
    problem: `is the ${construct.constructor.name} "${construct.id}", which has no IAM permissions to grant.`,
    allowed: "constructs that own AWS resources (Table, Queue, Topic, Bucket, Api, Function, ...).",
    fix: "remove it from permissions, or grant a statement { actions, resources } instead.",
  })
  return []
}

function grantPermission(permission: unknown[], property: string, report: (problem: PermissionProblem) => void): PolicyStatementJson[] {
  const [target, grant] = permission
  const resource = grantTargetOf(target)
  const found = resource && typeof grant === "string" ? grantStatement(resource, grant) : undefined
  if (found) return [allow(found.actions, found.resources)]
  const known = resource ? knownGrants(resource.service) : []
  report({
    code: "InvalidGrant",
    property,
    problem: !resource
      ? `grants on ${describe(target)}, which is no resource we know.`
      : `names the grant ${JSON.stringify(grant)}, which ${resource.service} resources do not have.`,
    allowed: !resource ? `[target, "grant…"] where target is one of ${describeGrantTargets()}.` : `one of ${known.map((g) => JSON.stringify(g)).join(", ") || "no grants"}.`,
    fix: !resource ? "pass the construct that owns the resource (e.g. [table, \"grantReadData\"])." : `use one of the grants above, or a statement { actions, resources }.`,
  })
  return []
}

function statementFromObject(value: object): PolicyStatementJson | undefined {
  const v = value as Record<string, unknown>
  if (isStringList(v.actions) && isStringList(v.resources)) {
    return new PolicyStatement({
      actions: [v.actions].flat(),
      resources: [v.resources].flat(),
      effect: v.effect === "Deny" ? "Deny" : "Allow",
      conditions: v.conditions as PolicyStatementProps["conditions"],
      sid: typeof v.sid === "string" ? v.sid : undefined,
    }).toStatementJson()
  }
  if (isStringList(v.Action) && isStringList(v.Resource)) {
    return compactStatement({
      Effect: v.Effect === "Deny" ? "Deny" : "Allow",
      Action: v.Action,
      Resource: v.Resource,
      Condition: v.Condition as PolicyStatementJson["Condition"],
      Sid: typeof v.Sid === "string" ? v.Sid : undefined,
    })
  }
  return undefined
}

function allow(actions: string[], resources: string[]): PolicyStatementJson {
  return { Effect: "Allow", Action: one(actions), Resource: one(resources) }
}

function allowAll(): PolicyStatementJson {
  return { Effect: "Allow", Action: "*", Resource: "*" }
}

function one(values: string[]): string | string[] {
  return values.length === 1 ? values[0] : values
}

function isStringList(value: unknown): value is string | string[] {
  return typeof value === "string" || (Array.isArray(value) && value.length > 0 && value.every((item) => typeof item === "string"))
}

function compactStatement(statement: PolicyStatementJson): PolicyStatementJson {
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(statement)) if (value !== undefined) out[key] = value
  return out as unknown as PolicyStatementJson
}

function sameStatement(a: PolicyStatementJson, b: PolicyStatementJson): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return String(value)
  if (typeof value !== "object") return JSON.stringify(value)
  const name = value.constructor?.name
  return name && name !== "Object" ? `a ${name}` : "an object"
}
