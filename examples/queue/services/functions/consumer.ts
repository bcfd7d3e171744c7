interface SQSEvent {
  Records: { messageId: string; body: string }[]
}

/** Receives up to five messages at a time; a message that fails alone is retried alone. */
export async function main(event: SQSEvent) {
  const batchItemFailures: { itemIdentifier: string }[] = []
  for (const record of event.Records) {
    try {
      console.log("Message processed:", JSON.parse(record.body))
    } catch {
      batchItemFailures.push({ itemIdentifier: record.messageId })
    }
  }
  return { batchItemFailures }
}
