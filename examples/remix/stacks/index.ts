import type { App } from "@serverless-stack/resources"
import { Site } from "./Site"

export default function main(app: App) {
  app.stack(Site)
}
