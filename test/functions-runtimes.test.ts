import assert from "node:assert/strict"
import { createHash } from "node:crypto"
import { mkdirSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { test } from "node:test"
import { ValidationError } from "../compiler/index.ts"
import { createZip } from "../compiler/packager/zip.ts"
import { Function } from "../resources/Function.ts"
import { buildFunctions, writeApp } from "./fixtures/functions/build-functions.ts"

/** A pure-Python wheel, so pip installs offline from a local folder. */
async function writeWheel(dir: string, name: string, version: string, source: string): Promise<string> {
  const files: Record<string, string> = {
    [`${name}/__init__.py`]: source,
    [`${name}-${version}.dist-info/METADATA`]: `Metadata-Version: 2.1\nName: ${name}\nVersion: ${version}\n`,
    [`${name}-${version}.dist-info/WHEEL`]: "Wheel-Version: 1.0\nGenerator: sst-test\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
  }
  const hash = (text: string) => createHash("sha256").update(text).digest("base64url")
  const record = Object.entries(files).map(([path, text]) => `${path},sha256=${hash(text)},${Buffer.byteLength(text)}`)
  files[`${name}-${version}.dist-info/RECORD`] = `${record.join("\n")}\n${name}-${version}.dist-info/RECORD,,\n`
  const { bytes } = await createZip(Object.entries(files).map(([name, data]) => ({ name, data })))
  mkdirSync(dir, { recursive: true })
  const file = `${name}-${version}-py3-none-any.whl`
  writeFileSync(join(dir, file), bytes)
  return file
}

test("A Python function without requirements ships its srcPath as it is", async () => {
  const root = writeApp({ "services/api/list.py": "def handler(event, context):\n    return {'statusCode': 200}\n", "services/api/__pycache__/list.cpython-311.pyc": "x" })
  const built = await buildFunctions(root, (stack) => new Function(stack, "List", { handler: "api/list.handler", runtime: "python3.12", srcPath: "services" }))
  assert.deepEqual(built.zip("List").map((e) => e.name), ["api/list.py"])
  assert.equal(built.template.Resources.List.Properties.Handler, "api/list.handler")
  assert.equal(built.template.Resources.List.Properties.Runtime, "python3.12")
})

test("A Python function's requirements are installed by pip for Lambda's platform, into the zip", async () => {
  const root = writeApp({
    "services/api/list.py": "import tinypkg\ndef handler(event, context):\n    return tinypkg.VALUE\n",
    "services/requirements.txt": "--no-index\n--find-links wheels\ntinypkg==1.0\n",
  })
  await writeWheel(join(root, "services/wheels"), "tinypkg", "1.0", "VALUE = 'TINYPKG'\n")
  const built = await buildFunctions(root, (stack) => new Function(stack, "List", { handler: "api/list.handler", runtime: "python3.12", srcPath: "services", architecture: "arm_64" }))
  const names = built.zip("List").map((e) => e.name)
  assert.ok(names.includes("tinypkg/__init__.py"), names.join(", "))
  assert.ok(names.includes("tinypkg-1.0.dist-info/METADATA"))
  assert.ok(names.includes("api/list.py"))
  assert.ok(!names.some((n) => n.endsWith(".pyc")))
  assert.equal(built.entry("List", "tinypkg/__init__.py"), "VALUE = 'TINYPKG'\n")
})

test("A Python handler whose file is missing names the file tried", async () => {
  const root = writeApp({ "services/api/list.py": "def handler(e, c): pass\n" })
  const error = await buildFunctions(root, (stack) => new Function(stack, "List", { handler: "api/lst.handler", runtime: "python3.13", srcPath: "services" })).catch((e: unknown) => e)
  assert.ok(error instanceof ValidationError)
  assert.equal(error.problems[0].code, "HandlerNotFound")
  assert.equal(error.problems[0].allowed, "a file relative to srcPath; tried services/api/lst.py.")
  assert.equal(error.problems[0].fix, 'did you mean "api/list.handler"?')
})

test("A Go function is built for linux into an executable bootstrap, the same bytes twice", async () => {
  const root = writeApp({
    "services/go.mod": "module example.com/notes\n\ngo 1.19\n",
    "services/cmd/list/main.go": 'package main\n\nimport "fmt"\n\nfunc main() { fmt.Println("list") }\n',
  })
  const build = () => buildFunctions(root, (stack) => new Function(stack, "List", { handler: "cmd/list", runtime: "go", srcPath: "services" }))
  const built = await build()
  const [bootstrap] = built.zip("List")
  assert.equal(bootstrap.name, "bootstrap")
  assert.equal(bootstrap.mode, 0o100755)
  assert.equal(bootstrap.data.subarray(0, 4).toString("latin1"), "\x7fELF")
  assert.equal(bootstrap.data[18], 0x3e, "x86-64 machine type")
  assert.equal(built.template.Resources.List.Properties.Runtime, "provided.al2023")
  assert.equal(built.template.Resources.List.Properties.Handler, "bootstrap")
  const key = built.asset("List").s3Key
  writeFileSync(join(root, "services/cmd/list/main.go"), 'package main\n\nimport "fmt"\n\nfunc main() { fmt.Println("list")  }\n')
  const again = await build()
  assert.deepEqual(again.events.map((e) => e.type), ["asset-built"])
  assert.equal(again.asset("List").s3Key, key, "gofmt-only change, same binary, same key")
})

test("A missing toolchain names the command tried and how to install it", async () => {
  const root = writeApp({ "services/Notes.csproj": "<Project />" })
  const path = process.env.PATH
  process.env.PATH = "/nonexistent"
  try {
    const error = await buildFunctions(root, (stack) => new Function(stack, "Api", { handler: "Notes::Notes.Function::Handler", runtime: "dotnet8", srcPath: "services" })).catch((e: unknown) => e)
    assert.ok(error instanceof ValidationError)
    assert.equal(error.problems[0].code, "ToolchainMissing")
    assert.match(error.problems[0].problem, /^needs "dotnet publish --configuration Release --runtime linux-x64 --self-contained false --output \S+ -p:Deterministic=true" to build its dotnet8 code, but dotnet was not found on PATH/)
    assert.equal(error.problems[0].fix, "install the .NET SDK 8 or later (https://dotnet.microsoft.com/download), then build again.")
  } finally {
    process.env.PATH = path
  }
})
