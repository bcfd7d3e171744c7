import assert from "node:assert/strict"
import { test } from "node:test"
import { normalizeRouteKey, parseRouteKey, routeConstructSuffix, type RouteKey } from "./route-key.ts"

test("parseRouteKey normalises spacing and method case, and reads $default", () => {
  assert.deepEqual(parseRouteKey("get    /notes/{id}"), { key: "GET /notes/{id}", method: "GET", path: "/notes/{id}", isDefault: false })
  assert.deepEqual(parseRouteKey(" $default "), { key: "$default", method: "ANY", path: "$default", isDefault: true })
  assert.equal(normalizeRouteKey("POST\t/notes"), "POST /notes")
  assert.equal(normalizeRouteKey("not a key"), "not a key")
})

test("parseRouteKey gives the fix for each kind of bad key", () => {
  const fix = (key: string) => (parseRouteKey(key) as { fix: string }).fix
  assert.equal(fix(""), 'write a method and a path, e.g. "GET /notes".')
  assert.equal(fix("GET"), 'write the path after the method: "GET /".')
  assert.equal(fix("GET /notes/{id"), 'close the brace: "GET /notes/{id}".')
  assert.equal(fix("GET /notes/id}"), 'open the brace: "GET /notes/{id}".')
  assert.equal(fix("GET /notes/x{id}"), 'make the parameter the whole segment: "GET /notes/{id}".')
  assert.equal(fix("GET /notes/{}"), `name the parameter with letters, digits, '_', '-' or '.': "GET /notes/{id}".`)
  assert.equal(fix("GET /a//b"), 'remove the empty segment ("//"): "GET /a/b".')
  assert.equal(fix("DELET /notes"), 'use one of the methods: "DELETE /notes".')
})

test("routeConstructSuffix keeps letters, digits, '-' and '_' of each segment", () => {
  const suffix = (key: string) => routeConstructSuffix(parseRouteKey(key) as RouteKey)
  assert.equal(suffix("GET /notes/{id}"), "GET_notes_id")
  assert.equal(suffix("ANY /{proxy+}"), "ANY_proxy")
  assert.equal(suffix("GET /"), "GET")
  assert.equal(suffix("$default"), "default")
  assert.equal(suffix("GET /user-profile/v1.2"), "GET_user-profile_v12")
})
