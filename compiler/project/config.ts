/**
 * Reading the project: finding sst.json, checking it, and finding the stacks entry file.
 * @module
 */
import { existsSync, readFileSync } from "node:fs"
import { dirname, join, relative, resolve } from "node:path"
import { z } from "zod"
import { ProjectError } from "../errors.ts"
import { formatPath } from "../props.ts"

export const CONFIG_FILE = "sst.json"
const NAME_PATTERN = /^[a-zA-Z][a-zA-Z0-9-]*$/

/** sst.json, as SST v1 defined it, plus `express`. */
const ProjectConfigSchema = z.strictObject({
  $schema: z.string().optional(),
  name: z.string().regex(NAME_PATTERN, "a letter, then letters, digits or '-'"),
  region: z.string().regex(/^[a-z]{2}(-gov)?-[a-z]+-\d$/, "an AWS region such as us-east-1").optional(),
  main: z.string().optional(),
  /** Deprecated in SST v1; still read, after --stage and SST_STAGE. */
  stage: z.string().regex(NAME_PATTERN, "a letter, then letters, digits or '-'").optional(),
  ssmPrefix: z.string().optional(),
  lint: z.boolean().optional(),
  typeCheck: z.boolean().optional(),
  esbuildConfig: z.string().optional(),
  /** Deploy with CloudFormation's express mode. */
  express: z.boolean().optional(),
})

export type ProjectConfig = z.output<typeof ProjectConfigSchema>

export interface Project {
  /** Absolute folder holding sst.json. */
  root: string
  config: ProjectConfig
  /** Entry file relative to root, with "/" separators. */
  main: string
}

/** Finds sst.json in `cwd` or the nearest parent folder. */
export function findProjectRoot(cwd: string): string {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    if (existsSync(join(dir, CONFIG_FILE))) return dir
    if (dirname(dir) === dir) break
  }
  throw new ProjectError("ConfigNotFound", `No ${CONFIG_FILE} in ${resolve(cwd)} or any folder above it. Run sst in your app's folder, or create ${CONFIG_FILE}: {"name": "my-app", "region": "us-east-1", "main": "stacks/index.ts"}.`, CONFIG_FILE)
}

export function readProject(root: string): Project {
  const file = join(root, CONFIG_FILE)
  let text: string
  try {
    text = readFileSync(file, "utf8")
  } catch {
    throw new ProjectError("ConfigNotFound", `Cannot read ${CONFIG_FILE} in ${root}.`, CONFIG_FILE)
  }
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch (error) {
    throw new ProjectError("ConfigNotJson", `${CONFIG_FILE} is not valid JSON: ${(error as Error).message}. Fix the syntax, e.g. {"name": "my-app", "region": "us-east-1"}.`, CONFIG_FILE)
  }
  const parsed = ProjectConfigSchema.safeParse(raw)
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      if (issue.code === "unrecognized_keys") return `  ${issue.keys.map((k) => `"${k}"`).join(", ")}: not a field of ${CONFIG_FILE} (allowed: ${Object.keys(ProjectConfigSchema.shape).join(", ")})`
      const where = formatPath(issue.path) || "(the file)"
      if (issue.code === "invalid_type" && issue.path.length === 1 && issue.path[0] === "name") return `  name: required; the app's name, e.g. "notes"`
      return `  ${where}: ${issue.message}`
    })
    throw new ProjectError("ConfigInvalid", `${CONFIG_FILE} has ${lines.length === 1 ? "a problem" : "problems"}:\n${lines.join("\n")}`, CONFIG_FILE)
  }
  return { root, config: parsed.data, main: findEntry(root, parsed.data.main) }
}

const DEFAULT_ENTRIES = ["stacks/index.ts", "stacks/index.js", "lib/index.ts", "lib/index.js"]

function findEntry(root: string, main: string | undefined): string {
  if (main !== undefined) {
    if (!existsSync(join(root, main))) {
      throw new ProjectError("EntryNotFound", `The stacks entry "${main}" named by "main" in ${CONFIG_FILE} does not exist (looked for ${join(root, main)}). Create it, or point "main" at the file whose default export is main(app).`, main)
    }
    return toPosix(relative(root, join(root, main)))
  }
  const found = DEFAULT_ENTRIES.find((entry) => existsSync(join(root, entry)))
  if (!found) {
    throw new ProjectError("EntryNotFound", `${CONFIG_FILE} names no "main", and none of ${DEFAULT_ENTRIES.join(", ")} exists. Add "main": "stacks/index.ts" to ${CONFIG_FILE} and create that file.`, CONFIG_FILE)
  }
  return found
}

export function toPosix(path: string): string {
  return path.split("\\").join("/")
}
