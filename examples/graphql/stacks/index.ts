import type { App } from "@serverless-stack/resources"
import { Api } from "./Api"

export default function main(app: App) {
  app.stack(Api)
}
