/**
 * What a runtime's packager returns for one function, before it is zipped and cached.
 * @module
 */
import type { ZipEntry } from "./zip.ts"

export interface PackagedFunction {
  /** The zip's entries; or, for a toolchain that makes its own zip (Gradle), `zip`. */
  entries?: ZipEntry[]
  zip?: Uint8Array
  /** Files (relative to the app root) whose change means a rebuild. */
  inputs: string[]
  /** The Lambda `Handler` inside the zip. */
  handler: string
}
