export async function main() {
  // SST_ReactStaticSite_url_Site is "__FETCH_FROM_SSM__": the runtime client reads the site's URL from SSM.
  return {
    statusCode: 200,
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ message: "Hello from the API", site: process.env.SST_ReactStaticSite_url_Site }),
  }
}
