// The fetch and build scripts, run as a user runs them, on copies in temporary directories so
// that the repository's own deps/libzmq is never touched.
import { spawnSync } from "node:child_process"
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
// @ts-expect-error: a plain JavaScript module without declarations
import { cacheDir } from "../../scripts/libzmq-paths.mjs"

const root = new URL("../..", import.meta.url).pathname
const source = JSON.parse(readFileSync(join(root, "deps/libzmq/source.json"), "utf8"))

let work: string
let good: string

/** A project skeleton with just what the libzmq scripts read. */
function skeleton(): string {
  const dir = mkdtempSync(join(work, "project-"))
  mkdirSync(join(dir, "deps/libzmq"), { recursive: true })
  for (const file of ["deps/libzmq/source.json", "deps/libzmq/options.cmake"]) cpSync(join(root, file), join(dir, file))
  cpSync(join(root, "deps/libzmq/patches"), join(dir, "deps/libzmq/patches"), { recursive: true })
  cpSync(join(root, "scripts"), join(dir, "scripts"), { recursive: true })
  return dir
}

function run(dir: string, script: string, env: Record<string, string>) {
  return spawnSync(process.execPath, [join(dir, "scripts", script)], {
    cwd: dir,
    encoding: "utf8",
    env: { ...process.env, ZMQ_TURBO_CACHE: join(work, "empty-cache"), ...env },
  })
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "zmqt-source-"))
  // `npm install` stored the verified tarball in the cache; the tests alter copies of it.
  good = join(cacheDir(), source.archive)
  if (!existsSync(good)) throw new Error(`the verified tarball is not in the cache (${good}): run npm install first`)
})

afterAll(() => rmSync(work, { recursive: true, force: true }))

describe("scripts/fetch-libzmq.mjs", () => {
  it("refuses a tarball with one byte changed, naming the file and both checksums", () => {
    const bad = join(work, "one-byte.tar.gz")
    const bytes = readFileSync(good)
    bytes[bytes.length >> 1] ^= 0x01
    writeFileSync(bad, bytes)
    const dir = skeleton()
    const result = run(dir, "fetch-libzmq.mjs", { LIBZMQ_TARBALL: bad })
    expect(result.status).toBe(1)
    expect(result.stderr).toContain(bad)
    expect(result.stderr).toContain(`expected sha256: ${source.sha256}`)
    expect(result.stderr).toMatch(/actual {3}sha256: [0-9a-f]{64}/)
    expect(existsSync(join(dir, "deps/libzmq/src"))).toBe(false)
  })

  it("refuses a truncated tarball", () => {
    const bad = join(work, "truncated.tar.gz")
    writeFileSync(bad, readFileSync(good).subarray(0, 100_000))
    const result = run(skeleton(), "fetch-libzmq.mjs", { LIBZMQ_TARBALL: bad })
    expect(result.status).toBe(1)
    expect(result.stderr).toContain(`${bad} (from LIBZMQ_TARBALL)`)
  })

  it("unpacks a verified tarball and stores it in the cache", () => {
    const dir = skeleton()
    const cache = join(work, "fresh-cache")
    const result = run(dir, "fetch-libzmq.mjs", { LIBZMQ_TARBALL: good, ZMQ_TURBO_CACHE: cache })
    expect(result.status).toBe(0)
    expect(existsSync(join(dir, "deps/libzmq/src", source.topDir, "CMakeLists.txt"))).toBe(true)
    expect(readFileSync(join(cache, source.archive)).equals(readFileSync(good))).toBe(true)
  })

  it("applies zeromq-turbo's patches to the unpacked source", () => {
    const dir = skeleton()
    const result = run(dir, "fetch-libzmq.mjs", { LIBZMQ_TARBALL: good })
    expect(result.status).toBe(0)
    const zmqH = readFileSync(join(dir, "deps/libzmq/src", source.topDir, "include/zmq.h"), "utf8")
    expect(zmqH).toContain("zmq_turbo_set_receive_init")
  })

  it("unpacks again when a patch changes, and refuses one that does not match, naming it and the line", () => {
    const dir = skeleton()
    expect(run(dir, "fetch-libzmq.mjs", { LIBZMQ_TARBALL: good }).status).toBe(0)
    const patch = join(dir, "deps/libzmq/patches/0002-receive-init-hook.patch")
    // A context line of the hunk in include/zmq.h, changed as if the source were another one.
    const text = readFileSync(patch, "utf8")
    const context = " ZMQ_EXPORT int zmq_msg_send (zmq_msg_t *msg_, void *s_, int flags_);"
    expect(text).toContain(context)
    writeFileSync(patch, text.replace(context, " ZMQ_EXPORT int zmq_msg_send (zmq_msg_t *msg, void *s, int flags);"))
    const result = run(dir, "fetch-libzmq.mjs", { LIBZMQ_TARBALL: good })
    expect(result.status).toBe(1)
    expect(result.stderr).toMatch(
      /libzmq patch 0002-receive-init-hook\.patch: include\/zmq\.h line \d+ is not what line \d+ expects/,
    )
  })

  it("takes the tarball from the cache with the network unplugged", () => {
    const dir = skeleton()
    const cache = join(work, "offline-cache")
    mkdirSync(cache)
    cpSync(good, join(cache, source.archive))
    // A new network namespace has no interfaces: nothing outside this process is reachable.
    const result = spawnSync(
      "unshare",
      ["--net", "--map-root-user", process.execPath, join(dir, "scripts/fetch-libzmq.mjs")],
      {
        cwd: dir,
        encoding: "utf8",
        env: { ...process.env, ZMQ_TURBO_CACHE: cache, LIBZMQ_TARBALL: "" },
      },
    )
    expect(result.stderr).not.toContain("upstream")
    expect(result.status).toBe(0)
    expect(existsSync(join(dir, "deps/libzmq/src", source.topDir, "CMakeLists.txt"))).toBe(true)
  })
})

describe("scripts/build-libzmq.mjs", () => {
  it("stops before building when the tarball is wrong", () => {
    const bad = join(work, "build-bad.tar.gz")
    const bytes = readFileSync(good)
    bytes[12345] ^= 0xff
    writeFileSync(bad, bytes)
    const dir = skeleton()
    const result = run(dir, "build-libzmq.mjs", { LIBZMQ_TARBALL: bad })
    expect(result.status).toBe(1)
    expect(result.stderr).toContain("The build stops here.")
    expect(existsSync(join(dir, "deps/libzmq/out"))).toBe(false)
  })

  it("reuses the existing libzmq build instead of building it again", () => {
    const lib = join(root, "deps/libzmq/out", process.arch, "prefix/lib/libzmq.a")
    const before = statSync(lib).mtimeMs
    const result = spawnSync(process.execPath, [join(root, "scripts/build-libzmq.mjs")], { encoding: "utf8" })
    expect(result.status).toBe(0)
    expect(result.stderr).toContain(`reusing ${lib}`)
    expect(statSync(lib).mtimeMs).toBe(before)
  })
})
