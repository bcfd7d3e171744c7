/** Target of rule1: sends the receipt of an order. */
export async function main(event: { "detail-type": string; detail: unknown }) {
  console.log("Receipt sent!", event["detail-type"], event.detail)
  return {}
}
