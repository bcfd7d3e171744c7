/**
 * A throwaway PostgreSQL cluster for tests: `initdb` into a temp folder, `pg_ctl start` on a free
 * port of 127.0.0.1 with trust authentication, and `stop()` removes it all.
 *
 * PostgreSQL refuses to run as root, and CI runs as root: then the folder is handed to the
 * `postgres` user (which Debian's package creates; `nobody` otherwise) and the server tools run
 * as that user through `runuser`. Nothing is skipped: a machine without PostgreSQL fails with a
 * message saying how to install it (.ci/run installs the `postgresql` package).
 * @module
 */
import { execFileSync, spawnSync } from "node:child_process"
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs"
import { createServer } from "node:net"
import { tmpdir } from "node:os"
import { join } from "node:path"

export interface Postgres {
  host: string
  port: number
  user: string
  stop(): void
}

export async function startPostgres(): Promise<Postgres> {
  const bin = findBinaries()
  const dir = mkdtempSync(join(tmpdir(), "sst-pg-"))
  const data = join(dir, "data")
  const runAs = process.getuid?.() === 0 ? serviceUser() : undefined
  if (runAs) chownSync(dir, runAs.uid, runAs.gid)
  const run = (tool: string, args: string[]) => {
    const command = runAs ? ["runuser", ["-u", runAs.name, "--", join(bin, tool), ...args]] as const : [join(bin, tool), args] as const
    const result = spawnSync(command[0], [...command[1]], { encoding: "utf8", timeout: 120_000 })
    if (result.status !== 0) {
      const log = existsSync(join(dir, "server.log")) ? `\nserver log:\n${readFileSync(join(dir, "server.log"), "utf8")}` : ""
      throw new Error(`PostgreSQL could not start: ${tool} ${args.join(" ")} failed (${result.error?.message ?? `exit ${result.status}`}):\n${result.stdout}${result.stderr}${log}`)
    }
  }
  const port = await freePort()
  try {
    run("initdb", ["-D", data, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--no-locale", "--no-sync"])
    run("pg_ctl", ["-D", data, "-l", join(dir, "server.log"), "-w", "-t", "60", "-o", `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`, "start"])
  } catch (error) {
    rmSync(dir, { recursive: true, force: true })
    throw error
  }
  return {
    host: "127.0.0.1",
    port,
    user: "postgres",
    stop() {
      try {
        run("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"])
      } finally {
        rmSync(dir, { recursive: true, force: true })
      }
    },
  }
}

/** The folder of initdb and pg_ctl: on PATH, else Debian's /usr/lib/postgresql/<version>/bin. */
function findBinaries(): string {
  const which = spawnSync("sh", ["-c", "command -v pg_ctl"], { encoding: "utf8" })
  if (which.status === 0 && which.stdout.trim()) {
    const pgCtl = execFileSync("readlink", ["-f", which.stdout.trim()], { encoding: "utf8" }).trim()
    const dir = pgCtl.slice(0, pgCtl.lastIndexOf("/"))
    if (existsSync(join(dir, "initdb"))) return dir
  }
  const base = "/usr/lib/postgresql"
  const versions = existsSync(base) ? readdirSync(base).filter((v) => existsSync(join(base, v, "bin", "initdb"))).sort((a, b) => Number(b) - Number(a)) : []
  if (versions.length > 0) return join(base, versions[0], "bin")
  throw new Error("PostgreSQL is not installed: these tests start a throwaway cluster with initdb and pg_ctl. Install it with `apt-get install postgresql` (.ci/run does).")
}

function serviceUser(): { name: string; uid: number; gid: number } {
  for (const name of ["postgres", "nobody"]) {
    const uid = spawnSync("id", ["-u", name], { encoding: "utf8" })
    const gid = spawnSync("id", ["-g", name], { encoding: "utf8" })
    if (uid.status === 0 && gid.status === 0) return { name, uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) }
  }
  throw new Error("PostgreSQL refuses to run as root, and neither a postgres nor a nobody user exists to run it as.")
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once("error", reject)
    server.listen(0, "127.0.0.1", () => {
      const address = server.address()
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0))
    })
  })
}
