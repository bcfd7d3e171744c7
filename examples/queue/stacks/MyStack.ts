import { Api, Queue, StackContext } from "@serverless-stack/resources"

export function MyStack({ stack }: StackContext) {
  // Messages the consumer fails five times land here instead of being retried forever.
  const failed = new Queue(stack, "Failed", { retentionPeriod: "14 days" })

  const queue = new Queue(stack, "Queue", {
    consumer: {
      function: "functions/consumer.main",
      cdk: { eventSource: { batchSize: 5, reportBatchItemFailures: true } },
    },
    cdk: { queue: { deadLetterQueue: { queue: failed, maxReceiveCount: 5 } } },
  })

  const api = new Api(stack, "Api", {
    defaults: { function: { bind: [queue] } },
    routes: {
      "POST /": "functions/lambda.main",
    },
  })

  stack.addOutputs({ ApiEndpoint: api.url })
}
