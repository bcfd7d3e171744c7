import { EventBridgeClient, PutEventsCommand } from "@aws-sdk/client-eventbridge"

const eventBridge = new EventBridgeClient({})

/** POST /order: puts an "Order" event on the bus the function is bound to. */
export async function main() {
  await eventBridge.send(
    new PutEventsCommand({
      Entries: [
        {
          // `bind: [bus]` sets it, named as SST v1's `EventBus.Ordered.eventBusName` reads it.
          EventBusName: process.env.SST_EventBus_eventBusName_Ordered,
          Source: "myevent",
          DetailType: "Order",
          Detail: JSON.stringify({ id: "123", name: "My order", items: [{ id: "1", name: "My item", price: 10 }] }),
        },
      ],
    }),
  )
  console.log("Order confirmed!")
  return { statusCode: 200, body: JSON.stringify({ status: "successful" }) }
}
