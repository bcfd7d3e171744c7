/**
 * Change sets: create one, wait until CloudFormation has computed it, read its changes,
 * delete it. A change set that fails because "The submitted information didn't contain
 * changes" is a success: the stack already is what we asked for.
 * @module
 */
import {
  CreateChangeSetCommand,
  DeleteChangeSetCommand,
  DescribeChangeSetCommand,
  type Capability,
  type Change,
  type CloudFormationClient,
  type DescribeChangeSetOutput,
} from "@aws-sdk/client-cloudformation"
import { awsErrorCode, awsErrorMessage } from "../aws/errors.ts"
import { callAws, DeployError, explainAwsError } from "./errors.ts"
import { sleep } from "./poll.ts"

/**
 * CAPABILITY_IAM and CAPABILITY_NAMED_IAM: our constructs create roles, some with names.
 * CAPABILITY_AUTO_EXPAND: templates may use macros (the escape hatch allows any resource).
 */
export const CAPABILITIES: Capability[] = ["CAPABILITY_IAM", "CAPABILITY_NAMED_IAM", "CAPABILITY_AUTO_EXPAND"]

/** The status reasons CloudFormation gives a change set, or an update, that would change nothing. */
const NO_CHANGES = [/didn't contain changes/i, /No updates are to be performed/i]

export function isNoChangeReason(reason: string | undefined): boolean {
  return reason !== undefined && NO_CHANGES.some((pattern) => pattern.test(reason))
}

export interface TemplateSource {
  TemplateBody?: string
  TemplateURL?: string
}

export interface ChangeSetRequest {
  stackName: string
  type: "CREATE" | "UPDATE"
  template: TemplateSource
  parameters: Record<string, string>
  tags: Record<string, string>
  roleArn?: string
  /** Express mode, with rollback on or off (part of the change set's DeploymentConfig). */
  express?: { disableRollback: boolean }
}

export interface CreatedChangeSet {
  id: string
  stackId: string
}

export async function createChangeSet(cloudFormation: CloudFormationClient, request: ChangeSetRequest): Promise<CreatedChangeSet> {
  // Names must start with a letter and hold letters, digits and '-'; the time keeps them unique.
  const name = `sst-${request.type.toLowerCase()}-${Date.now()}`
  const answer = await refusedAsError(request.stackName, () =>
    cloudFormation.send(
      new CreateChangeSetCommand({
        StackName: request.stackName,
        ChangeSetName: name,
        ChangeSetType: request.type,
        ...request.template,
        Parameters: Object.entries(request.parameters).map(([ParameterKey, ParameterValue]) => ({ ParameterKey, ParameterValue })),
        Tags: Object.entries(request.tags).map(([Key, Value]) => ({ Key, Value })),
        Capabilities: CAPABILITIES,
        Description: "Created by sst deploy",
        ...(request.roleArn ? { RoleARN: request.roleArn } : {}),
        ...(request.express ? { DeploymentConfig: { Mode: "EXPRESS", DisableRollback: request.express.disableRollback } } : {}),
      }),
    ),
  )
  if (!answer.Id) throw new Error("internal: CreateChangeSet answered without an Id")
  return { id: answer.Id, stackId: answer.StackId ?? request.stackName }
}

/**
 * CloudFormation validates the template and parameters when the change set is created and
 * answers ValidationError ("Template format error: ...", "Parameters: [X] must have values"):
 * that is a refusal of this stack's change set, not a failure of the call.
 */
async function refusedAsError<T>(stackName: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call()
  } catch (error) {
    if (awsErrorCode(error) !== "ValidationError" && awsErrorCode(error) !== "InsufficientCapabilitiesException") {
      throw explainAwsError(error, `creating a change set for ${stackName}`)
    }
    throw changeSetRefused(stackName, awsErrorMessage(error))
  }
}

export function changeSetRefused(stackName: string, reason: string): DeployError {
  return new DeployError("ChangeSetFailed", `CloudFormation refused the change set of ${stackName}: ${reason}`, fixForChangeSet(reason))
}

function fixForChangeSet(reason: string): string | undefined {
  if (/Requires capabilities/i.test(reason)) return "report this to sst: deploys always pass CAPABILITY_IAM, CAPABILITY_NAMED_IAM and CAPABILITY_AUTO_EXPAND."
  if (/Template format error|Unresolved resource dependencies|Invalid template|Template error/i.test(reason)) {
    return "the template is invalid; if it came from constructs and not from a CfnResource of yours, report it to sst with the template in .sst/dist/."
  }
  if (/Parameters: \[|must have values/i.test(reason)) return "deploy the stacks this one reads values from first (sst deploy deploys them in order)."
  return undefined
}

export type ChangeSetOutcome =
  | { kind: "ready"; changes: Change[]; creationTime?: Date }
  | { kind: "empty" }
  | { kind: "failed"; reason: string }

/** Polls DescribeChangeSet until the change set is computed; reads every page of changes. */
export async function waitForChangeSet(cloudFormation: CloudFormationClient, changeSetId: string, stackName: string, pollMs: number, signal?: AbortSignal): Promise<ChangeSetOutcome> {
  for (let attempt = 0; ; attempt++) {
    const first = await describe(cloudFormation, changeSetId, stackName, undefined)
    const status = first.Status ?? ""
    if (status === "CREATE_COMPLETE") {
      const changes = [...(first.Changes ?? [])]
      for (let token = first.NextToken; token; ) {
        const page = await describe(cloudFormation, changeSetId, stackName, token)
        changes.push(...(page.Changes ?? []))
        token = page.NextToken
      }
      return { kind: "ready", changes, ...(first.CreationTime ? { creationTime: first.CreationTime } : {}) }
    }
    if (status === "FAILED") {
      if (isNoChangeReason(first.StatusReason)) return { kind: "empty" }
      return { kind: "failed", reason: first.StatusReason ?? "no reason given" }
    }
    if (status === "DELETE_COMPLETE" || status === "DELETE_FAILED") return { kind: "failed", reason: `the change set was deleted (${status})` }
    // Change sets usually take a second or two; start fast, then settle on the poll interval.
    await sleep(attempt < 3 ? Math.min(pollMs, 250 * (attempt + 1)) : pollMs, signal)
  }
}

function describe(cloudFormation: CloudFormationClient, changeSetId: string, stackName: string, token: string | undefined): Promise<DescribeChangeSetOutput> {
  return callAws(`reading the change set of ${stackName}`, () =>
    cloudFormation.send(new DescribeChangeSetCommand({ ChangeSetName: changeSetId, ...(token ? { NextToken: token } : {}) })),
  )
}

/** Deletes a change set; one that is already gone is fine. */
export async function deleteChangeSet(cloudFormation: CloudFormationClient, changeSetId: string): Promise<void> {
  try {
    await cloudFormation.send(new DeleteChangeSetCommand({ ChangeSetName: changeSetId }))
  } catch {
    // Cleaning up is best effort: a change set left behind costs nothing and blocks nothing.
  }
}
