/**
 * Reads its configuration as SST v1's runtime client does: the parameter from the environment, the
 * secrets (whose environment holds "__FETCH_FROM_SSM__") from SSM at start.
 */
export async function main() {
  return {
    statusCode: 200,
    body: JSON.stringify({
      apiUrl: process.env.SST_Parameter_value_API_URL,
      stripeKeyIsFetchedFromSsm: process.env.SST_Secret_value_STRIPE_KEY === "__FETCH_FROM_SSM__",
    }),
  }
}
