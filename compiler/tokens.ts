/**
 * Token markers: how an intrinsic stands inside a plain string.
 *
 * `${api.url}/notes` calls `toString()` on the intrinsic, which registers it in the table of
 * the App it belongs to and returns a marker such as `${Token[3.17]}` (app 3, entry 17). Emit
 * splits strings on markers and puts the intrinsics back. The table lives on the App, not in a
 * process-wide map, so two apps built in one process (tests, `sst start`) never share entries.
 * Markers never reach a template: resolution replaces every one of them.
 * @module
 */
import type { CoreApp } from "./app.ts"
import type { Intrinsic } from "./intrinsics.ts"

export const PSEUDO_TOKEN_PREFIX = "pseudo:"
/**
 * A value that refers to no app (`Fn.sub("arn:${AWS::Partition}:...")`, `Fn.base64("#!/bin/sh")`)
 * resolves to the same JSON in every stack, so its marker carries that JSON itself (base64url)
 * instead of an entry in some app's table.
 */
export const DETACHED_TOKEN_PREFIX = "json:"
export const TOKEN_PATTERN = /\$\{Token\[([^\]]+)\]\}/g
/** The same without the global flag, whose lastIndex would carry over between calls. */
const ONE_TOKEN = new RegExp(TOKEN_PATTERN.source)

let appSerial = 0
/** Tables by serial, so a marker found inside a string leads back to its app. Weak: apps come and go in tests. */
const tablesBySerial = new Map<number, WeakRef<TokenTable>>()

export class TokenTable {
  readonly serial = ++appSerial
  private readonly entries: Intrinsic[] = []
  private readonly indexOf = new Map<Intrinsic, number>()

  constructor(readonly owner: CoreApp) {
    tablesBySerial.set(this.serial, new WeakRef(this))
  }

  encode(value: Intrinsic): string {
    let index = this.indexOf.get(value)
    if (index === undefined) {
      index = this.entries.push(value) - 1
      this.indexOf.set(value, index)
    }
    return `\${Token[${this.serial}.${index}]}`
  }

  /** The intrinsic behind a marker's key ("3.17"), or undefined when it belongs to another app. */
  lookup(key: string): Intrinsic | undefined {
    const [serial, index] = key.split(".")
    if (Number(serial) !== this.serial) return undefined
    return this.entries[Number(index)]
  }
}

/** The marker of `value` in its app's table; undefined when the value refers to no app. */
export function encodeToken(value: Intrinsic): string | undefined {
  return value.findApp()?.tokens.encode(value)
}

/** The marker of a value that refers to no app, holding its resolved JSON. */
export function encodeDetached(json: unknown): string {
  return `\${Token[${DETACHED_TOKEN_PREFIX}${Buffer.from(JSON.stringify(json)).toString("base64url")}]}`
}

/** The JSON behind a pseudo parameter's or a detached value's marker key, or undefined for an app's marker. */
export function decodeDetached(key: string): unknown {
  if (key.startsWith(PSEUDO_TOKEN_PREFIX)) return { Ref: key.slice(PSEUDO_TOKEN_PREFIX.length) }
  if (key.startsWith(DETACHED_TOKEN_PREFIX)) return JSON.parse(Buffer.from(key.slice(DETACHED_TOKEN_PREFIX.length), "base64url").toString("utf8"))
  return undefined
}

/** Whether a string holds at least one marker. */
export function hasToken(text: string): boolean {
  return ONE_TOKEN.test(text)
}

/** Splits a string into literal text and marker keys, in order. */
export function splitTokens(text: string): ({ literal: string } | { key: string })[] {
  const parts: ({ literal: string } | { key: string })[] = []
  let last = 0
  for (const match of text.matchAll(TOKEN_PATTERN)) {
    if (match.index > last) parts.push({ literal: text.slice(last, match.index) })
    parts.push({ key: match[1] })
    last = match.index + match[0].length
  }
  if (last < text.length) parts.push({ literal: text.slice(last) })
  return parts
}

/** The app whose marker appears first in `text`, if any. */
export function findAppInString(text: string): CoreApp | undefined {
  for (const match of text.matchAll(TOKEN_PATTERN)) {
    if (match[1].startsWith(PSEUDO_TOKEN_PREFIX) || match[1].startsWith(DETACHED_TOKEN_PREFIX)) continue
    const table = tablesBySerial.get(Number(match[1].split(".")[0]))?.deref()
    if (table) return table.owner
  }
  return undefined
}
