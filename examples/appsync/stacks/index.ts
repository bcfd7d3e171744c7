import type { App } from "@serverless-stack/resources"
import { Database } from "./Database"
import { Graph } from "./Graph"

export default function main(app: App) {
  app.setDefaultFunctionProps({ srcPath: "services", bundle: { format: "esm" } })
  app.stack(Database).stack(Graph)
}
