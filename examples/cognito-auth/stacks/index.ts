import type { App } from "@serverless-stack/resources"
import { AuthStack } from "./AuthStack"
import { ApiStack } from "./ApiStack"

export default function main(app: App) {
  app.setDefaultFunctionProps({ srcPath: "services" })
  app.stack(AuthStack).stack(ApiStack)
}
