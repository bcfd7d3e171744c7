/**
 * Function URLs: the `AWS::Lambda::Url` and the permissions that let anyone call it.
 *
 * Since October 2025 Lambda asks for two statements on a public function URL: the
 * `lambda:InvokeFunctionUrl` permission with `FunctionUrlAuthType: NONE`, and `lambda:InvokeFunction`
 * restricted to calls through the URL (`InvokedViaFunctionUrl`). Without the second, new URLs
 * answer 403.
 * @module
 */
import { CfnResource, type Construct, type Value } from "../../compiler/index.ts"
import { toSeconds } from "./duration.ts"
import type { FunctionUrlCorsProps, FunctionUrlProps } from "./props.ts"

/** Creates the URL of `fn` and returns the resource. */
export function createFunctionUrl(scope: Construct, fn: CfnResource, url: true | FunctionUrlProps): CfnResource {
  const props = url === true ? {} : url
  const authType = props.authorizer === "iam" ? "AWS_IAM" : "NONE"
  const resource = new CfnResource(scope, "Url", {
    type: "AWS::Lambda::Url",
    properties: { TargetFunctionArn: fn.getAtt("Arn"), AuthType: authType, Cors: corsOf(props.cors) },
  })
  if (authType === "NONE") {
    new CfnResource(scope, "UrlPermission", {
      type: "AWS::Lambda::Permission",
      properties: { Action: "lambda:InvokeFunctionUrl", FunctionName: fn.getAtt("Arn"), Principal: "*", FunctionUrlAuthType: "NONE" },
    })
    new CfnResource(scope, "UrlInvokePermission", {
      type: "AWS::Lambda::Permission",
      properties: { Action: "lambda:InvokeFunction", FunctionName: fn.getAtt("Arn"), Principal: "*", InvokedViaFunctionUrl: true },
    })
  }
  return resource
}

/** SST v1's default is to allow every origin, header and method. */
function corsOf(cors: boolean | FunctionUrlCorsProps | undefined): Record<string, Value> | undefined {
  if (cors === false) return undefined
  const c = cors === true || cors === undefined ? {} : cors
  const out: Record<string, Value> = {
    AllowCredentials: c.allowCredentials,
    AllowHeaders: c.allowHeaders ?? ["*"],
    AllowMethods: c.allowMethods ?? ["*"],
    AllowOrigins: c.allowOrigins ?? ["*"],
    ExposeHeaders: c.exposeHeaders,
    MaxAge: c.maxAge === undefined ? undefined : toSeconds(c.maxAge),
  }
  for (const key of Object.keys(out)) if (out[key] === undefined) delete out[key]
  return out
}
