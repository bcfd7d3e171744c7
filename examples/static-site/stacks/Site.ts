import { StackContext, StaticSite } from "@serverless-stack/resources"

// A plain website without a build: the files of site/public are uploaded as they are, a missing
// page answers with 404.html, and the JSON feed is cached for a minute instead of revalidated.
export function Site({ stack, app }: StackContext) {
  const site = new StaticSite(stack, "Site", {
    path: "site",
    buildOutput: "public",
    errorPage: "404.html",
    environment: {},
    replaceValues: [{ files: "*.html", search: "__STAGE__", replace: app.stage }],
    fileOptions: [{ exclude: "*", include: "*.json", cacheControl: "public,max-age=60" }],
  })
  stack.addOutputs({ SiteUrl: site.url, BucketName: site.bucketName, DistributionId: site.distributionId })
}
