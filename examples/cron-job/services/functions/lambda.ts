/** Runs every minute; EventBridge passes its scheduled event. */
export async function main(event: { time?: string }) {
  console.log(`Hello from the cron job, scheduled for ${event.time ?? "now"} in ${process.env.SST_STAGE}`)
  return {}
}
