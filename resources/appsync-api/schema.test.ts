import assert from "node:assert/strict"
import { test } from "node:test"
import { mergeSchemas } from "./schema.ts"

test("mergeSchemas folds extend type and repeated types into the first, keeping descriptions, directives and defaults", () => {
  const { definition, problems } = mergeSchemas([
    {
      file: "a.graphql",
      text: '# a comment with { braces }\n"""A note"""\ntype Note @aws_api_key {\n  id: ID!\n  "the text"\n  content(format: String = "md"): String\n}\nunion Thing = Note | User\ntype Query { notes: [Note!]! }\n',
    },
    {
      file: "b.graphql",
      text: "extend type Query {\n  users: [User]\n  notes: [Note!]!\n}\nenum Status { ACTIVE @deprecated(reason: \"use ON\") ON }\ninput Filter { status: Status = ACTIVE, limit: Int = 10 }\ntype User { id: ID! }\nunion Thing = Note | User\nscalar AWSDate\n",
    },
  ])
  assert.deepEqual(problems, [])
  assert.equal(
    definition,
    [
      '"""A note"""\ntype Note @aws_api_key {\n  id: ID!\n  "the text"\n  content(format: String = "md"): String\n}',
      "union Thing = Note | User",
      "type Query {\n  notes: [Note!]!\n  users: [User]\n}",
      'enum Status {\n  ACTIVE @deprecated(reason: "use ON")\n  ON\n}',
      "input Filter {\n  status: Status = ACTIVE\n  limit: Int = 10\n}",
      "type User {\n  id: ID!\n}",
      "scalar AWSDate",
    ].join("\n\n") + "\n",
  )
})

test("mergeSchemas turns an extension without a base type into the type", () => {
  const { definition } = mergeSchemas([{ file: "a.graphql", text: "extend type Mutation { ping: String }" }, { file: "b.graphql", text: "extend type Mutation { pong: String }" }])
  assert.equal(definition, "type Mutation {\n  ping: String\n  pong: String\n}\n")
})

test("mergeSchemas reports conflicts and syntax errors with file and line", () => {
  const conflict = mergeSchemas([{ file: "a.graphql", text: "scalar Date\nunion U = A | B" }, { file: "b.graphql", text: "\nunion U = A | C" }])
  assert.deepEqual(conflict.problems, [{ file: "b.graphql", line: 2, message: "union U is defined again differently (first in a.graphql:2)." }])
  const unclosed = mergeSchemas([{ file: "a.graphql", text: "type Query {\n  a: String\n" }, { file: "b.graphql", text: "type Q { a: String }" }])
  assert.equal(unclosed.problems[0].file, "a.graphql")
  assert.match(unclosed.problems[0].message, /unclosed brace/)
  const stray = mergeSchemas([{ file: "a.graphql", text: "type A { a: Int }\n}" }, { file: "b.graphql", text: "type B { b: Int }" }])
  assert.match(stray.problems[0].message, /expected a definition/)
})
