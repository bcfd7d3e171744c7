/**
 * `npm run bench`: how long `sst build` takes for apps of N = 10, 50 and 200 TypeScript
 * functions, each importing a shared module and an npm package (zod), against esbuild alone
 * bundling the same entry points in one call with the same options.
 *
 * Every figure is the median of five runs of a fresh process, as a user would run it: `sst build`
 * cold (no .sst/), `sst build` warm (run again, nothing changed), and a node process that calls
 * esbuild.build once. It prints the ratios the issue asks for: cold / bare esbuild (target ≤ 1.5
 * at N = 200) and warm / cold (target < 10%), plus the ratio of the fastest runs, which a busy
 * machine disturbs least. Runs are interleaved (esbuild, cold, warm, again) so load spikes hit
 * all three alike. Not a timed test: it reports, it does not fail.
 * @module
 */
import { spawnSync } from "node:child_process"
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"

const REPO = join(dirname(fileURLToPath(import.meta.url)), "..", "..")
const SIZES = (process.env.BENCH_SIZES ?? "10,50,200").split(",").map(Number)
const RUNS = Number(process.env.BENCH_RUNS ?? 5)

function generateApp(n: number): string {
  const root = mkdtempSync(join(tmpdir(), `sst-bench-${n}-`))
  const files: Record<string, string> = {
    "sst.json": JSON.stringify({ name: "bench", region: "us-east-1", main: "stacks/index.ts" }),
    "package.json": JSON.stringify({ name: "bench", private: true, type: "module", dependencies: { zod: "*" } }),
    "stacks/index.ts": [
      'import { Function, type App, type StackContext } from "sst/constructs"',
      "function Api({ stack }: StackContext) {",
      `  for (let i = 0; i < ${n}; i++) new Function(stack, \`Fn\${i}\`, { handler: \`functions/fn\${i}.main\` })`,
      "}",
      "export default function main(app: App) { app.stack(Api) }",
    ].join("\n"),
    "lib/shared.ts": 'export function respond(body: unknown) { return { statusCode: 200, headers: { "content-type": "application/json" }, body: JSON.stringify(body) } }\n',
  }
  for (let i = 0; i < n; i++) {
    files[`functions/fn${i}.ts`] = [
      'import { z } from "zod"',
      'import { respond } from "../lib/shared"',
      `const Input = z.object({ id: z.string(), count${i}: z.number().optional() })`,
      "export async function main(event: { body?: string }) {",
      '  const input = Input.parse(JSON.parse(event.body ?? "{}"))',
      `  return respond({ fn: ${i}, input })`,
      "}",
    ].join("\n")
  }
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, name)), { recursive: true })
    writeFileSync(join(root, name), content)
  }
  mkdirSync(join(root, "node_modules"))
  symlinkSync(join(REPO, "node_modules", "zod"), join(root, "node_modules", "zod"), "dir")
  return root
}

/** Milliseconds a fresh process takes; throws with its output when it fails. */
function time(command: string, args: string[], cwd: string): number {
  const started = performance.now()
  const result = spawnSync(command, args, { cwd, encoding: "utf8", env: { ...process.env, SST_STAGE: "bench" } })
  const ms = performance.now() - started
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed in ${cwd}:\n${result.stderr}${result.stdout}`)
  return ms
}

/** The same options the packager gives esbuild for a default function (ESM, minified, node24). */
function bareEsbuildScript(n: number): string {
  const entries = Array.from({ length: n }, (_, i) => `"functions/fn${i}.ts"`).join(",")
  return [
    `import { build } from ${JSON.stringify(join(REPO, "node_modules", "esbuild", "lib", "main.js"))}`,
    `await build({ entryPoints: [${entries}], bundle: true, minify: true, format: "esm", platform: "node", target: "node24",`,
    '  mainFields: ["module", "main"], outdir: "bare-out", outbase: ".", logLevel: "error" })',
  ].join("\n")
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]
}

function main(): void {
  // The CLI as users run it: dist/, built first (BENCH_SKIP_BUILD=1 reuses the current dist/).
  if (!process.env.BENCH_SKIP_BUILD) spawnSync(process.execPath, [join(REPO, "scripts", "build-cli.mjs")], { cwd: REPO, stdio: "inherit" })
  const sst = join(REPO, "bin", "sst.mjs")
  const rows: string[] = []
  for (const n of SIZES) {
    const root = generateApp(n)
    writeFileSync(join(root, "bare.mjs"), bareEsbuildScript(n))
    const cold: number[] = []
    const warm: number[] = []
    const bare: number[] = []
    for (let run = 0; run < RUNS; run++) {
      rmSync(join(root, ".sst"), { recursive: true, force: true })
      rmSync(join(root, "bare-out"), { recursive: true, force: true })
      bare.push(time(process.execPath, ["bare.mjs"], root))
      cold.push(time(process.execPath, [sst, "build", "--stage", "bench"], root))
      warm.push(time(process.execPath, [sst, "build", "--stage", "bench"], root))
    }
    const [c, w, b] = [median(cold), median(warm), median(bare)]
    const best = Math.min(...cold) / Math.min(...bare)
    rows.push(
      `| ${String(n).padStart(3)} | ${fmt(c)} | ${fmt(w)} | ${fmt(b)} | ${(c / b).toFixed(2).padStart(5)}x | ${best.toFixed(2).padStart(5)}x | ${((w / c) * 100).toFixed(1).padStart(5)}% |`,
    )
    if (!process.env.BENCH_KEEP) rmSync(root, { recursive: true, force: true })
    else process.stderr.write(`kept ${root}\n`)
  }
  process.stdout.write(
    [
      `sst build vs bare esbuild (median of ${RUNS} runs, fresh process each, ${process.platform}/${process.arch}, node ${process.version})`,
      "|   N | sst cold | sst warm | bare esbuild | cold / esbuild | best cold / best esbuild | warm / cold |",
      "|----:|---------:|---------:|-------------:|---------------:|-------------------------:|------------:|",
      ...rows,
      "",
    ].join("\n"),
  )
}

/** The deployer's benchmark (test/bench/deploy.ts): AWS calls and time of deploys against the local fakes. */
function benchDeploy(): void {
  if (process.env.BENCH_SKIP_DEPLOY) return
  const run = spawnSync(process.execPath, ["--import", "tsx", "--no-warnings", join(REPO, "test", "bench", "deploy.ts")], { cwd: REPO, stdio: "inherit" })
  if (run.status !== 0) process.exitCode = 1
}

function fmt(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`.padStart(8)
}

main()
benchDeploy()
