/**
 * The provider Lambda behind every custom resource of a stack (resources/custom-resource/provider.ts
 * declares it). It picks the kind by resource type, runs it, and always answers CloudFormation:
 * on success, on error, and shortly before its own timeout, so a deployment never hangs for the
 * hour CloudFormation would otherwise wait.
 * @module
 */
import { runAuthKeys } from "./auth-keys.ts"
import { failureResponse, sendResponse, successResponse, type CustomResourceEvent, type CustomResourceResult } from "./cfn-response.ts"
import { runScript } from "./script.ts"

/** The Lambda context members the provider reads. */
export interface ProviderContext {
  getRemainingTimeInMillis(): number
  logGroupName?: string
  logStreamName?: string
}

const KINDS: Record<string, (event: CustomResourceEvent) => Promise<CustomResourceResult>> = {
  "Custom::SSTScript": (event) => runScript(event),
  "Custom::AuthKeys": (event) => runAuthKeys(event),
}

/** How long before the Lambda timeout the provider gives up and answers FAILED. */
const TIMEOUT_MARGIN_MS = 10_000

export async function handler(event: CustomResourceEvent, context: ProviderContext): Promise<void> {
  log("request", { RequestType: event.RequestType, ResourceType: event.ResourceType, LogicalResourceId: event.LogicalResourceId })
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("timed out before the work finished")), Math.max(0, context.getRemainingTimeInMillis() - TIMEOUT_MARGIN_MS))
  })
  let response
  try {
    const run = KINDS[event.ResourceType]
    if (!run) throw new Error(`internal: no custom resource kind handles ${event.ResourceType}`)
    response = successResponse(event, await Promise.race([run(event), timeout]))
  } catch (error) {
    const where = context.logGroupName ? `\nProvider logs: ${context.logGroupName} ${context.logStreamName ?? ""}`.trimEnd() : ""
    response = failureResponse(event, `${(error as Error).message ?? String(error)}${where}`)
  } finally {
    clearTimeout(timer)
  }
  log("response", { Status: response.Status, Reason: response.Reason, PhysicalResourceId: response.PhysicalResourceId })
  await sendResponse(event.ResponseURL, response)
}

function log(message: string, data: unknown): void {
  process.stdout.write(`${message} ${JSON.stringify(data)}\n`)
}
