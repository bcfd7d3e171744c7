/**
 * What a site's bucket should hold after a deploy: each built file with the deploy-time values
 * put in (`{{ KEY }}` → `api.url`, then the user's replaceValues), its MD5, `Content-Type` and
 * `Cache-Control`.
 *
 * Default `Cache-Control`: pages are revalidated on every request, so a deploy shows at once;
 * files a bundler fingerprinted (a content hash in the name, inside the folder it writes them to:
 * Vite's `assets/`, Create React App's `static/`, Next.js's `_next/static/`, ...) are cached for a
 * year, since a change gives them a new name; other files (favicon, robots.txt, images from
 * `public/`) are revalidated too. SST v1 made every `.js` and `.css` immutable, which serves a
 * stale `sw.js` or `config.js` for a year; `fileOptions` still say otherwise per glob.
 * @module
 */
import { createHash } from "node:crypto"
import { readFileSync } from "node:fs"
import { join } from "node:path"
import type { ManifestSite, ManifestSiteFileOption } from "../../compiler/manifest.ts"
import { listFiles } from "../../compiler/packager/list-files.ts"
import { contentTypeOf } from "./content-type.ts"
import { matchesGlob } from "./glob.ts"

export const REVALIDATE = "max-age=0,no-cache,no-store,must-revalidate"
export const IMMUTABLE = "max-age=31536000,public,immutable"
export const REVALIDATE_CACHEABLE = "public,max-age=0,must-revalidate"

/** Folders whose files are always content-hashed by their framework. */
const IMMUTABLE_FOLDERS = ["_next/static/", "_app/immutable/"]
/** Folders bundlers write fingerprinted files to, next to files copied as they are. */
const HASHED_FOLDERS = ["assets/", "static/", "build/", "_astro/", "_assets/"]

export interface SiteFile {
  /** Path relative to the build output, with "/". */
  path: string
  body: Buffer
  md5: string
  contentType: string
  cacheControl: string
}

/** Reads the built files of `site` and applies its replacements and headers. */
export function readSiteFiles(root: string, site: Pick<ManifestSite, "buildDir" | "fileOptions">, replacements: readonly Replacement[]): SiteFile[] {
  const dir = join(root, site.buildDir)
  return listFiles(dir).map((path) => {
    const body = applyReplacements(path, readFileSync(join(dir, path)), replacements)
    return { path, body, md5: createHash("md5").update(body).digest("hex"), ...headersFor(path, site.fileOptions) }
  })
}

/** A replacement whose value is resolved. */
export interface Replacement {
  files: string
  search: string
  replace: string
}

export function applyReplacements(path: string, body: Buffer, replacements: readonly Replacement[]): Buffer {
  const matching = replacements.filter((r) => matchesGlob(path, r.files))
  if (matching.length === 0) return body
  const original = body.toString("utf8")
  let text = original
  for (const r of matching) text = text.split(r.search).join(r.replace)
  return text === original ? body : Buffer.from(text, "utf8")
}

/** The headers of `path`: the defaults, then every fileOptions rule that matches (a later one wins). */
export function headersFor(path: string, fileOptions: readonly ManifestSiteFileOption[]): { contentType: string; cacheControl: string } {
  let contentType = contentTypeOf(path)
  let cacheControl = defaultCacheControl(path)
  for (const option of fileOptions) {
    if (!matchesOption(path, option)) continue
    if (option.contentType) contentType = option.contentType
    if (option.cacheControl) cacheControl = option.cacheControl
  }
  return { contentType, cacheControl }
}

/**
 * `include` picks the files and `exclude` leaves some out, except `"*"` and `"**"`, with which
 * SST v1 rules started (`{ exclude: "*", include: "*.html" }` meant "only the HTML").
 */
export function matchesOption(path: string, option: ManifestSiteFileOption): boolean {
  if (!option.include.some((glob) => matchesGlob(path, glob))) return false
  return !option.exclude.some((glob) => glob !== "*" && glob !== "**" && matchesGlob(path, glob))
}

export function defaultCacheControl(path: string): string {
  if (/\.html?$/i.test(path)) return REVALIDATE
  if (IMMUTABLE_FOLDERS.some((folder) => path.startsWith(folder) || path.includes(`/${folder}`))) return IMMUTABLE
  if (HASHED_FOLDERS.some((folder) => path.startsWith(folder) || path.includes(`/${folder}`)) && hasContentHash(path)) return IMMUTABLE
  return REVALIDATE_CACHEABLE
}

/**
 * Whether the name holds a content hash: 8+ characters of `[A-Za-z0-9_-]` after a "-" or "." and
 * before an extension, mixing digits with letters, or both letter cases (Vite's base64url hashes,
 * which may start with "-": `index--kSrwB6j.js`; Create React App's hex: `main.8f2e3c1a.chunk.js`).
 */
export function hasContentHash(path: string): boolean {
  const name = path.slice(path.lastIndexOf("/") + 1)
  for (const match of name.matchAll(/[-.](?=([A-Za-z0-9_-]{8,})\.)/g)) {
    const part = match[1]
    if ((/\d/.test(part) && /[A-Za-z]/.test(part)) || (/[a-z]/.test(part) && /[A-Z]/.test(part))) return true
  }
  return false
}
