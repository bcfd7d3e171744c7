/** `Query.stats`: a resolver defined by a function gets a data source of its own. */
export async function handler() {
  return { count: 0 }
}
