interface KinesisEvent {
  Records: { kinesis: { data: string } }[]
}

/** Consumer 2: reads each record's data (base64 JSON). */
export async function main(event: KinesisEvent) {
  for (const record of event.Records) console.log("Consumer 2 received:", JSON.parse(Buffer.from(record.kinesis.data, "base64").toString("utf8")))
  return {}
}
