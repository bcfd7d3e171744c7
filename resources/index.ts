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
export { NextjsSite, type NextjsSiteProps, type SsrFunctionProps, type SsrSiteProps } from "./NextjsSite.ts"
export { RemixSite, type RemixSiteProps } from "./RemixSite.ts"
export { Api } from "./Api.ts"
export type {
  ApiAccessLogProps,
  ApiAuthorizer,
  ApiCorsProps,
  ApiDomainProps,
  ApiFunctionRouteProps,
  ApiGraphQLRouteProps,
  ApiHttpRouteProps,
  ApiJwtAuthorizer,
  ApiLambdaAuthorizer,
  ApiPayloadFormatVersion,
  ApiPothosRouteProps,
  ApiProps,
  ApiRouteProps,
  ApiUserPoolAuthorizer,
} from "./Api.ts"
export { GraphQLApi, type GraphQLApiProps } from "./GraphQLApi.ts"
export { AppSyncApi, type AppSyncGraphqlApi } from "./AppSyncApi.ts"
export type {
  AppSyncApiCdkGraphqlProps,
  AppSyncApiDataSource,
  AppSyncApiDomainProps,
  AppSyncApiDynamoDbDataSourceProps,
  AppSyncApiHttpDataSourceProps,
  AppSyncApiLambdaDataSourceProps,
  AppSyncApiNoneDataSourceProps,
  AppSyncApiProps,
  AppSyncApiRdsDataSourceProps,
  AppSyncApiResolver,
  AppSyncApiResolverProps,
  AppSyncAuthorizationMode,
  MappingTemplate,
} from "./appsync-api/props.ts"
export { Cognito, type CognitoUserPool, type CognitoUserPoolClient } from "./Cognito.ts"
export type {
  CognitoIdentityPoolFederationProps,
  CognitoLogin,
  CognitoProps,
  CognitoTriggerName,
  CognitoUserPoolClientProps,
  CognitoUserPoolProps,
  CognitoUserPoolTriggers,
} from "./cognito/props.ts"
export { Auth, type ApiAttachmentProps, type AuthProps } from "./Auth.ts"
export { WebSocketApi } from "./WebSocketApi.ts"
export type { WebSocketApiAccessLogProps, WebSocketApiDomainProps, WebSocketApiFunctionRouteProps, WebSocketApiLambdaAuthorizer, WebSocketApiProps } from "./WebSocketApi.ts"
export { Table, type TableCdkTableProps, type TableConsumerProps, type TableFieldType, type TableGlobalIndexProps, type TableLocalIndexProps, type TableProjection, type TableProps, type TableStreamViewType } from "./Table.ts"
export { Cron, type CronJobProps, type CronProps, type CronSchedule, type CronTargetProps } from "./Cron.ts"
export { Queue, type QueueConsumerProps, type QueueDeadLetterQueueProps, type QueueEventSourceProps, type QueueProps, type QueueSettingsProps } from "./Queue.ts"
export { Topic, type TopicFunctionSubscriberProps, type TopicProps, type TopicQueueSubscriberProps, type TopicSubscriber, type TopicSubscriptionProps } from "./Topic.ts"
export { EventBus, type EventBusFunctionTargetProps, type EventBusProps, type EventBusQueueTargetProps, type EventBusRulePattern, type EventBusRuleProps, type EventBusTarget, type EventBusTargetOptions } from "./EventBus.ts"
export { KinesisStream, type KinesisStreamConsumerProps, type KinesisStreamProps } from "./KinesisStream.ts"
export { Bucket, type BucketCorsRule, type BucketFilter, type BucketFunctionNotificationProps, type BucketNotification, type BucketNotificationEvent, type BucketProps, type BucketQueueNotificationProps, type BucketTopicNotificationProps } from "./Bucket.ts"
export type { StreamEventSourceProps } from "./targets/event-source.ts"
export { ApiGatewayV1Api } from "./ApiGatewayV1Api.ts"
export type {
  ApiGatewayV1ApiAccessLogProps,
  ApiGatewayV1ApiAuthorizer,
  ApiGatewayV1ApiCustomDomainProps,
  ApiGatewayV1ApiFunctionRouteProps,
  ApiGatewayV1ApiLambdaRequestAuthorizer,
  ApiGatewayV1ApiLambdaTokenAuthorizer,
  ApiGatewayV1ApiProps,
  ApiGatewayV1ApiRouteProps,
  ApiGatewayV1ApiUserPoolsAuthorizer,
} from "./ApiGatewayV1Api.ts"
export { RDS, type RDSCapacityUnit, type RDSCurrentEngine, type RDSEngineType, type RDSLegacyEngine, type RDSProps } from "./RDS.ts"
export { Script, type ScriptProps } from "./Script.ts"
export * as Config from "./Config.ts"
export type { ParameterProps } from "./Config.ts"
