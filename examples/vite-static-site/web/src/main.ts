// VITE_API_URL is the API's URL, passed by the ViteStaticSite's environment.
const list = document.querySelector("#notes") as HTMLUListElement

fetch(`${import.meta.env.VITE_API_URL}/notes`)
  .then((response) => response.json())
  .then((notes: { noteId: string; content: string }[]) => {
    for (const note of notes) {
      const item = document.createElement("li")
      item.textContent = note.content
      list.append(item)
    }
  })
