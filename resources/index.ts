/**
 * The constructs users import from `sst/constructs` (and, for SST v1 apps, from
 * `@serverless-stack/resources`).
 * @module
 */
export { App, type AppProps } from "./App.ts"
export { Stack, type StackProps } from "./Stack.ts"
export { dependsOn, getStack, use, type FunctionalStack, type FunctionalStackProps, type StackContext } from "./FunctionalStack.ts"
export { Aws, CfnCondition, CfnMapping, CfnParameter, CfnResource, Construct, Fn } from "../compiler/index.ts"
export type { CfnParameterProps, CfnResourceProps, DeletionPolicy, RemovalPolicy, Value } from "../compiler/index.ts"
export { Function, MAX_FUNCTION_NAME_LENGTH } from "./Function.ts"
export type {
  FunctionBundleJavaProps,
  FunctionBundleNodejsProps,
  FunctionBundleProp,
  FunctionBundlePythonProps,
  FunctionCopyFilesProps,
  FunctionDefinition,
  FunctionLayer,
  FunctionNameContext,
  FunctionProps,
  FunctionRuntime,
  FunctionUrlCorsProps,
  FunctionUrlProps,
} from "./function/props.ts"
export { PolicyStatement, type Permission, type Permissions, type PolicyStatementJson, type PolicyStatementProps } from "./function/permissions.ts"
export { isSSTConstruct, type FunctionBinding, type FunctionBindingVariable, type SSTConstruct } from "./bindable.ts"
export type { Duration, Size } from "./function/duration.ts"
export type { LogRetention } from "./function/log-retention.ts"
export { StaticSite, type StaticSiteDomainProps, type StaticSiteFileOptions, type StaticSiteProps, type StaticSiteReplaceProps } from "./StaticSite.ts"
export { ViteStaticSite, type ViteStaticSiteProps } from "./ViteStaticSite.ts"
export { ReactStaticSite, type ReactStaticSiteProps } from "./ReactStaticSite.ts"
