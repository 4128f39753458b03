// `npm test` runs against what scripts/ensure-built.mjs just built, and never deletes what a
// user built: the tests name build/Release's binary (ZEROMQ_TURBO_BINARY, vitest.config.mts)
// instead of removing a prebuild that the loader would prefer.
import { spawnSync } from "node:child_process"
import { existsSync, mkdirSync, rmSync, utimesSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { require, turbo } from "../support/load.js"
import { evaluate } from "../support/child.js"

const root = new URL("../..", import.meta.url).pathname
const built = join(root, "build", "Release", "zeromq_turbo.node")

describe("the test run", () => {
  it("loads the binary the config names, build/Release's, whatever prebuilds/ holds", () => {
    expect(turbo.version).toMatch(/^\d+\.\d+\.\d+$/)
    // .ci/run runs the suite a second time with ZEROMQ_TURBO_BINARY naming a prebuild.
    const named = process.env.ZEROMQ_TURBO_BINARY as string
    if (!named.startsWith(join(root, "prebuilds") + "/")) expect(named).toBe(built)
    const binaries = Object.keys(require.cache).filter(
      file => file.endsWith(".node") && file.startsWith(root) && !file.includes("node_modules"),
    )
    expect(binaries).toEqual([named])
  })

  it("fails to load, naming it, when ZEROMQ_TURBO_BINARY names a file that does not exist", async () => {
    const exit = await evaluate(`require("zeromq-turbo")`, { env: { ZEROMQ_TURBO_BINARY: join(root, "missing.node") } })
    expect(exit.code).not.toBe(0)
    expect(exit.stderr).toContain(`ZEROMQ_TURBO_BINARY names ${join(root, "missing.node")}, which does not exist`)
  })
})

describe("scripts/ensure-built.mjs", () => {
  it("leaves a prebuild older than native/ alone", () => {
    const prebuilds = join(root, "prebuilds")
    const dir = join(prebuilds, `${process.platform}-${process.arch}`)
    const made = [prebuilds, dir].filter(path => !existsSync(path))
    const file = join(dir, `zeromq-turbo.ensure-built-test-${process.pid}.node`)
    mkdirSync(dir, { recursive: true })
    writeFileSync(file, "not a binary")
    const old = new Date("2000-01-01")
    utimesSync(file, old, old)
    try {
      // It runs node-gyp, which npm puts on PATH for `npm test`.
      const result = spawnSync(process.execPath, [join(root, "scripts", "ensure-built.mjs")], {
        cwd: root,
        encoding: "utf8",
      })
      expect(result.status, result.stderr).toBe(0)
      expect(existsSync(file)).toBe(true)
    } finally {
      rmSync(file, { force: true })
      for (const path of made.reverse()) rmSync(path, { recursive: true, force: true })
    }
  })
})
