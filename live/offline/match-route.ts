/**
 * HTTP API route selection, as API Gateway does it: a route for the request's method wins over
 * `ANY`; among paths, the most specific wins (literal segments before `{param}`, `{proxy+}`
 * last); `$default` catches the rest.
 * @module
 */

export interface RouteMatch {
  routeKey: string
  pathParameters: Record<string, string>
}

interface ParsedRoute {
  routeKey: string
  method: string
  segments: string[]
}

export function matchRoute(routeKeys: readonly string[], method: string, path: string): RouteMatch | undefined {
  const requestSegments = path.split("/").filter((s) => s !== "").map(decodeURIComponent)
  const candidates: { route: ParsedRoute; pathParameters: Record<string, string>; score: number[] }[] = []
  for (const routeKey of routeKeys) {
    if (routeKey === "$default") continue
    const route = parseRouteKey(routeKey)
    if (!route || (route.method !== "ANY" && route.method !== method.toUpperCase())) continue
    const pathParameters = matchSegments(route.segments, requestSegments)
    if (!pathParameters) continue
    candidates.push({ route, pathParameters, score: specificity(route) })
  }
  candidates.sort((a, b) => compareScores(b.score, a.score))
  const best = candidates[0]
  if (best) return { routeKey: best.route.routeKey, pathParameters: best.pathParameters }
  return routeKeys.includes("$default") ? { routeKey: "$default", pathParameters: {} } : undefined
}

function parseRouteKey(routeKey: string): ParsedRoute | undefined {
  const match = /^([A-Z]+)\s+(\/\S*)$/.exec(routeKey.trim())
  if (!match) return undefined
  return { routeKey, method: match[1], segments: match[2].split("/").filter((s) => s !== "") }
}

function matchSegments(route: string[], request: string[]): Record<string, string> | undefined {
  const parameters: Record<string, string> = {}
  for (let i = 0; i < route.length; i++) {
    const segment = route[i]
    const greedy = /^\{(.+)\+\}$/.exec(segment)
    if (greedy) {
      if (i !== route.length - 1 || request.length <= i) return undefined
      parameters[greedy[1]] = request.slice(i).join("/")
      return parameters
    }
    if (i >= request.length) return undefined
    const param = /^\{(.+)\}$/.exec(segment)
    if (param) parameters[param[1]] = request[i]
    else if (segment !== request[i]) return undefined
  }
  return route.length === request.length ? parameters : undefined
}

/** Higher is more specific: method before ANY, then literal segments, then fewer greedy ones. */
function specificity(route: ParsedRoute): number[] {
  const literals = route.segments.filter((s) => !s.startsWith("{")).length
  const greedy = route.segments.some((s) => s.endsWith("+}")) ? 0 : 1
  return [route.method === "ANY" ? 0 : 1, greedy, literals, route.segments.length]
}

function compareScores(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i]
  return 0
}
