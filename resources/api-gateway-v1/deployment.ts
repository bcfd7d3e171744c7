/**
 * The deployment of a REST API, and why its logical ID carries a hash.
 *
 * A REST API serves what its stage's deployment captured, and an `AWS::ApiGateway::Deployment`
 * captures the API once, when it is created: updating the resource (its Description, say) does not
 * redeploy. So the deployment is replaced whenever the API changes, by a logical ID that changes
 * with it: `Deployment_<hash>` ("ApiDeployment3f2a9c1b"), where the hash (8 hex digits of SHA-256)
 * covers the properties of every method, path resource, authorizer and gateway response of the
 * API. CloudFormation creates the new deployment, points the stage at it, then deletes the old
 * one. References inside those properties are described by the construct paths they point to, so
 * the hash depends on the app's definition only: the same app gives the same ID on any machine.
 * This is the one hash in our logical IDs; it is the mechanism, not a way to make names unique.
 * @module
 */
import { createHash } from "node:crypto"
import { CfnResource, Intrinsic, type Construct, type CoreApp } from "../../compiler/index.ts"
import type { ResolveContext } from "../../compiler/intrinsics.ts"
import { decodeDetached, splitTokens } from "../../compiler/tokens.ts"

/** 8 hex digits of SHA-256 over the resources' types and properties, references by path. */
export function fingerprintResources(app: CoreApp, resources: readonly CfnResource[]): string {
  const description = resources.map((resource) => [resource.path, resource.type, describe(resource.properties, app)])
  return createHash("sha256").update(JSON.stringify(description)).digest("hex").slice(0, 8)
}

/** Creates `Deployment_<hash>` in `scope`, after every method. */
export function createDeployment(scope: Construct, restApiId: string, hashed: readonly CfnResource[], methods: readonly CfnResource[]): CfnResource {
  const deployment = new CfnResource(scope, `Deployment_${fingerprintResources(scope.app, hashed)}`, {
    type: "AWS::ApiGateway::Deployment",
    properties: { RestApiId: restApiId, Description: "Created by sst: replaced whenever the API's routes change" },
  })
  // A deployment made before a method exists would not serve it.
  deployment.addDependency(...methods)
  return deployment
}

function describe(value: unknown, app: CoreApp): unknown {
  if (typeof value === "string") {
    const parts = splitTokens(value).map((part) => ("literal" in part ? part.literal : describeToken(part.key, app)))
    return parts.length === 1 ? parts[0] : parts
  }
  if (value instanceof Intrinsic) return value.resolve(contextFor(app))
  if (Array.isArray(value)) return value.map((item) => describe(item, app))
  if (value !== null && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, describe(item, app)]))
  return value
}

function describeToken(key: string, app: CoreApp): unknown {
  const intrinsic = app.tokens.lookup(key)
  return intrinsic ? intrinsic.resolve(contextFor(app)) : decodeDetached(key)
}

/** Resolves references to the paths of what they point at: the same on every build. */
function contextFor(app: CoreApp): ResolveContext {
  return {
    at: "(REST API deployment hash)",
    resolve: (nested) => describe(nested, app),
    logicalIdOf: (element) => element.path,
    isLocal: () => true,
    crossStack: () => {
      throw new Error("internal: every element is local while hashing")
    },
  }
}
