import { PublishCommand, SNSClient } from "@aws-sdk/client-sns"

const sns = new SNSClient({})

/** POST /order: publishes the order to the topic the function is bound to. */
export async function main() {
  await sns.send(
    new PublishCommand({
      // `bind: [topic]` sets it, named as SST v1's `Topic.Ordered.topicArn` reads it.
      TopicArn: process.env.SST_Topic_topicArn_Ordered,
      Message: JSON.stringify({ ordered: true }),
      MessageStructure: "string",
    }),
  )
  console.log("Order confirmed!")
  return { statusCode: 200, body: JSON.stringify({ status: "successful" }) }
}
