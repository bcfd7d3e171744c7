import type { App } from "@serverless-stack/resources"
import { Database } from "./Database"

export default function main(app: App) {
  app.stack(Database)
}
