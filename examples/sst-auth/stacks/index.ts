import type { App } from "@serverless-stack/resources"
import { MyStack } from "./MyStack"

export default function main(app: App) {
  app.setDefaultFunctionProps({ srcPath: "services", runtime: "nodejs16.x" })
  app.stack(MyStack)
}
