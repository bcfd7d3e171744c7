/**
 * Globs of a site's `fileOptions` and `replaceValues`, matched against paths relative to the
 * build output. As in `aws s3 cp --include`, which SST v1's rules were written for, `*` also
 * crosses "/" (`"*.html"` matches `docs/index.html`); `**` is accepted too, `?` is one character
 * and `{a,b}` either word.
 * @module
 */

const cache = new Map<string, RegExp>()

export function matchesGlob(path: string, glob: string): boolean {
  let pattern = cache.get(glob)
  if (!pattern) {
    pattern = globToRegExp(glob)
    cache.set(glob, pattern)
  }
  return pattern.test(path)
}

export function globToRegExp(glob: string): RegExp {
  let source = ""
  let braces = 0
  for (let i = 0; i < glob.length; i++) {
    const char = glob[i]
    if (char === "*") {
      const start = i
      while (glob[i + 1] === "*") i++
      // "**/" also matches no folder at all: "**/*.js" matches "index.js".
      if (glob[i + 1] === "/" && i > start) {
        source += "(?:.*/)?"
        i++
      } else source += ".*"
    } else if (char === "?") source += "."
    else if (char === "{") {
      braces++
      source += "(?:"
    } else if (char === "}" && braces > 0) {
      braces--
      source += ")"
    } else if (char === "," && braces > 0) source += "|"
    else source += char.replace(/[.+^$()|[\]\\]/g, "\\$&")
  }
  return new RegExp(`^${source.replace(/^\/+/, "")}$`)
}
