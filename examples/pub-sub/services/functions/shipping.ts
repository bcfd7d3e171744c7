/** Subscriber: ships an order. */
export async function main(event: { Records: { Sns: { Message: string } }[] }) {
  for (const record of event.Records) console.log("Item shipped!", JSON.parse(record.Sns.Message))
  return {}
}
