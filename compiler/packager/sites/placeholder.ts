/**
 * The placeholder a site's build sees for an environment value that is known only after deploy
 * (`{{ VITE_API_URL }}`), as SST v1 wrote it. The deployer replaces it in the built files.
 * @module
 */

/** `{{ KEY }}` */
export function sitePlaceholder(key: string): string {
  return `{{ ${key} }}`
}

/** The files the deployer rewrites placeholders in: scripts and pages (SST v1 rewrote `.js` and `.html`). */
export const PLACEHOLDER_FILES = "*.{js,mjs,cjs,html,htm}"
