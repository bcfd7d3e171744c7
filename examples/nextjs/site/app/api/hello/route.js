export const dynamic = "force-dynamic"

export function GET() {
  return Response.json({ message: "Hello from a route handler", table: process.env.TABLE_NAME ?? null })
}
