// The opt-in source build against the system's libzmq (pkg-config), for distribution packagers:
// built from a copy of the sources a package ships, against Debian's libzmq3-dev here.
import { spawnSync } from "node:child_process"
import { cpSync, existsSync, mkdtempSync, rmSync, symlinkSync } from "node:fs"
import { createRequire } from "node:module"
import { tmpdir } from "node:os"
import { dirname, join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"

const root = new URL("../..", import.meta.url).pathname
const npmCli = process.env.npm_execpath?.endsWith("npm-cli.js")
  ? process.env.npm_execpath
  : join(dirname(process.execPath), "../lib/node_modules/npm/bin/npm-cli.js")
const nodeGyp = join(dirname(npmCli), "../node_modules/node-gyp/bin/node-gyp.js")
const pkgConfig = (flag: string) => spawnSync("pkg-config", [flag, "libzmq"], { encoding: "utf8" })

let work: string
let build: ReturnType<typeof spawnSync>

describe("a source build with ZMQ_TURBO_SYSTEM_LIBZMQ=1", () => {
  beforeAll(() => {
    if (pkgConfig("--exists").status !== 0) throw new Error("pkg-config finds no libzmq: install libzmq3-dev")
    work = mkdtempSync(join(tmpdir(), "zmqt-system-"))
    for (const path of [
      "native",
      "binding.gyp",
      "package.json",
      "scripts",
      "deps/libzmq/source.json",
      "deps/libzmq/options.cmake",
    ]) {
      cpSync(join(root, path), join(work, path), { recursive: true })
    }
    symlinkSync(join(root, "node_modules"), join(work, "node_modules"))
    build = spawnSync(process.execPath, [nodeGyp, "rebuild"], {
      cwd: work,
      encoding: "utf8",
      env: { ...process.env, ZMQ_TURBO_SYSTEM_LIBZMQ: "1" },
    })
  })

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true })
  })

  it("compiles and links", () => {
    expect(
      build.stderr
        .toString()
        .split("\n")
        .filter(line => /error/i.test(line) && !line.startsWith("gyp info")),
    ).toEqual([])
    expect(build.status).toBe(0)
  })

  it("neither fetches nor builds the bundled libzmq", () => {
    expect(existsSync(join(work, "deps/libzmq/src"))).toBe(false)
    expect(existsSync(join(work, "deps/libzmq/out"))).toBe(false)
  })

  it("links the shared system libzmq", () => {
    const ldd = spawnSync("ldd", [join(work, "build/Release/zeromq_turbo.node")], { encoding: "utf8" })
    expect(ldd.stdout).toMatch(/libzmq\.so\.\d+ => \//)
  })

  it("reports the system libzmq's version", () => {
    const addon = createRequire(import.meta.url)(join(work, "build/Release/zeromq_turbo.node"))
    expect(addon.version()).toBe(pkgConfig("--modversion").stdout.trim())
  })
})
