import { StackContext, Table } from "@serverless-stack/resources"

export function Database({ stack }: StackContext) {
  const notes = new Table(stack, "Notes", {
    fields: { id: "string" },
    primaryIndex: { partitionKey: "id" },
  })
  return { notes }
}
