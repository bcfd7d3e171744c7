import { SendMessageCommand, SQSClient } from "@aws-sdk/client-sqs"

const sqs = new SQSClient({})

/** POST /: puts a message on the queue the function is bound to. */
export async function main() {
  await sqs.send(
    new SendMessageCommand({
      // `bind: [queue]` sets it, named as SST v1's `Queue.Queue.queueUrl` reads it.
      QueueUrl: process.env.SST_Queue_queueUrl_Queue,
      MessageBody: JSON.stringify({ ordered: true }),
    }),
  )
  console.log("Message queued!")
  return { statusCode: 200, body: JSON.stringify({ status: "successful" }) }
}
