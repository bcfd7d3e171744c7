/** Target of rule1: ships an order. */
export async function main(event: { "detail-type": string; detail: unknown }) {
  console.log("Item shipped!", event["detail-type"], event.detail)
  return {}
}
