import type { App } from "@serverless-stack/resources"
import { Settings } from "./Settings"

export default function main(app: App) {
  app.stack(Settings)
}
