// Where a change set's template comes from: TemplateBody, TemplateURL (fetched, as
// CloudFormation fetches it from S3) or UsePreviousTemplate, with the service's size limits.

import type { FakeContext } from "../context.ts"
import { validationError } from "../errors.ts"
import type { QueryParams } from "../query.ts"
import type { Stack } from "../state.ts"
import { MAX_TEMPLATE_BODY_BYTES, MAX_TEMPLATE_URL_BYTES } from "../template.ts"

export async function templateBodyOf(ctx: FakeContext, params: QueryParams, stack: Stack | undefined): Promise<string> {
  const body = params.string("TemplateBody")
  const url = params.string("TemplateURL")
  if (body !== undefined && url !== undefined) throw validationError("Specify exactly one of TemplateBody or TemplateUrl.")
  if (body !== undefined) {
    if (Buffer.byteLength(body) > MAX_TEMPLATE_BODY_BYTES) {
      throw validationError(
        `1 validation error detected: Value at 'templateBody' failed to satisfy constraint: Member must have length less than or equal to ${MAX_TEMPLATE_BODY_BYTES}`,
      )
    }
    return body
  }
  if (url !== undefined) return fetchTemplate(ctx, url)
  if (params.boolean("UsePreviousTemplate")) {
    if (!stack?.deployment) throw validationError("UsePreviousTemplate is only valid for an existing stack with a template")
    return stack.deployment.templateBody
  }
  throw validationError("Either Template URL or Template Body must be specified.")
}

async function fetchTemplate(ctx: FakeContext, url: string): Promise<string> {
  let body: string
  try {
    body = await ctx.fetchTemplateUrl(url)
  } catch {
    // Unverified wording; CloudFormation refuses a TemplateURL it cannot read with a ValidationError.
    throw validationError(`TemplateURL must reference a valid S3 object to which you have access.`)
  }
  if (Buffer.byteLength(body) > MAX_TEMPLATE_URL_BYTES) {
    throw validationError(`Template may not exceed ${MAX_TEMPLATE_URL_BYTES} bytes in size.`)
  }
  return body
}
