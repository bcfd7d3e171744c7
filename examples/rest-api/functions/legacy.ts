/** Everything under /legacy/: a catch-all route ({proxy+}) answers with the path it got. */
export async function main(event: { pathParameters?: { proxy?: string } | null; httpMethod: string }) {
  return { statusCode: 410, body: `${event.httpMethod} /legacy/${event.pathParameters?.proxy ?? ""} is gone` }
}
