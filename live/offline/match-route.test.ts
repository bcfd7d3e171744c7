import assert from "node:assert/strict"
import { test } from "node:test"
import { matchRoute } from "./match-route.ts"

const routes = ["GET /notes", "GET /notes/{id}", "POST /notes", "ANY /notes/{id}", "GET /files/{path+}", "GET /notes/latest", "$default"]

test("a literal path beats a parameter, a method beats ANY, and $default catches the rest", () => {
  assert.deepEqual(matchRoute(routes, "GET", "/notes/latest"), { routeKey: "GET /notes/latest", pathParameters: {} })
  assert.deepEqual(matchRoute(routes, "GET", "/notes/42"), { routeKey: "GET /notes/{id}", pathParameters: { id: "42" } })
  assert.deepEqual(matchRoute(routes, "DELETE", "/notes/42"), { routeKey: "ANY /notes/{id}", pathParameters: { id: "42" } })
  assert.deepEqual(matchRoute(routes, "GET", "/files/a/b/c.txt"), { routeKey: "GET /files/{path+}", pathParameters: { path: "a/b/c.txt" } })
  assert.deepEqual(matchRoute(routes, "PUT", "/elsewhere"), { routeKey: "$default", pathParameters: {} })
})

test("without $default an unknown path matches nothing", () => {
  assert.equal(matchRoute(["GET /notes"], "GET", "/other"), undefined)
  assert.equal(matchRoute(["GET /files/{path+}"], "GET", "/files"), undefined, "a greedy parameter needs at least one segment")
})
