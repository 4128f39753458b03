// linux-x64 glibc: the prebuild loaded and exercised by the Node binaries of every supported
// line, and by Node 18 on Debian 11's glibc 2.31, where a build made with this machine's gcc
// (glibc 2.36) cannot load.
import { describe, expect, it } from "vitest"
import { bullseyeRoot, exercise, nodeBinary, outcome, root, run, runtimes, stage, type Target } from "./support.js"
// @ts-expect-error: a plain JavaScript module without declarations
import { targets } from "../../scripts/targets.mjs"
import { join } from "node:path"
import { existsSync } from "node:fs"

const target = (targets as Target[]).find(t => t.name === "linux-x64-glibc")!
const checks = ["push/pull", "req/rep", "curve", "worker"]

describe("the linux-x64 glibc prebuild", () => {
  for (const [major, version] of Object.entries(runtimes["linux-x64"])) {
    it(`loads and runs under Node ${major} (${version})`, () => {
      const dir = stage(target)
      const result = outcome(run(nodeBinary("linux-x64", version), [exercise, dir], { timeout: 120_000 }))
      expect(result.error).toBeUndefined()
      expect(result).toMatchObject({ node: `v${version}`, version: "4.3.4", checks })
      expect(result.binary).toBe(join(dir, "prebuilds/linux-x64/zeromq-turbo.glibc.node"))
    })
  }

  it("loads and runs under Node 18 on Debian 11 (glibc 2.31)", () => {
    const debian = bullseyeRoot()
    const node = nodeBinary("linux-x64", runtimes["linux-x64"][18])
    const dir = stage(target)
    const result = outcome(
      run(debian.loader, ["--library-path", debian.libraryPath, node, exercise, dir], { timeout: 120_000 }),
    )
    expect(result.error).toBeUndefined()
    expect(result).toMatchObject({ node: `v${runtimes["linux-x64"][18]}`, checks })
  })

  // The other side of the test above: the same run with this machine's own gcc build fails, so
  // the Debian 11 root really runs an older glibc.
  it.runIf(existsSync(join(root, "build/Release/zeromq_turbo.node")))(
    "is needed there: a build with this machine's gcc fails to load on Debian 11",
    () => {
      const debian = bullseyeRoot()
      const node = nodeBinary("linux-x64", runtimes["linux-x64"][18])
      const dir = stage(target, join(root, "build/Release/zeromq_turbo.node"))
      const result = outcome(
        run(debian.loader, ["--library-path", debian.libraryPath, node, exercise, dir], { timeout: 120_000 }),
      )
      expect(result.error).toMatch(/GLIBC_2\.3[2-9]' not found/)
    },
  )
})
