import { Api, StackContext, ViteStaticSite } from "@serverless-stack/resources"

// The seed page's frontend: the API's URL reaches the Vite app as VITE_API_URL, known only
// after deploy, without being hard-coded.
export function MyStack({ stack }: StackContext) {
  const api = new Api(stack, "Api", {
    routes: {
      "GET /notes": "functions/list.main",
    },
  })

  const site = new ViteStaticSite(stack, "site", {
    path: "web",
    buildCommand: "npm run build",
    environment: {
      VITE_API_URL: api.url,
    },
  })

  stack.addOutputs({
    ApiEndpoint: api.url,
    SiteUrl: site.url,
  })
}
