import { KinesisClient, PutRecordCommand } from "@aws-sdk/client-kinesis"

const kinesis = new KinesisClient({})

/** POST /: puts a record on the stream the function is bound to. */
export async function main() {
  await kinesis.send(
    new PutRecordCommand({
      Data: new TextEncoder().encode(JSON.stringify({ message: "Hello from Lambda!" })),
      PartitionKey: "key",
      // `bind: [stream]` sets it, named as SST v1's `KinesisStream.Stream.streamName` reads it.
      StreamName: process.env.SST_KinesisStream_streamName_Stream,
    }),
  )
  console.log("Message queued!")
  return { statusCode: 200, body: JSON.stringify({ status: "successful" }) }
}
