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
