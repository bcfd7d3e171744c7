// The fake's state in the API's shapes (Stack, StackSummary, StackEvent, StackResource,
// DescribeChangeSet), with the members CloudFormation fills in. NoEcho parameter values are
// masked as the service masks them.

import type { ChangeSet, Deployment, Stack, StackEvent } from "./state.ts"
import type { XmlValue } from "./xml.ts"

type Shape = { [key: string]: XmlValue }

export function stackShape(stack: Stack): Shape {
  return {
    StackId: stack.stackId,
    StackName: stack.stackName,
    ChangeSetId: stack.changeSetId,
    Description: stack.deployment?.template.Description,
    Parameters: stack.deployment ? parametersShape(stack.deployment) : undefined,
    CreationTime: stack.creationTime,
    DeletionTime: stack.deletionTime,
    LastUpdatedTime: stack.lastUpdatedTime,
    RollbackConfiguration: {},
    StackStatus: stack.status,
    StackStatusReason: stack.statusReason,
    DisableRollback: stack.disableRollback,
    DeploymentConfig: stack.deploymentConfig ? deploymentConfigShape(stack.deploymentConfig) : undefined,
    NotificationARNs: [],
    Capabilities: stack.deployment?.capabilities,
    Outputs: stack.outputs.length
      ? stack.outputs.map((o) => ({ OutputKey: o.key, OutputValue: o.value, Description: o.description, ExportName: o.exportName }))
      : undefined,
    Tags: (stack.deployment?.tags ?? []).map((tag) => ({ Key: tag.Key, Value: tag.Value })),
    EnableTerminationProtection: stack.status === "DELETE_COMPLETE" ? undefined : false,
    DriftInformation: { StackDriftStatus: "NOT_CHECKED" },
  }
}

export function stackSummaryShape(stack: Stack): Shape {
  return {
    StackId: stack.stackId,
    StackName: stack.stackName,
    TemplateDescription: stack.deployment?.template.Description,
    CreationTime: stack.creationTime,
    LastUpdatedTime: stack.lastUpdatedTime,
    DeletionTime: stack.deletionTime,
    StackStatus: stack.status,
    StackStatusReason: stack.statusReason,
    DriftInformation: { StackDriftStatus: "NOT_CHECKED" },
  }
}

export function eventShape(event: StackEvent): Shape {
  return {
    StackId: event.stackId,
    EventId: event.eventId,
    StackName: event.stackName,
    LogicalResourceId: event.logicalId,
    PhysicalResourceId: event.physicalId ?? "",
    ResourceType: event.resourceType,
    Timestamp: event.timestamp,
    ResourceStatus: event.status,
    ResourceStatusReason: event.reason,
  }
}

export function resourceShapes(stack: Stack): Shape[] {
  return [...stack.resources.values()].map((resource) => ({
    StackName: stack.stackName,
    StackId: stack.stackId,
    LogicalResourceId: resource.logicalId,
    PhysicalResourceId: resource.physicalId,
    ResourceType: resource.type,
    Timestamp: resource.timestamp,
    ResourceStatus: resource.status,
    ResourceStatusReason: resource.statusReason,
    DriftInformation: { StackResourceDriftStatus: "NOT_CHECKED" },
  }))
}

export function changeSetShape(changeSet: ChangeSet): Shape {
  return {
    ChangeSetName: changeSet.name,
    ChangeSetId: changeSet.id,
    StackId: changeSet.stackId,
    StackName: changeSet.stackName,
    Description: changeSet.description,
    Parameters: parametersShape(changeSet.deployment),
    CreationTime: changeSet.creationTime,
    ExecutionStatus: changeSet.executionStatus,
    Status: changeSet.status,
    StatusReason: changeSet.statusReason,
    NotificationARNs: [],
    RollbackConfiguration: {},
    Capabilities: changeSet.deployment.capabilities,
    Tags: changeSet.deployment.tags.map((tag) => ({ Key: tag.Key, Value: tag.Value })),
    // The changes are computed while the change set is created; until then there are none to show.
    Changes: changeSet.status === "CREATE_COMPLETE" ? changesShape(changeSet) : [],
    IncludeNestedStacks: false,
    DeploymentConfig: changeSet.deploymentConfig ? deploymentConfigShape(changeSet.deploymentConfig) : undefined,
  }
}

export function changeSetSummaryShape(changeSet: ChangeSet): Shape {
  return {
    StackId: changeSet.stackId,
    StackName: changeSet.stackName,
    ChangeSetId: changeSet.id,
    ChangeSetName: changeSet.name,
    ExecutionStatus: changeSet.executionStatus,
    Status: changeSet.status,
    StatusReason: changeSet.statusReason,
    CreationTime: changeSet.creationTime,
    Description: changeSet.description,
    IncludeNestedStacks: false,
  }
}

function changesShape(changeSet: ChangeSet): Shape[] {
  return changeSet.changes.map((change) => ({
    Type: "Resource",
    ResourceChange: {
      PolicyAction: change.policyAction,
      Action: change.action,
      LogicalResourceId: change.logicalId,
      PhysicalResourceId: change.physicalId,
      ResourceType: change.type,
      Replacement: change.replacement,
      Scope: change.scope,
      Details: change.details.map((detail) => ({ ...detail, Target: { ...detail.Target } })),
    },
  }))
}

function parametersShape(deployment: Deployment): Shape[] {
  return deployment.parameters.map((p) => ({
    ParameterKey: p.key,
    ParameterValue: p.noEcho ? "****" : p.value,
    ResolvedValue: p.type.startsWith("AWS::SSM::Parameter::Value<") ? p.value : undefined,
  }))
}

function deploymentConfigShape(config: NonNullable<Stack["deploymentConfig"]>): Shape {
  return { Mode: config.mode, DisableRollback: config.disableRollback }
}
