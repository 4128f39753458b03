// linux-arm64 glibc: the prebuild loaded and exercised by the arm64 Node from the npm registry,
// run by Debian's qemu-aarch64-static with Debian's arm64 libraries (-L).
import { existsSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { exercise, nodeBinary, outcome, run, runtimes, stage, type Target } from "./support.js"
// @ts-expect-error: a plain JavaScript module without declarations
import { targets } from "../../scripts/targets.mjs"

const target = (targets as Target[]).find(t => t.name === "linux-arm64-glibc")!
const qemu = "/usr/bin/qemu-aarch64-static"
const sysroot = "/usr/aarch64-linux-gnu"

describe("the linux-arm64 glibc prebuild", () => {
  it("has qemu and arm64 libraries to run on (qemu-user-static, libstdc++6-arm64-cross)", () => {
    expect(existsSync(qemu)).toBe(true)
    expect(existsSync(join(sysroot, "lib", "ld-linux-aarch64.so.1"))).toBe(true)
  })

  it(`loads and runs under qemu with Node ${runtimes["linux-arm64"][20]} for arm64`, () => {
    const dir = stage([target])
    const node = nodeBinary("linux-arm64", runtimes["linux-arm64"][20])
    const result = outcome(run(qemu, ["-L", sysroot, node, exercise, dir], { timeout: 170_000 }))
    expect(result.error).toBeUndefined()
    expect(result).toMatchObject({ node: `v${runtimes["linux-arm64"][20]}`, version: "4.3.4" })
    expect(result.checks).toEqual(["push/pull", "req/rep", "curve", "worker"])
    expect(result.binary).toBe(join(dir, "prebuilds/linux-arm64/zeromq-turbo.glibc.node"))
  })
})
