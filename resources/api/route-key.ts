/**
 * Route keys of an HTTP API: `"GET /notes/{id}"`, `"ANY /{proxy+}"`, `"$default"`.
 *
 * SST v1 accepted any run of spaces between the method and the path and a method in any case;
 * we do too, and store the key normalised (`"GET /notes"`), so `"GET    /notes"` and
 * `"get /notes"` name the same route. A key we cannot read is reported with what is allowed and
 * the smallest fix, never guessed.
 * @module
 */
import { closest } from "../../compiler/props.ts"

export const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "ANY"] as const
export type HttpMethod = (typeof HTTP_METHODS)[number]

/** The `$default` route catches every request no other route matches. */
export const DEFAULT_ROUTE_KEY = "$default"

export const ROUTE_KEY_ALLOWED = `"<METHOD> /<path>" or "${DEFAULT_ROUTE_KEY}", METHOD one of ${HTTP_METHODS.join(" ")};\npath parameters written {name} or {name+}.`

export interface RouteKey {
  /** The normalised key, as API Gateway takes it: "GET /notes/{id}" or "$default". */
  key: string
  /** "ANY" for `$default`. */
  method: HttpMethod
  /** The path, or "$default". */
  path: string
  isDefault: boolean
}

/** Why a key was refused, and the smallest change that makes it right. */
export interface RouteKeyError {
  fix: string
}

/** Reads a route key; returns the parsed key or the fix for it. */
export function parseRouteKey(raw: string): RouteKey | RouteKeyError {
  const text = raw.trim()
  if (text === DEFAULT_ROUTE_KEY) return { key: DEFAULT_ROUTE_KEY, method: "ANY", path: DEFAULT_ROUTE_KEY, isDefault: true }
  const parts = text.split(/\s+/).filter((part) => part !== "")
  if (parts.length === 0) return { fix: 'write a method and a path, e.g. "GET /notes".' }
  if (parts.includes(DEFAULT_ROUTE_KEY)) return { fix: `write "${DEFAULT_ROUTE_KEY}" alone, without a method.` }
  if (parts.length === 1) {
    return parts[0].startsWith("/")
      ? { fix: `put the method before the path: "GET ${parts[0]}".` }
      : { fix: `write the path after the method: "${parts[0].toUpperCase()} /".` }
  }
  if (parts.length > 2) return { fix: `write one method and one path, without spaces inside the path: "${parts[0]} ${parts.slice(1).join("")}".` }
  const method = parts[0].toUpperCase()
  const path = parts[1]
  if (!(HTTP_METHODS as readonly string[]).includes(method)) {
    const suggestion = closest(method, HTTP_METHODS) ?? "GET"
    return { fix: `use one of the methods: "${suggestion} ${path}".` }
  }
  const invalid = checkPath(path)
  if (invalid) return { fix: `${invalid.fix}: "${method} ${invalid.fixedPath}".` }
  return { key: `${method} ${path}`, method: method as HttpMethod, path, isDefault: false }
}

export function isRouteKeyError(value: RouteKey | RouteKeyError): value is RouteKeyError {
  return "fix" in value
}

/** The key a lookup (`getFunction("GET   /notes")`) means; unreadable keys are returned trimmed. */
export function normalizeRouteKey(raw: string): string {
  const parsed = parseRouteKey(raw)
  return isRouteKeyError(parsed) ? raw.trim() : parsed.key
}

/** What is wrong with a path and the path corrected; undefined when the path is valid. */
function checkPath(path: string): { fix: string; fixedPath: string } | undefined {
  if (!path.startsWith("/")) return { fix: 'start the path with "/"', fixedPath: `/${path}` }
  const segments = path.split("/").slice(1)
  const names = new Set<string>()
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]
    if (segment === "" && i < segments.length - 1) return { fix: 'remove the empty segment ("//")', fixedPath: path.replace(/\/{2,}/g, "/") }
    const open = segment.indexOf("{")
    const close = segment.indexOf("}")
    if (open === -1 && close === -1) continue
    const at = (replacement: string) => ["", ...segments.slice(0, i), replacement, ...segments.slice(i + 1)].join("/")
    if (open !== -1 && close === -1) return { fix: "close the brace", fixedPath: at(`${segment}}`) }
    if (open === -1 || close < open) return { fix: "open the brace", fixedPath: at(`{${segment.replace(/[{}]/g, "")}}`) }
    if (open !== 0 || close !== segment.length - 1) return { fix: "make the parameter the whole segment", fixedPath: at(segment.slice(open, close + 1)) }
    const inner = segment.slice(1, -1)
    const greedy = inner.endsWith("+")
    const name = greedy ? inner.slice(0, -1) : inner
    if (!/^[A-Za-z0-9_.-]+$/.test(name)) return { fix: "name the parameter with letters, digits, '_', '-' or '.'", fixedPath: at(greedy ? "{proxy+}" : "{id}") }
    if (greedy && i !== segments.length - 1) return { fix: `make {${inner}} the last segment`, fixedPath: at(segment).split("/").slice(0, i + 2).join("/") }
    if (names.has(name)) return { fix: "give each parameter its own name", fixedPath: at(`{${name}2${greedy ? "+" : ""}}`) }
    names.add(name)
  }
  return undefined
}

/**
 * The id of a route's constructs: "GET /notes/{id}" → "GET_notes_id", "$default" → "default".
 * Only letters, digits, '-' and '_' (construct ids), readable in logical IDs ("ApiRouteGETnotesid").
 */
export function routeConstructSuffix(route: RouteKey): string {
  if (route.isDefault) return "default"
  const words = route.path
    .split("/")
    .map((segment) => segment.replace(/[^A-Za-z0-9_-]/g, ""))
    .filter((segment) => segment !== "")
  return [route.method, ...words].join("_")
}
