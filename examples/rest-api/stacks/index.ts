import type { App } from "@serverless-stack/resources"
import { RestApi } from "./RestApi"

export default function main(app: App) {
  app.stack(RestApi)
}
