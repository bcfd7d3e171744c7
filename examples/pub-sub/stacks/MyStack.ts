import { Api, StackContext, Topic } from "@serverless-stack/resources"

export function MyStack({ stack }: StackContext) {
  // Every order notifies both the receipt and the shipping services.
  const topic = new Topic(stack, "Ordered", {
    subscribers: {
      receipt: "functions/receipt.main",
      shipping: "functions/shipping.main",
    },
  })

  const api = new Api(stack, "Api", {
    defaults: { function: { bind: [topic] } },
    routes: {
      "POST /order": "functions/order.main",
    },
  })

  stack.addOutputs({ ApiEndpoint: api.url })
}
