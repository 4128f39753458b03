// linux-x64 glibc: the package ships two binaries (scripts/targets.mjs says why): this machine's
// gcc build, which needs its glibc (2.36), and the portable Zig build (glibc 2.17). Under the
// Node binaries of every supported line the loader takes the first; on Debian 11 (glibc 2.31),
// with Node 18, the first fails to load and the loader falls back to the portable one.
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { bullseyeRoot, exercise, nodeBinary, outcome, run, runtimes, stage, type Target } from "./support.js"
// @ts-expect-error: a plain JavaScript module without declarations
import { prebuildPath, targets } from "../../scripts/targets.mjs"

const both = (targets as Target[]).filter(t => t.platform === "linux" && t.arch === "x64" && t.libc === "glibc")
const [native, portable] = both
const checks = ["push/pull", "req/rep", "curve", "worker"]

function onDebian11(dir: string) {
  const debian = bullseyeRoot()
  const node = nodeBinary("linux-x64", runtimes["linux-x64"][18])
  return outcome(run(debian.loader, ["--library-path", debian.libraryPath, node, exercise, dir], { timeout: 120_000 }))
}

describe("the linux-x64 glibc prebuilds", () => {
  it("are the machine-glibc build and the portable one, tried in that order", () => {
    expect(both.map(t => prebuildPath(t))).toEqual([
      "prebuilds/linux-x64/zeromq-turbo.glibc.node",
      "prebuilds/linux-x64/zeromq-turbo.glibc.portable.node",
    ])
  })

  for (const [major, version] of Object.entries(runtimes["linux-x64"])) {
    for (const target of both) {
      it(`${target.name} loads and runs under Node ${major} (${version})`, () => {
        const dir = stage([target])
        const result = outcome(run(nodeBinary("linux-x64", version), [exercise, dir], { timeout: 120_000 }))
        expect(result.error).toBeUndefined()
        expect(result).toMatchObject({ node: `v${version}`, version: "4.3.4", checks })
        expect(result.binary).toBe(join(dir, prebuildPath(target)))
      })
    }
  }

  it("with both shipped, Node 18 on Debian 11 (glibc 2.31) falls back to the portable one and runs", () => {
    const dir = stage(both)
    const result = onDebian11(dir)
    expect(result.error).toBeUndefined()
    expect(result).toMatchObject({ node: `v${runtimes["linux-x64"][18]}`, checks })
    expect(result.binary).toBe(join(dir, prebuildPath(portable)))
  })

  // The other side of the test above: the machine-glibc build alone fails there, so the Debian 11
  // root really runs an older glibc and the fallback was needed.
  it("the machine-glibc build alone fails to load on Debian 11, naming the glibc it needs", () => {
    const result = onDebian11(stage([native]))
    expect(result.error).toMatch(/GLIBC_2\.3[2-9]' not found/)
    expect(result.error).toContain("zeromq-turbo.glibc.node")
  })
})
