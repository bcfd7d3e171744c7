import { Api, EventBus, StackContext } from "@serverless-stack/resources"

export function MyStack({ stack }: StackContext) {
  const bus = new EventBus(stack, "Ordered", {
    rules: {
      rule1: {
        pattern: {
          source: ["myevent"],
          detailType: ["Order"],
        },
        targets: {
          receipt: "functions/receipt.main",
          shipping: "functions/shipping.main",
        },
      },
    },
  })

  const api = new Api(stack, "Api", {
    defaults: { function: { bind: [bus] } },
    routes: {
      "POST /order": "functions/order.main",
    },
  })

  stack.addOutputs({ ApiEndpoint: api.url })
}
