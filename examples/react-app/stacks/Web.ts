import { ReactStaticSite, StackContext, use } from "@serverless-stack/resources"
import { Api } from "./Api"

// The site reads the API's URL (a value of another stack, known after deploy), and the API's
// functions read the site's URL through bind: from SSM at run time, so the two stacks do not
// depend on each other in a cycle.
export function Web({ stack }: StackContext) {
  const { api } = use(Api)
  const site = new ReactStaticSite(stack, "Site", {
    path: "frontend",
    environment: {
      REACT_APP_API_URL: api.url,
    },
  })
  api.bind([site])
  stack.addOutputs({ SiteUrl: site.url })
}
