import type { App } from "@serverless-stack/resources"
import { MyStack } from "./MyStack"

export default function main(app: App) {
  app.stack(MyStack)
}
