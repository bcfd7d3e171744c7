/**
 * Extracts a function's zip for local runs, so `sst start` runs exactly the code `sst deploy`
 * uploads. Reads the central directory and inflates stored or deflated entries with zlib: the
 * two methods every zip tool (ours included) writes for Lambda packages.
 * @module
 */
import { mkdirSync, writeFileSync, chmodSync } from "node:fs"
import { dirname, join, normalize, sep } from "node:path"
import { inflateRawSync } from "node:zlib"

const END_OF_CENTRAL_DIRECTORY = 0x06054b50
const CENTRAL_FILE_HEADER = 0x02014b50
const LOCAL_FILE_HEADER = 0x04034b50

export interface ZipFileEntry {
  name: string
  data: Buffer
  mode: number
}

export function readZip(zip: Buffer): ZipFileEntry[] {
  const end = findEndOfCentralDirectory(zip)
  const count = zip.readUInt16LE(end + 10)
  let offset = zip.readUInt32LE(end + 16)
  const entries: ZipFileEntry[] = []
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(offset) !== CENTRAL_FILE_HEADER) throw new Error("Corrupt zip: bad central directory entry")
    const method = zip.readUInt16LE(offset + 10)
    const compressedSize = zip.readUInt32LE(offset + 20)
    const nameLength = zip.readUInt16LE(offset + 28)
    const extraLength = zip.readUInt16LE(offset + 30)
    const commentLength = zip.readUInt16LE(offset + 32)
    const externalAttributes = zip.readUInt32LE(offset + 38)
    const localOffset = zip.readUInt32LE(offset + 42)
    const name = zip.toString("utf8", offset + 46, offset + 46 + nameLength)
    offset += 46 + nameLength + extraLength + commentLength
    if (zip.readUInt32LE(localOffset) !== LOCAL_FILE_HEADER) throw new Error(`Corrupt zip: bad local header for ${name}`)
    const dataStart = localOffset + 30 + zip.readUInt16LE(localOffset + 26) + zip.readUInt16LE(localOffset + 28)
    const raw = zip.subarray(dataStart, dataStart + compressedSize)
    if (name.endsWith("/")) continue
    const data = method === 0 ? Buffer.from(raw) : method === 8 ? inflateRawSync(raw) : unsupported(name, method)
    entries.push({ name, data, mode: (externalAttributes >>> 16) & 0o777 || 0o644 })
  }
  return entries
}

/** Writes every entry under `dir`, refusing names that would escape it. */
export function extractZip(zip: Buffer, dir: string): void {
  for (const entry of readZip(zip)) {
    const target = normalize(join(dir, entry.name))
    if (!target.startsWith(normalize(dir) + sep)) throw new Error(`Zip entry "${entry.name}" points outside the folder`)
    mkdirSync(dirname(target), { recursive: true })
    writeFileSync(target, entry.data)
    chmodSync(target, entry.mode)
  }
}

function findEndOfCentralDirectory(zip: Buffer): number {
  // The record is 22 bytes plus a comment of at most 65,535 bytes, at the very end.
  for (let offset = zip.length - 22; offset >= Math.max(0, zip.length - 22 - 65_535); offset--) {
    if (zip.readUInt32LE(offset) === END_OF_CENTRAL_DIRECTORY) return offset
  }
  throw new Error("Not a zip file: no end of central directory")
}

function unsupported(name: string, method: number): never {
  throw new Error(`Zip entry ${name} uses compression method ${method}; only stored (0) and deflated (8) are supported`)
}
