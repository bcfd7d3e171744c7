/**
 * A local fake of the AWS CloudFormation API that speaks its wire protocol (awsQuery) over HTTP
 * on 127.0.0.1, for tests that drive the real `@aws-sdk/client-cloudformation` client.
 * @module
 */

export { startCloudFormationFake } from "./fake.ts"
export type { CloudFormationFake, CloudFormationFakeOptions, StackView } from "./fake.ts"
export type { FaultOperation, FaultOptions } from "./faults.ts"
export type { Provisioner, Provisioners } from "./provision.ts"
export type { Call } from "./server.ts"
