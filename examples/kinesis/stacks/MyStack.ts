import { Api, KinesisStream, StackContext } from "@serverless-stack/resources"

export function MyStack({ stack }: StackContext) {
  // Two consumers read every record of the stream.
  const stream = new KinesisStream(stack, "Stream", {
    consumers: {
      consumer1: "functions/consumer1.main",
      consumer2: "functions/consumer2.main",
    },
  })

  const api = new Api(stack, "Api", {
    defaults: { function: { bind: [stream] } },
    routes: {
      "POST /": "functions/lambda.main",
    },
  })

  stack.addOutputs({ ApiEndpoint: api.url })
}
