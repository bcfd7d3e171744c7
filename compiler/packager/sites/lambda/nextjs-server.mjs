// Written by sst build beside OpenNext's server (compiler/packager/sites/server-wrapper.ts):
// OpenNext's handler, with the deploy-time values of the site's environment put in place of the
// placeholders ("{{ KEY }}") the build inlined into text responses.
import { handler as openNext } from "__SERVER_BUILD__"

const TEXT = /^(text\/|application\/(json|javascript|xml|x-component)|[^;]*\+(json|xml))/i
const pairs = JSON.parse(process.env.SST_SITE_PLACEHOLDERS || "[]").map((key) => ["{{ " + key + " }}", process.env[key] ?? ""])

function contentType(headers) {
  for (const [name, value] of Object.entries(headers || {})) if (name.toLowerCase() === "content-type") return String(value)
  return ""
}

export async function handler(event, context) {
  const response = await openNext(event, context)
  if (pairs.length === 0 || !response || typeof response.body !== "string" || !TEXT.test(contentType(response.headers))) return response
  const original = response.isBase64Encoded ? Buffer.from(response.body, "base64").toString("utf8") : response.body
  let body = original
  for (const [placeholder, value] of pairs) body = body.split(placeholder).join(value)
  if (body === original) return response
  const headers = { ...response.headers }
  for (const name of Object.keys(headers)) if (name.toLowerCase() === "content-length") delete headers[name]
  return { ...response, headers, body: response.isBase64Encoded ? Buffer.from(body).toString("base64") : body }
}
