import type { App } from "@serverless-stack/resources"
import { MyStack } from "./MyStack"

export default function main(app: App) {
  // srcPath as in SST v1's templates; the Lambda Node.js runtime provides the AWS SDK.
  app.setDefaultFunctionProps({ srcPath: "services", bundle: { format: "esm", externalModules: ["@aws-sdk/*"] } })
  app.stack(MyStack)
}
