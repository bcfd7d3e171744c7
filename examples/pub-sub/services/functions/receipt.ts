/** Subscriber: sends the receipt of an order. */
export async function main(event: { Records: { Sns: { Message: string } }[] }) {
  for (const record of event.Records) console.log("Receipt sent!", JSON.parse(record.Sns.Message))
  return {}
}
