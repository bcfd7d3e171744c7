import { Config, Function, StackContext } from "@serverless-stack/resources"

export function Settings({ stack }: StackContext) {
  // A plain value: in the function's environment and in SSM.
  const API_URL = new Config.Parameter(stack, "API_URL", { value: "https://api.example.com" })
  // Secrets: set with `sst secrets set STRIPE_KEY <value>`; never in the app or its templates.
  const STRIPE_KEY = new Config.Secret(stack, "STRIPE_KEY")
  const { GITHUB_TOKEN } = Config.Secret.create(stack, "GITHUB_TOKEN")

  new Function(stack, "Checkout", {
    handler: "services/checkout.main",
    bind: [API_URL, STRIPE_KEY, GITHUB_TOKEN],
  })
}
