/**
 * The GraphQL schema of an AppSyncApi: one file used as it is, or several files merged into one
 * definition (SST v1 merged them with graphql-tools' `mergeTypeDefs`).
 *
 * The merger works on the schema's top-level structure only, which is all merging needs: it
 * splits each file into definitions (skipping comments and strings), folds every `extend type X`
 * and every repeated `type X` into the first `type X`, keeps fields in order of first appearance,
 * drops a field written twice the same way, and reports one written twice differently. It does not
 * check types against each other: AppSync does that when it creates the schema. A full GraphQL
 * parser (graphql-js, graphql-tools) would add two dependencies for this one screen of logic.
 * @module
 */

/** A schema file as read from the app. */
export interface SchemaSource {
  /** Relative to the app root, for error messages. */
  file: string
  text: string
}

export interface SchemaProblem {
  file: string
  line: number
  message: string
}

/** One top-level definition, e.g. `type Query { ... }` or `scalar Date`. */
interface Definition {
  /** "type", "input", "enum", "scalar", ... ("extend" removed). */
  kind: string
  name: string
  extend: boolean
  /** Description and keyword line up to the body, e.g. `"""A note"""\ntype Note implements Node`. */
  header: string
  /** Members of the `{ ... }` body by name, in order; undefined for definitions without a body. */
  members: Member[] | undefined
  /** The whole text, for definitions without a body. */
  text: string
  file: string
  line: number
}

interface Member {
  name: string
  text: string
}

interface Token {
  kind: "name" | "punct" | "string" | "other"
  value: string
  start: number
  end: number
}

const DEFINITION_KEYWORDS = new Set(["schema", "scalar", "type", "interface", "union", "enum", "input", "directive", "extend"])

/** The merged schema text and the problems found (duplicate fields written differently, bad syntax). */
export function mergeSchemas(sources: readonly SchemaSource[]): { definition: string; problems: SchemaProblem[] } {
  const problems: SchemaProblem[] = []
  const groups = new Map<string, Definition[]>()
  for (const source of sources) {
    for (const definition of splitDefinitions(source, problems)) {
      const key = `${definition.kind} ${definition.name}`
      const group = groups.get(key)
      if (group) group.push(definition)
      else groups.set(key, [definition])
    }
  }
  const printed = [...groups.values()].map((group) => printGroup(group, problems))
  return { definition: `${printed.join("\n\n")}\n`, problems }
}

