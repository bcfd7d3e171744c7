/**
 * `sst deploy` benchmark: a generated 10-stack app (one stack with a table, nine with a function
 * each that reads the table's name) built with the real build and deployed to the local
 * CloudFormation fake, S3 (s3rver) and STS over HTTP. For a first deploy, a redeploy without
 * changes and a change of one function's code, it prints the time and the AWS calls by service
 * and action. The issue's target for the no-change redeploy: no change set, no upload, one
 * state read per stack (one DescribeStacks; GetTemplate only when this machine did not deploy it).
 *
 * Run: `node --import tsx test/bench/deploy.ts` (also part of `npm run bench`).
 * BENCH_DEPLOY_DELAY_MS sets the fake's time per state transition (default 10), and
 * BENCH_DEPLOY_POLL_MS the deployer's poll interval (default 100; the CLI's is 1,000).
 * @module
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { dirname, join } from "node:path"
import { buildApp } from "../../cli/build-app.ts"
import { deployApp, type DeployAppResult } from "../../cli/deploy/deploy-app.ts"
import { startLocalAws, type LocalAws } from "../helpers/local-aws.ts"

const STACKS = 10
const DELAY_MS = Number(process.env.BENCH_DEPLOY_DELAY_MS ?? 10)
const POLL_MS = Number(process.env.BENCH_DEPLOY_POLL_MS ?? 100)

function generateApp(): string {
  const root = mkdtempSync(join(tmpdir(), "sst-bench-deploy-"))
  const services = Array.from({ length: STACKS - 1 }, (_, i) => i + 1)
  const files: Record<string, string> = {
    "sst.json": JSON.stringify({ name: "bench", region: "us-east-1", main: "stacks/index.ts" }),
    "stacks/index.ts": [
      'import { CfnResource, Function, use, type App, type StackContext } from "sst/constructs"',
      "function Core({ stack }: StackContext) {",
      '  const table = new CfnResource(stack, "Items", { type: "AWS::DynamoDB::Table", properties: { BillingMode: "PAY_PER_REQUEST", AttributeDefinitions: [{ AttributeName: "id", AttributeType: "S" }], KeySchema: [{ AttributeName: "id", KeyType: "HASH" }] } })',
      "  return { table }",
      "}",
      ...services.flatMap((i) => [
        `function Service${i}({ stack }: StackContext) {`,
        "  const { table } = use(Core)",
        `  const fn = new Function(stack, "Handler", { handler: "functions/fn${i}.main", environment: { TABLE_NAME: table.ref } })`,
        `  new CfnResource(stack, "Jobs", { type: "AWS::SQS::Queue", properties: { MessageRetentionPeriod: 345600 } })`,
        "  stack.addOutputs({ FunctionName: fn.functionName })",
        "}",
      ]),
      `export default function main(app: App) { app.stack(Core)${services.map((i) => `.stack(Service${i})`).join("")} }`,
    ].join("\n"),
  }
  for (const i of services) files[`functions/fn${i}.ts`] = `export async function main() { return { statusCode: 200, body: "service ${i}" } }\n`
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, name)), { recursive: true })
    writeFileSync(join(root, name), content)
  }
  return root
}

interface Measure {
  scenario: string
  buildMs: number
  deployMs: number
  result: DeployAppResult
  cloudFormation: Map<string, number>
  s3: Map<string, number>
  sts: number
}

async function measure(aws: LocalAws, root: string, scenario: string): Promise<Measure> {
  const buildStarted = performance.now()
  const build = await buildApp({ cwd: root, stage: "bench" })
  const buildMs = performance.now() - buildStarted
  const cfn = aws.cloudFormation.calls.length
  const s3 = aws.s3.calls.length
  const sts = aws.sts.calls.length
  const started = performance.now()
  const result = await deployApp({ manifest: build.result.manifest, distDir: build.distDir, root, clients: aws.clients(), report: () => {}, pollMs: POLL_MS })
  const deployMs = performance.now() - started
  if (!result.ok) throw new Error(`${scenario}: the deploy failed: ${JSON.stringify(result.stacks.filter((s) => s.status !== "deployed" && s.status !== "unchanged"))}`)
  return {
    scenario,
    buildMs,
    deployMs,
    result,
    cloudFormation: tally(aws.cloudFormation.calls.slice(cfn).map((c) => c.action)),
    s3: tally(aws.s3.calls.slice(s3).map((c) => `${c.method}${c.query.includes("list-type") ? " (list)" : c.key?.startsWith("locks/") ? " (lock)" : c.key?.startsWith("assets/") ? " (asset)" : ""}`)),
    sts: aws.sts.calls.length - sts,
  }
}

function tally(values: string[]): Map<string, number> {
  const counts = new Map<string, number>()
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1)
  return new Map([...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
}

const total = (counts: Map<string, number>) => [...counts.values()].reduce((a, b) => a + b, 0)
const list = (counts: Map<string, number>) => [...counts].map(([k, n]) => `${k} ${n}`).join(", ")

async function main(): Promise<void> {
  const root = generateApp()
  const aws = await startLocalAws({ delayMs: DELAY_MS })
  const rows: Measure[] = []
  try {
    rows.push(await measure(aws, root, "first deploy"))
    rows.push(await measure(aws, root, "no-change redeploy"))
    writeFileSync(join(root, "functions", "fn3.ts"), 'export async function main() { return { statusCode: 200, body: "service 3, changed" } }\n')
    rows.push(await measure(aws, root, "one function changed"))
  } finally {
    await aws.close()
    if (!process.env.BENCH_KEEP) rmSync(root, { recursive: true, force: true })
  }
  const lines = [
    `sst deploy, ${STACKS}-stack app (1 table stack + ${STACKS - 1} function stacks), local fakes over HTTP (fake: ${DELAY_MS} ms per transition; deployer poll: ${POLL_MS} ms), node ${process.version}`,
    "| scenario             | build   | deploy  | stacks changed | change sets | uploads | CloudFormation calls | S3 calls | STS calls |",
    "|----------------------|--------:|--------:|---------------:|------------:|--------:|---------------------:|---------:|----------:|",
  ]
  for (const row of rows) {
    const changed = row.result.stacks.filter((s) => s.status === "deployed").length
    lines.push(
      `| ${row.scenario.padEnd(20)} | ${secs(row.buildMs)} | ${secs(row.deployMs)} | ${String(changed).padStart(14)} | ${String(row.cloudFormation.get("CreateChangeSet") ?? 0).padStart(11)} | ${String(row.result.assets.uploaded).padStart(7)} | ${String(total(row.cloudFormation)).padStart(20)} | ${String(total(row.s3)).padStart(8)} | ${String(row.sts).padStart(9)} |`,
    )
  }
  lines.push("")
  for (const row of rows) lines.push(`${row.scenario}: CloudFormation ${list(row.cloudFormation)}; S3 ${list(row.s3)}`)
  const redeploy = rows[1] as Measure
  const reads = (redeploy.cloudFormation.get("DescribeStacks") ?? 0) + (redeploy.cloudFormation.get("GetTemplate") ?? 0)
  lines.push(
    "",
    `no-change redeploy: ${redeploy.cloudFormation.get("CreateChangeSet") ?? 0} change sets, ${redeploy.result.assets.uploaded} uploads, ${reads} state-read calls for ${STACKS} stacks + the bootstrap stack (target: 0, 0, one DescribeStacks per stack)`,
    `no-change redeploy / first deploy: ${((redeploy.deployMs / (rows[0] as Measure).deployMs) * 100).toFixed(1)}% of the time, ${((total(redeploy.cloudFormation) / total((rows[0] as Measure).cloudFormation)) * 100).toFixed(1)}% of the CloudFormation calls`,
    "",
  )
  process.stdout.write(lines.join("\n"))
}

function secs(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`.padStart(7)
}

await main()
