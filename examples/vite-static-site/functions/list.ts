export async function main() {
  return {
    statusCode: 200,
    body: JSON.stringify([{ noteId: "1", content: "Hello from the API" }]),
  }
}