function printGroup(group: Definition[], problems: SchemaProblem[]): string {
  const base = group.find((definition) => !definition.extend) ?? group[0]
  if (base.members === undefined) {
    for (const other of group) {
      if (other !== base && normalize(other.text) !== normalize(base.text)) {
        problems.push({ file: other.file, line: other.line, message: `${base.kind} ${base.name} is defined again differently (first in ${base.file}:${base.line}).` })
      }
    }
    return base.text.trim()
  }
  const members: (Member & { from: Definition })[] = []
  for (const definition of [base, ...group.filter((d) => d !== base)]) {
    if (definition !== base && !definition.extend && normalize(definition.header) !== normalize(base.header)) {
      problems.push({ file: definition.file, line: definition.line, message: `${base.kind} ${base.name} is declared again with another header (first in ${base.file}:${base.line}); merge them into one declaration or use "extend ${base.kind} ${base.name}".` })
    }
    for (const member of definition.members ?? []) {
      const twin = members.find((m) => m.name === member.name)
      if (!twin) members.push({ ...member, from: definition })
      else if (normalize(twin.text) !== normalize(member.text)) {
        problems.push({ file: definition.file, line: definition.line, message: `${base.name}.${member.name} is defined twice differently: "${compact(twin.text)}" (${twin.from.file}) and "${compact(member.text)}" (${definition.file}).` })
      }
    }
  }
  const header = base.extend ? base.header.replace(/^(\s*(?:"""[\s\S]*?"""|"(?:[^"\\\n]|\\.)*")?\s*)extend\s+/, "$1") : base.header
  const body = members.map((member) => indent(member.text)).join("\n")
  return `${header.trim()} {\n${body}\n}`
}

/** Splits one file into its top-level definitions. */
function splitDefinitions(source: SchemaSource, problems: SchemaProblem[]): Definition[] {
  const tokens = tokenize(source, problems)
  const definitions: Definition[] = []
  let i = 0
  while (i < tokens.length) {
    // A description (a string) belongs to the definition that follows it.
    const start = tokens[i].kind === "string" ? i + 1 : i
    const keyword = tokens[start]
    if (!keyword || keyword.kind !== "name" || !DEFINITION_KEYWORDS.has(keyword.value)) {
      problems.push({ file: source.file, line: lineOf(source.text, (keyword ?? tokens[i]).start), message: `expected a definition (type, input, enum, ...), found "${(keyword ?? tokens[i]).value}".` })
      return definitions
    }
    const extend = keyword.value === "extend"
    const kindToken = extend ? tokens[start + 1] : keyword
    const isSchema = kindToken?.value === "schema"
    const nameToken = isSchema ? kindToken : tokens[(extend ? start + 1 : start) + 1]
    const scan = tokens.indexOf(nameToken) + 1
    const found = findDefinitionEnd(tokens, scan)
    if (!kindToken || !nameToken || nameToken.kind !== "name" || !found) {
      problems.push({ file: source.file, line: lineOf(source.text, tokens[i].start), message: "has a definition without a name, or an unclosed brace or parenthesis." })
      return definitions
    }
    const { end, bodyStart, bodyEnd } = found
    const from = tokens[i].start
    const to = tokens[end - 1].end
    definitions.push({
      kind: kindToken.value,
      name: isSchema ? "" : nameToken.value,
      extend,
      header: bodyStart >= 0 ? source.text.slice(from, tokens[bodyStart].start) : "",
      members: bodyStart >= 0 ? splitMembers(source.text, tokens.slice(bodyStart + 1, bodyEnd)) : undefined,
      text: source.text.slice(from, to),
      file: source.file,
      line: lineOf(source.text, from),
    })
    i = end
  }
  return definitions
}

/**
 * Where the definition whose name ends before token `from` ends: after its closing brace, or
 * before the next definition (scalar, union, directive). Undefined when a bracket stays open.
 */
function findDefinitionEnd(tokens: Token[], from: number): { end: number; bodyStart: number; bodyEnd: number } | undefined {
  let depth = 0
  let bodyStart = -1
  for (let j = from; j < tokens.length; j++) {
    const value = tokens[j].value
    if (depth === 0 && isDefinitionStart(tokens, j)) return { end: j, bodyStart, bodyEnd: -1 }
    if (tokens[j].kind !== "punct") continue
    if (value === "{" || value === "(" || value === "[") {
      if (value === "{" && depth === 0) bodyStart = j
      depth++
    } else if (value === "}" || value === ")" || value === "]") {
      depth--
      if (depth < 0) return undefined
      if (depth === 0 && value === "}") return { end: j + 1, bodyStart, bodyEnd: j }
    }
  }
  return depth === 0 ? { end: tokens.length, bodyStart: -1, bodyEnd: -1 } : undefined
}

/** Whether a definition starts at token `j` (optionally after its description). */
function isDefinitionStart(tokens: Token[], j: number): boolean {
  const token = tokens[j]
  if (token.kind === "string") return tokens[j + 1]?.kind === "name" && DEFINITION_KEYWORDS.has(tokens[j + 1].value)
  if (token.kind !== "name" || !DEFINITION_KEYWORDS.has(token.value)) return false
  // `union U = A | type` never happens in practice, but a member type named like a keyword follows "|" or "=".
  const previous = tokens[j - 1]?.value
  return previous !== "|" && previous !== "=" && previous !== ":" && previous !== "@" && previous !== "&" && previous !== "implements"
}

/**
 * Members of a body: a member starts at a name that is not a type (after ":"), a directive (after
 * "@") or a default value (after "="), outside parentheses and brackets; its description before it.
 */
function splitMembers(text: string, tokens: Token[]): Member[] {
  const starts: { index: number; name: string }[] = []
  let depth = 0
  for (let j = 0; j < tokens.length; j++) {
    const token = tokens[j]
    if (token.value === "(" || token.value === "[" || token.value === "{") depth++
    else if (token.value === ")" || token.value === "]" || token.value === "}") depth--
    else if (depth === 0 && token.kind === "name") {
      const previous = tokens[j - 1]
      if (previous && (previous.value === ":" || previous.value === "@" || previous.value === "=")) continue
      const first = previous?.kind === "string" ? j - 1 : j
      starts.push({ index: first, name: token.value })
    }
  }
  return starts.map((start, k) => {
    const lastToken = tokens[(k + 1 < starts.length ? starts[k + 1].index : tokens.length) - 1]
    const raw = text.slice(tokens[start.index].start, lastToken.end)
    return { name: start.name, text: raw.replace(/[\s,]+$/, "") }
  })
}

/** GraphQL's lexical tokens, without comments and whitespace (commas count as whitespace). */
function tokenize(source: SchemaSource, problems: SchemaProblem[]): Token[] {
  const text = source.text
  const tokens: Token[] = []
  let i = 0
  while (i < text.length) {
    const c = text[i]
    if (c === "#") {
      while (i < text.length && text[i] !== "\n") i++
    } else if (/[\s,\uFEFF]/.test(c)) {
      i++
    } else if (text.startsWith('"""', i)) {
      const close = findBlockStringEnd(text, i + 3)
      if (close < 0) {
        problems.push({ file: source.file, line: lineOf(text, i), message: 'has an unclosed block string (""").' })
        return tokens
      }
      tokens.push({ kind: "string", value: text.slice(i, close + 3), start: i, end: close + 3 })
      i = close + 3
    } else if (c === '"') {
      let j = i + 1
      while (j < text.length && text[j] !== '"' && text[j] !== "\n") j += text[j] === "\\" ? 2 : 1
      if (text[j] !== '"') {
        problems.push({ file: source.file, line: lineOf(text, i), message: "has an unclosed string." })
        return tokens
      }
      tokens.push({ kind: "string", value: text.slice(i, j + 1), start: i, end: j + 1 })
      i = j + 1
    } else if (/[_A-Za-z]/.test(c)) {
      let j = i + 1
      while (j < text.length && /[_0-9A-Za-z]/.test(text[j])) j++
      tokens.push({ kind: "name", value: text.slice(i, j), start: i, end: j })
      i = j
    } else if (text.startsWith("...", i)) {
      tokens.push({ kind: "punct", value: "...", start: i, end: i + 3 })
      i += 3
    } else if ("!$&()[]{}:=@|".includes(c)) {
      tokens.push({ kind: "punct", value: c, start: i, end: i + 1 })
      i++
    } else {
      let j = i + 1
      while (j < text.length && /[-+.0-9eE]/.test(text[j])) j++
      tokens.push({ kind: "other", value: text.slice(i, j), start: i, end: j })
      i = j
    }
  }
  return tokens
}

function findBlockStringEnd(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    if (text.startsWith('\\"""', i)) i += 3
    else if (text.startsWith('"""', i)) return i
  }
  return -1
}

function lineOf(text: string, offset: number): number {
  let line = 1
  for (let i = 0; i < offset && i < text.length; i++) if (text[i] === "\n") line++
  return line
}

/** Whitespace-insensitive form, to compare two writings of one member. */
function normalize(text: string): string {
  return text.replace(/#[^\n]*/g, "").replace(/[\s,]+/g, " ").replace(/\s*([:!()[\]{}@=|&])\s*/g, "$1").trim()
}

function compact(text: string): string {
  return text.replace(/\s+/g, " ").trim()
}

/** Re-indents a member by two spaces, keeping its own relative indentation. */
function indent(text: string): string {
  const lines = text.split("\n")
  const rest = lines.slice(1).filter((line) => line.trim() !== "")
  const common = rest.length === 0 ? 0 : Math.min(...rest.map((line) => line.length - line.trimStart().length))
  return lines.map((line, i) => (i === 0 ? `  ${line.trim()}` : line.trim() === "" ? "" : `  ${line.slice(common)}`)).join("\n")
}
