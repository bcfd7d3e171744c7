/**
 * How API Gateway gets to invoke an API's functions: one Lambda permission per function, or, for
 * APIs too large for that, IAM roles API Gateway assumes.
 *
 * The usual way is an `AWS::Lambda::Permission` per function whose `SourceArn` covers every route
 * and stage of the API (`<apiId>/*\/*`): one resource per function, however many routes share it.
 * With many distinct handlers that is still one resource a function on top of the function, its
 * role, its integration and its route, and 100 routes pass CloudFormation's 500 resources. So once
 * an API has more than {@link MAX_PERMISSIONS} functions in one stack, its integrations in that
 * stack name an invoke role instead (`CredentialsArn`), each role allowing `lambda:InvokeFunction`
 * on at most {@link FUNCTIONS_PER_ROLE} functions: 100 functions cost two roles, not 100
 * permissions. The choice is made when the app is emitted, when every route is known; crossing
 * the threshold replaces the permissions by roles in one deploy, without downtime (CloudFormation
 * creates the roles and updates the integrations before it deletes the permissions).
 * @module
 */
import { Aws, CfnResource, Lazy, type Construct, type CoreStack } from "../../compiler/index.ts"
import type { Function } from "../Function.ts"

/** Up to this many functions per stack, each gets its own Lambda permission. */
export const MAX_PERMISSIONS = 50
/**
 * Functions one invoke role may call. IAM caps a role's inline policies at 10,240 characters; a
 * function ARN is at most 111 (64-character names), so 50 of them stay far below.
 */
export const FUNCTIONS_PER_ROLE = 50

interface Target {
  fn: Function
  /** Where the function's permission goes, with the id it takes. */
  scope: Construct
  id: string
  /** Puts an invoke role's ARN on each integration that calls the function. */
  useRole: ((roleArn: string) => void)[]
}

/** Sets `CredentialsArn` on an `AWS::ApiGatewayV2::Integration`. */
export function credentialsOf(integration: CfnResource): (roleArn: string) => void {
  return (roleArn) => {
    integration.properties.CredentialsArn = roleArn
  }
}

export class InvokeAccess {
  private readonly targets = new Map<Function, Target>()

  /**
   * @param owner the API construct; roles for its own stack are created in it
   * @param sourceArn the execute-api ARN a permission is limited to
   */
  constructor(
    private readonly owner: Construct,
    private readonly sourceArn: () => string,
  ) {
    owner.app.addFinalizer(() => this.grant())
  }

  /**
   * Records an integration that calls `fn`; `id` names the function's permission in `scope` if it
   * gets one, `useRole` puts a role on the integration if it gets that instead.
   */
  add(scope: Construct, id: string, fn: Function, useRole: (roleArn: string) => void): void {
    const target = this.targets.get(fn)
    if (target) target.useRole.push(useRole)
    else this.targets.set(fn, { fn, scope, id, useRole: [useRole] })
  }

  private grant(): void {
    const byStack = new Map<CoreStack, Target[]>()
    for (const target of this.targets.values()) {
      const stack = target.scope.enclosingStack
      byStack.set(stack, [...(byStack.get(stack) ?? []), target])
    }
    for (const [stack, targets] of byStack) {
      if (targets.length <= MAX_PERMISSIONS) for (const target of targets) this.createPermission(target)
      else this.createRoles(stack, targets)
    }
  }

  private createPermission(target: Target): void {
    new CfnResource(target.scope, target.id, {
      type: "AWS::Lambda::Permission",
      properties: { Action: "lambda:InvokeFunction", FunctionName: target.fn.functionArn, Principal: "apigateway.amazonaws.com", SourceArn: this.sourceArn() },
    })
  }

  private createRoles(stack: CoreStack, targets: Target[]): void {
    const own = stack === this.owner.enclosingStack
    const scope = own ? this.owner : targets[0].scope
    for (let start = 0, n = 1; start < targets.length; start += FUNCTIONS_PER_ROLE, n++) {
      const chunk = targets.slice(start, start + FUNCTIONS_PER_ROLE)
      const id = `${own ? "" : `${this.owner.id}_`}InvokeRole${n === 1 ? "" : n}`
      const role = new CfnResource(scope, id, {
        type: "AWS::IAM::Role",
        properties: {
          AssumeRolePolicyDocument: {
            Version: "2012-10-17",
            Statement: [{ Effect: "Allow", Principal: { Service: "apigateway.amazonaws.com" }, Action: "sts:AssumeRole" }],
          },
          Policies: [
            {
              PolicyName: "InvokeRouteFunctions",
              PolicyDocument: {
                Version: "2012-10-17",
                Statement: [{ Effect: "Allow", Action: "lambda:InvokeFunction", Resource: new Lazy(() => chunk.map((t) => t.fn.functionArn), this.owner.app) }],
              },
            },
          ],
        },
      })
      for (const target of chunk) for (const useRole of target.useRole) useRole(role.getAtt("Arn"))
    }
  }
}

/** `arn:<partition>:execute-api:<region>:<account>:<apiId>/*\/*`: every route of every stage. */
export function executeApiSourceArn(region: string, apiId: string): string {
  return `arn:${Aws.PARTITION}:execute-api:${region}:${Aws.ACCOUNT_ID}:${apiId}/*/*`
}
