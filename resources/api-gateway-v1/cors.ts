/**
 * CORS of a REST API. REST APIs do not answer preflight requests themselves: every path gets an
 * OPTIONS method with a MOCK integration that returns the CORS headers (what CDK's
 * `defaultCorsPreflightOptions` made under SST v1: every origin, header and method). With
 * `cors: true`, API Gateway's own error answers (4XX, 5XX) carry the headers too, so a browser
 * can read them.
 * @module
 */
import { CfnResource, type Construct } from "../../compiler/index.ts"

const ALLOW_METHODS = "'OPTIONS,GET,PUT,POST,DELETE,PATCH,HEAD'"

/** The OPTIONS method of the path whose resource id is `resourceId`. */
export function createPreflightMethod(scope: Construct, id: string, restApiId: string, resourceId: string): CfnResource {
  const headers = {
    "method.response.header.Access-Control-Allow-Headers": "'*'",
    "method.response.header.Access-Control-Allow-Origin": "'*'",
    "method.response.header.Access-Control-Allow-Methods": ALLOW_METHODS,
  }
  return new CfnResource(scope, id, {
    type: "AWS::ApiGateway::Method",
    properties: {
      RestApiId: restApiId,
      ResourceId: resourceId,
      HttpMethod: "OPTIONS",
      // A preflight carries no credentials: an authorizer here would refuse it.
      AuthorizationType: "NONE",
      Integration: {
        Type: "MOCK",
        RequestTemplates: { "application/json": "{ statusCode: 200 }" },
        IntegrationResponses: [{ StatusCode: "204", ResponseParameters: headers }],
      },
      MethodResponses: [{ StatusCode: "204", ResponseParameters: Object.fromEntries(Object.keys(headers).map((key) => [key, true])) }],
    },
  })
}

/** CORS headers on API Gateway's DEFAULT_4XX and DEFAULT_5XX answers. */
export function createCorsGatewayResponses(scope: Construct, restApiId: string): CfnResource[] {
  return (["4XX", "5XX"] as const).map(
    (kind) =>
      new CfnResource(scope, `GatewayResponseDefault${kind}`, {
        type: "AWS::ApiGateway::GatewayResponse",
        properties: {
          RestApiId: restApiId,
          ResponseType: `DEFAULT_${kind}`,
          ResponseParameters: { "gatewayresponse.header.Access-Control-Allow-Origin": "'*'", "gatewayresponse.header.Access-Control-Allow-Headers": "'*'" },
        },
      }),
  )
}
