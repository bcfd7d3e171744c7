import type { App } from "@serverless-stack/resources"
import { AuthApi } from "./AuthApi"

export default function main(app: App) {
  app.stack(AuthApi)
}
