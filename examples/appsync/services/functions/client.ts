/** Calls the API with the URL it is bound to (`SST_AppSyncApi_url_AppSyncApi`). */
export async function handler() {
  const url = process.env.SST_AppSyncApi_url_AppSyncApi
  return { url }
}
