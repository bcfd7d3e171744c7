import { useEffect, useState } from "react"
import { createRoot } from "react-dom/client"

function App() {
  const [message, setMessage] = useState("Loading...")
  useEffect(() => {
    fetch(`${import.meta.env.REACT_APP_API_URL}/hello`)
      .then((response) => response.json())
      .then((body) => setMessage(body.message))
  }, [])
  return <h1>{message}</h1>
}

createRoot(document.getElementById("root")).render(<App />)
