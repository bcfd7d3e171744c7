// Rendered on each request by the server function; NEXT_PUBLIC_API_URL is the API's URL, known
// only after deploy.
export const dynamic = "force-dynamic"

export default function Home() {
  return (
    <main>
      <h1>Hello from Next.js</h1>
      <p id="api">API: {process.env.NEXT_PUBLIC_API_URL}</p>
      <p id="region">Region: {process.env.AWS_REGION ?? "local"}</p>
    </main>
  )
}
