import type { App } from "@serverless-stack/resources"
import { Api } from "./Api"
import { Web } from "./Web"

export default function main(app: App) {
  app.stack(Api).stack(Web)
}
