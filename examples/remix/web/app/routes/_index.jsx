import { json } from "@remix-run/node"
import { useLoaderData } from "@remix-run/react"

export const meta = () => [{ title: "Remix on SST" }]

// Runs in the server function: TABLE_NAME comes from RemixSite's environment.
export function loader() {
  return json({ table: process.env.TABLE_NAME ?? "none" })
}

export default function Index() {
  const { table } = useLoaderData()
  return (
    <main>
      <h1>Hello from Remix</h1>
      <p id="table">Table: {table}</p>
    </main>
  )
}
