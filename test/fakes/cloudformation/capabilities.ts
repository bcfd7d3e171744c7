// The capabilities a template needs before CloudFormation accepts it: IAM resources need
// CAPABILITY_IAM, and IAM resources with names chosen by the template CAPABILITY_NAMED_IAM.

import { CfnError } from "./errors.ts"
import type { Template } from "./template.ts"

const IAM_TYPES = new Set([
  "AWS::IAM::AccessKey",
  "AWS::IAM::Group",
  "AWS::IAM::InstanceProfile",
  "AWS::IAM::ManagedPolicy",
  "AWS::IAM::Policy",
  "AWS::IAM::Role",
  "AWS::IAM::User",
  "AWS::IAM::UserToGroupAddition",
])

// The properties that give an IAM resource a custom name.
const IAM_NAME_PROPERTIES = ["GroupName", "InstanceProfileName", "ManagedPolicyName", "RoleName", "UserName"]

export function checkCapabilities(template: Template, capabilities: string[]): void {
  const required = requiredCapability(template)
  if (!required) return
  const granted = capabilities.includes("CAPABILITY_NAMED_IAM") || (required === "CAPABILITY_IAM" && capabilities.includes("CAPABILITY_IAM"))
  if (!granted) throw new CfnError("InsufficientCapabilitiesException", `Requires capabilities : [${required}]`)
}

function requiredCapability(template: Template): "CAPABILITY_IAM" | "CAPABILITY_NAMED_IAM" | undefined {
  let required: "CAPABILITY_IAM" | "CAPABILITY_NAMED_IAM" | undefined
  for (const resource of Object.values(template.Resources)) {
    if (!IAM_TYPES.has(resource.Type)) continue
    const properties = resource.Properties ?? {}
    if (IAM_NAME_PROPERTIES.some((name) => properties[name] !== undefined)) return "CAPABILITY_NAMED_IAM"
    required = "CAPABILITY_IAM"
  }
  return required
}
