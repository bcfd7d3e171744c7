/**
 * Extracts a function's zip for local runs, so `sst start` runs exactly the code `sst deploy`
 * uploads. Reads the central directory (ZIP64 too) and inflates stored or deflated entries with
 * zlib: the two methods every zip tool (ours included) writes for Lambda packages. Tests read
 * the packager's zips with it too.
 * @module
 */
import { mkdirSync, writeFileSync, chmodSync } from "node:fs"
import { dirname, join, normalize, sep } from "node:path"
import { inflateRawSync } from "node:zlib"

const CENTRAL_FILE_HEADER = 0x02014b50
const LOCAL_FILE_HEADER = 0x04034b50

export interface ZipFileEntry {
  name: string
  data: Buffer
  /** Unix mode from the external attributes, file type bits included (e.g. 0o100644). */
  mode: number
  /** DOS date and time fields as stored. */
  dosDate: number
  dosTime: number
}

/** The file entries of a zip, from its central directory (ZIP64 included). */
export function readZip(zip: Buffer): ZipFileEntry[] {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]))
  if (end < 0) throw new Error("Not a zip file: no end of central directory")
  let count = zip.readUInt16LE(end + 10)
  let offset = zip.readUInt32LE(end + 16)
  if (count === 0xffff || offset === 0xffffffff) {
    // ZIP64: the locator just before the end record points at the ZIP64 end record.
    const record = Number(zip.readBigUInt64LE(end - 20 + 8))
    count = Number(zip.readBigUInt64LE(record + 32))
    offset = Number(zip.readBigUInt64LE(record + 48))
  }
  const entries: ZipFileEntry[] = []
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(offset) !== CENTRAL_FILE_HEADER) throw new Error("Corrupt zip: bad central directory entry")
    const method = zip.readUInt16LE(offset + 10)
    const dosTime = zip.readUInt16LE(offset + 12)
    const dosDate = zip.readUInt16LE(offset + 14)
    let compressed = zip.readUInt32LE(offset + 20)
    const nameLength = zip.readUInt16LE(offset + 28)
    const extraLength = zip.readUInt16LE(offset + 30)
    const commentLength = zip.readUInt16LE(offset + 32)
    const external = zip.readUInt32LE(offset + 38)
    let local = zip.readUInt32LE(offset + 42)
    const name = zip.toString("utf8", offset + 46, offset + 46 + nameLength)
    const extra = zip.subarray(offset + 46 + nameLength, offset + 46 + nameLength + extraLength)
    if (compressed === 0xffffffff || local === 0xffffffff) {
      // ZIP64 extra field (id 1): uncompressed, compressed, local offset, as present.
      for (let p = 0; p < extra.length; ) {
        const id = extra.readUInt16LE(p)
        const size = extra.readUInt16LE(p + 2)
        if (id === 1) {
          let q = p + 4
          if (zip.readUInt32LE(offset + 24) === 0xffffffff) q += 8
          if (compressed === 0xffffffff) (compressed = Number(extra.readBigUInt64LE(q)), (q += 8))
          if (local === 0xffffffff) local = Number(extra.readBigUInt64LE(q))
        }
        p += 4 + size
      }
    }
    offset += 46 + nameLength + extraLength + commentLength
    if (name.endsWith("/")) continue
    if (zip.readUInt32LE(local) !== LOCAL_FILE_HEADER) throw new Error(`Corrupt zip: bad local header for ${name}`)
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28)
    const raw = zip.subarray(start, start + compressed)
    const data = method === 0 ? Buffer.from(raw) : method === 8 ? inflateRawSync(raw) : unsupported(name, method)
    entries.push({ name, data, mode: external >>> 16 || 0o100644, dosDate, dosTime })
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
    chmodSync(target, entry.mode & 0o777)
  }
}


function unsupported(name: string, method: number): never {
  throw new Error(`Zip entry ${name} uses compression method ${method}; only stored (0) and deflated (8) are supported`)
}
