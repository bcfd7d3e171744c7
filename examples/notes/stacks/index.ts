import type { App } from "@serverless-stack/resources"
import { Database } from "./Database"
import { Api } from "./Api"

export default function main(app: App) {
  app.setDefaultRemovalPolicy(app.stage === "prod" ? "retain" : "destroy")
  app.stack(Database).stack(Api)
}
