import { Api as HttpApi, StackContext } from "@serverless-stack/resources"

export function Api({ stack }: StackContext) {
  const api = new HttpApi(stack, "Api", {
    routes: {
      "GET /hello": "functions/hello.main",
    },
  })
  stack.addOutputs({ ApiEndpoint: api.url })
  return { api }
}
