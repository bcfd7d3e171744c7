/**
 * Imports point down only, and AWS, the command line, bundling and the environment stay in their
 * layers (STYLE.md, "Dependencies"). The rules live in helpers/import-rules.ts; this file runs
 * them on every .ts file of compiler/, resources/, cli/ and live/, and shows on inline examples
 * that each rule can fail.
 */
import assert from "node:assert/strict"
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs"
import { join, relative, sep } from "node:path"
import { test } from "node:test"
import { REPO_ROOT } from "./helpers/cli.ts"
import { checkImportRules, findImports, LAYERS, type SourceFile } from "./helpers/import-rules.ts"

function sourcesOf(dir: string): SourceFile[] {
  const files: SourceFile[] = []
  const walk = (current: string) => {
    for (const name of readdirSync(current).sort()) {
      if (name === "node_modules" || name === ".sst" || name === "dist") continue
      const path = join(current, name)
      if (statSync(path).isDirectory()) walk(path)
      else if (/\.(ts|mts|tsx)$/.test(name) && !name.endsWith(".d.ts")) {
        files.push({ path: relative(REPO_ROOT, path).split(sep).join("/"), text: readFileSync(path, "utf8") })
      }
    }
  }
  if (existsSync(dir)) walk(dir)
  return files
}

const check = (path: string, text: string) => checkImportRules([{ path, text }])

test("compiler/, resources/, cli/ and live/ keep the layering rules", () => {
  const files = LAYERS.flatMap((layer) => sourcesOf(join(REPO_ROOT, layer)))
  assert.ok(files.some((file) => file.path === "compiler/emit.ts"), "the walk found no sources")
  assert.deepEqual(checkImportRules(files), [])
})

test("findImports reads static, type, side-effect, re-export, dynamic and require imports, not comments", () => {
  const text = [
    'import { a } from "./a.ts"',
    'import type { B } from "../resources/B.ts"',
    'import "./side-effect.ts"',
    'export { c } from "./c.ts"',
    "import {",
    "  d,",
    "  type E,",
    '} from "./d.ts"',
    'const f = await import("./f.ts")',
    'type G = import("./g.ts").G',
    'const h = require("h")',
    '/** @example import { X } from "sst/constructs" */',
    '// import { y } from "./commented.ts"',
  ].join("\n")
  assert.deepEqual(findImports(text), [
    { specifier: "./a.ts", line: 1 },
    { specifier: "../resources/B.ts", line: 2 },
    { specifier: "./side-effect.ts", line: 3 },
    { specifier: "./c.ts", line: 4 },
    { specifier: "./d.ts", line: 8 },
    { specifier: "./f.ts", line: 9 },
    { specifier: "./g.ts", line: 10 },
    { specifier: "h", line: 11 },
  ])
})

test("an upward import fails: compiler importing resources, cli or live", () => {
  assert.deepEqual(check("compiler/emit.ts", 'import { App } from "../resources/App.ts"\nimport type { X } from "../cli/x.ts"\nimport { y } from "../live/y.ts"'), [
    "compiler/emit.ts:1: imports ../resources/App.ts; compiler/ may import only compiler",
    "compiler/emit.ts:2: imports ../cli/x.ts; compiler/ may import only compiler",
    "compiler/emit.ts:3: imports ../live/y.ts; compiler/ may import only compiler",
  ])
})

test("resources may not import cli or live; live may not import cli; cli may import every layer", () => {
  assert.equal(check("resources/Api.ts", 'import { deploy } from "../cli/deploy/run.ts"').length, 1)
  assert.equal(check("resources/api/route-key.ts", 'import { x } from "../../live/x.ts"').length, 1)
  assert.equal(check("live/server.ts", 'import { x } from "../cli/aws/clients.ts"').length, 1)
  assert.deepEqual(check("live/server.ts", 'import { App } from "../resources/App.ts"\nimport { emitApp } from "../compiler/emit.ts"'), [])
  assert.deepEqual(check("cli/commands/start.ts", 'import { serve } from "../../live/server.ts"\nimport { App } from "../../resources/App.ts"'), [])
})

test("the AWS SDK and cac outside cli/ fail, except in a lambda/ folder", () => {
  assert.deepEqual(check("resources/Bucket.ts", 'import { S3Client } from "@aws-sdk/client-s3"\nimport { cac } from "cac"'), [
    "resources/Bucket.ts:1: imports @aws-sdk/client-s3; only cli/ (and code in lambda/ folders) talks to AWS or parses the command line",
    "resources/Bucket.ts:2: imports cac; only cli/ (and code in lambda/ folders) talks to AWS or parses the command line",
  ])
  assert.equal(check("live/bridge.ts", 'import { IoTClient } from "@aws-sdk/client-iot"').length, 1)
  assert.deepEqual(check("resources/rds/lambda/migrator.ts", 'import { RDSDataClient } from "@aws-sdk/client-rds-data"'), [])
  assert.deepEqual(check("cli/aws/clients.ts", 'import { CloudFormationClient } from "@aws-sdk/client-cloudformation"'), [])
})

test("framework code importing a lambda/ file fails: such code is bundled by path", () => {
  assert.equal(check("resources/RDS.ts", 'import { handler } from "./rds/lambda/migrator.ts"').length, 1)
})

test("esbuild and archiver outside compiler/packager/ fail", () => {
  assert.deepEqual(check("resources/Function.ts", 'import * as esbuild from "esbuild"'), [
    "resources/Function.ts:1: imports esbuild; only compiler/packager/ bundles and zips",
  ])
  assert.equal(check("cli/commands/build.ts", 'import archiver from "archiver"').length, 1)
  assert.deepEqual(check("compiler/packager/zip.ts", 'import archiver from "archiver"\nimport { build } from "esbuild"'), [])
})

test("reading the environment in compiler/ fails, in any spelling", () => {
  assert.deepEqual(check("compiler/emit.ts", ['const a = process.env.STAGE', 'const b = process["env"]', "const { env } = process", 'import { env } from "node:process"'].join("\n")), [
    "compiler/emit.ts:4: imports node:process; compiler/ reads no environment: take what it needs as an option",
    "compiler/emit.ts:1: reads process.env; compiler/ reads no environment: take what it needs as an option",
    "compiler/emit.ts:2: reads process.env; compiler/ reads no environment: take what it needs as an option",
    "compiler/emit.ts:3: reads process.env; compiler/ reads no environment: take what it needs as an option",
  ])
  assert.deepEqual(check("cli/build-app.ts", "const env = process.env"), [])
  assert.deepEqual(check("compiler/emit.ts", "// we never read process.env here"), [])
})

test("no layer imports test/; test files themselves are not checked", () => {
  assert.equal(check("cli/index.ts", 'import { fake } from "../test/fakes/cloudformation/state.ts"').length, 1)
  assert.deepEqual(check("compiler/emit.test.ts", 'import { App } from "../resources/App.ts"\nimport { synth } from "../test/helpers/synth.ts"'), [])
})
