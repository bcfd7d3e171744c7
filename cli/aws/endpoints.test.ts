import assert from "node:assert/strict"
import { test } from "node:test"
import { endpointOverride, objectUrl } from "./endpoints.ts"

test("a service's own endpoint variable wins over AWS_ENDPOINT_URL, as in every AWS SDK", () => {
  const env = { AWS_ENDPOINT_URL: "http://127.0.0.1:4566/", AWS_ENDPOINT_URL_S3: "http://127.0.0.1:9000" }
  assert.equal(endpointOverride("s3", env), "http://127.0.0.1:9000")
  assert.equal(endpointOverride("cloudformation", env), "http://127.0.0.1:4566")
  assert.equal(endpointOverride("sts", {}), undefined)
})

test("template URLs are path-style on an overridden S3 endpoint and virtual-hosted on AWS", () => {
  assert.equal(objectUrl("b", "templates/x y.json", "us-east-1", "http://127.0.0.1:9000"), "http://127.0.0.1:9000/b/templates/x%20y.json")
  assert.equal(objectUrl("b", "templates/x.json", "eu-west-1", undefined), "https://b.s3.eu-west-1.amazonaws.com/templates/x.json")
  assert.equal(objectUrl("b", "k", "cn-north-1", undefined), "https://b.s3.cn-north-1.amazonaws.com.cn/k")
})
