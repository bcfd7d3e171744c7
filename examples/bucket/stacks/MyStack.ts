import { Api, Bucket, StackContext } from "@serverless-stack/resources"

export function MyStack({ stack }: StackContext) {
  // Files put under uploads/ are copied to processed/ by the notification function, which reads
  // and writes its own bucket: bound to it, without a circular dependency.
  const bucket = new Bucket(stack, "Bucket", {
    cors: [{ allowedMethods: ["GET", "PUT"], allowedOrigins: ["*"], maxAge: "1 day" }],
    notifications: {
      process: {
        function: "functions/process.main",
        events: ["object_created"],
        filters: [{ prefix: "uploads/" }],
      },
    },
  })
  bucket.bind([bucket])

  const api = new Api(stack, "Api", {
    defaults: { function: { bind: [bucket] } },
    routes: {
      "GET /files": "functions/list.main",
    },
  })

  stack.addOutputs({ ApiEndpoint: api.url, BucketName: bucket.bucketName })
}
