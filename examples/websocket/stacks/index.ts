import type { App } from "@serverless-stack/resources"
import { Chat } from "./Chat"

export default function main(app: App) {
  app.setDefaultFunctionProps({ bundle: { format: "esm", externalModules: ["@aws-sdk/*"] } })
  app.stack(Chat)
}
