// linux-x64 and linux-arm64 musl: no musl build of node exists here, so what can be run is run
// without it. The addon is dlopen()ed under Debian's musl loader (x64; napi/uv stubs stand in for
// node), and the libzmq built for each musl target is exercised by a static musl program (arm64
// under qemu). The static checks (dependencies, every C symbol defined by musl) are in
// binaries.test.ts.
import { mkdirSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { root, run, type Target } from "./support.js"
// @ts-expect-error: a plain JavaScript module without declarations
import { targets, prebuildPath } from "../../scripts/targets.mjs"
// @ts-expect-error: a plain JavaScript module without declarations
import { ensureZig } from "../../scripts/zig.mjs"
// @ts-expect-error: a plain JavaScript module without declarations
import { outDir } from "../../scripts/libzmq-paths.mjs"

const musl = (targets as Target[]).filter(t => t.libc === "musl")
const work = join(root, "build", "prebuild-stage", "musl")
const fixtures = join(root, "test", "platforms", "fixtures")

describe("the linux-x64 musl prebuild", () => {
  it("is loaded by musl's dynamic loader with every C-library symbol resolved", () => {
    const binary = join(root, prebuildPath(musl.find(t => t.arch === "x64")))
    const fromNode = run("readelf", ["-W", "--dyn-syms", binary])
      .stdout.split("\n")
      .map(line => line.trim().split(/\s+/))
      .filter(cols => cols[6] === "UND" && /^(napi_|node_api_|uv_)/.test(cols[7] ?? ""))
      .map(cols => cols[7].split("@")[0])
    expect(fromNode.length).toBeGreaterThan(10)
    mkdirSync(work, { recursive: true })
    const stubs = join(work, "stubs.c")
    writeFileSync(stubs, fromNode.map(name => `void ${name}(void) {}\n`).join(""))
    const program = join(work, "dlopen")
    const build = run("musl-gcc", ["-rdynamic", "-o", program, join(fixtures, "dlopen.c"), stubs])
    expect(build.stderr).toBe("")
    const result = run(program, [binary])
    expect(result.stdout.trim()).toBe("loaded")
    expect(result.status).toBe(0)
  })
})

for (const target of musl) {
  describe(`libzmq as built for ${target.name}`, () => {
    it(`runs PUSH/PULL, REQ/REP and CURVE in a static musl program${target.arch === "arm64" ? " under qemu" : ""}`, () => {
      const prefix = join(outDir(target.name), "prefix")
      const program = join(work, `roundtrip-${target.arch}`)
      mkdirSync(work, { recursive: true })
      const build = run(ensureZig(), [
        "c++",
        "-target",
        target.zig!,
        "-static",
        "-O2",
        "-DZMQ_STATIC",
        "-x",
        "c",
        join(fixtures, "roundtrip.c"),
        "-x",
        "none",
        `-I${join(prefix, "include")}`,
        join(prefix, "lib", "libzmq.a"),
        "-o",
        program,
      ])
      // (Zig prints warnings of its own when it first compiles musl's start files.)
      expect(build.stderr).not.toMatch(/error:/)
      expect(build.status).toBe(0)
      expect(run("file", ["-b", program]).stdout).toMatch(/statically linked/)
      const result =
        target.arch === "arm64"
          ? run("/usr/bin/qemu-aarch64-static", [program], { timeout: 120_000 })
          : run(program, [], { timeout: 60_000 })
      expect(result.stdout.trim()).toBe("ok")
      expect(result.status).toBe(0)
    })
  })
}
