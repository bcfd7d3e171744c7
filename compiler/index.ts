/**
 * The compiler: the construct tree, references, logical IDs and template emission.
 * @module
 */
export { CoreApp, type CoreAppProps } from "./app.ts"
export { assetsBucket, ASSETS_BUCKET_NAME_TEMPLATE, type Asset } from "./assets.ts"
export { CfnCondition, CfnMapping, CfnParameter, type CfnParameterProps } from "./cfn-elements.ts"
export { Construct, CONSTRUCT_ID_PATTERN } from "./construct.ts"
export { CfnElement } from "./element.ts"
export { emitApp, type EmitResult, type EmittedStack, type Template } from "./emit.ts"
export { formatProblem, ProjectError, ValidationError, type Problem } from "./errors.ts"
export { Aws, Fn, GetAtt, Intrinsic, Lazy, PseudoParameter, Ref, Sub, type Value } from "./intrinsics.ts"
export { MAX_OUTPUTS, MAX_PARAMETERS, MAX_RESOURCES, MAX_TEMPLATE_BODY_BYTES, MAX_TEMPLATE_BYTES } from "./limits.ts"
export { logicalIdFromComponents } from "./logical-id.ts"
export type { Manifest, ManifestAsset, ManifestOutputRef, ManifestSite, ManifestSiteFileOption, ManifestStack } from "./manifest.ts"
export { assertSameShape, parseProps } from "./props.ts"
export { CfnResource, type CfnResourceProps, type DeletionPolicy, type RemovalPolicy } from "./resource.ts"
export { CoreStack, type OutputDefinition, type StackProps } from "./stack.ts"
export { hasToken } from "./tokens.ts"
