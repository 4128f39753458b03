// lib/native.ts's choice of binary: for every prebuild target, the file a process of that
// platform, architecture and libc takes from the shipped set, the same file node-gyp-build takes
// at install time; and a binary that fails to load never ends the search.
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { afterAll, afterEach, describe, expect, it } from "vitest"
import { evaluate, killAll, root } from "../support/child.js"
import { require } from "../support/load.js"
// @ts-expect-error: a plain JavaScript module without declarations
import { prebuildPath, targets } from "../../scripts/targets.mjs"

const { prebuildCandidates } = require(join(root, "dist", "native.js")) as {
  prebuildCandidates(files: readonly string[], libc: string | undefined): string[]
}
const all = targets as { name: string; platform: string; arch: string; libc?: string; variant?: string }[]
const work = mkdtempSync(join(root, "build", "loader-test-"))
afterEach(() => killAll())
afterAll(() => rmSync(work, { recursive: true, force: true }))

/** A package directory of package.json, dist/ and the given files under prebuilds/. */
function stage(name: string, files: Record<string, string | Buffer>): string {
  const dir = join(work, name)
  mkdirSync(dir, { recursive: true })
  cpSync(join(root, "package.json"), join(dir, "package.json"))
  cpSync(join(root, "dist"), join(dir, "dist"), { recursive: true })
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(join(dir, file, ".."), { recursive: true })
    writeFileSync(join(dir, file), content)
  }
  return dir
}

describe("the prebuild chosen for each target", () => {
  // Every target's file, as `npm run prebuild:all` ships them.
  const shipped = Object.fromEntries(all.map(t => [prebuildPath(t), "x"]))
  const dir = stage("all", shipped)

  // A variant (the portable linux-x64 glibc build) is a fallback, never the first choice.
  for (const target of all.filter(t => t.variant === undefined)) {
    const libc = target.libc
    it(`takes ${prebuildPath(target)} on ${target.name}, as node-gyp-build does`, async () => {
      const files = Object.keys(shipped)
        .filter(file => file.startsWith(`prebuilds/${target.platform}-${target.arch}/`))
        .map(file => file.split("/")[2])
      const ours = prebuildCandidates(files, libc)
      expect(ours[0]).toBe(prebuildPath(target).split("/")[2])
      expect(ours.every(file => !file.includes(libc === "musl" ? ".glibc." : ".musl."))).toBe(true)
      // node-gyp-build as `npm install` runs it there: platform and arch from npm's config,
      // libc from LIBC (its own test is for Alpine's /etc/alpine-release).
      const theirs = await evaluate(`process.stdout.write(require("node-gyp-build").path(${JSON.stringify(dir)}))`, {
        env: {
          ...process.env,
          npm_config_platform: target.platform,
          npm_config_arch: target.arch,
          LIBC: libc ?? "glibc",
          PREBUILDS_ONLY: "1",
        },
      })
      expect(theirs.stderr).toBe("")
      expect(theirs.stdout.replace(/\\/g, "/")).toBe(join(dir, prebuildPath(target)))
    })
  }

  it("tries the portable linux-x64 glibc build right after the machine-glibc one", () => {
    const files = ["zeromq-turbo.glibc.portable.node", "zeromq-turbo.musl.node", "zeromq-turbo.glibc.node"].sort()
    expect(prebuildCandidates(files, "glibc")).toEqual(["zeromq-turbo.glibc.node", "zeromq-turbo.glibc.portable.node"])
  })

  it("takes a .glibc file where libc means nothing (prebuildify tags one on Windows too)", () => {
    expect(prebuildCandidates(["zeromq-turbo.glibc.node"], undefined)).toEqual(["zeromq-turbo.glibc.node"])
    expect(prebuildCandidates(["zeromq-turbo.musl.node"], undefined)).toEqual([])
  })

  it("prefers the libc-tagged file over an untagged one", () => {
    expect(prebuildCandidates(["zeromq-turbo.node", "zeromq-turbo.musl.node"], "musl")).toEqual([
      "zeromq-turbo.musl.node",
      "zeromq-turbo.node",
    ])
  })
})

describe("loading when a prebuild fails", () => {
  const own = `prebuilds/${process.platform}-${process.arch}`
  const loadIn = (dir: string) =>
    evaluate(
      `try { const z = require(${JSON.stringify(dir)}); console.log("loaded", z.version, Object.keys(require.cache).find(f => f.endsWith(".node"))) } catch (e) { console.log(e.message) }`,
      // The search itself, not the binary the test run names (vitest.config.mts).
      { env: { ZEROMQ_TURBO_BINARY: "" } },
    )

  it("goes on to the next candidate and loads it", async () => {
    const dir = stage("fallback", { [`${own}/zeromq-turbo.node`]: "not a shared library" })
    mkdirSync(join(dir, "build", "Release"), { recursive: true })
    cpSync(join(root, "build", "Release", "zeromq_turbo.node"), join(dir, "build", "Release", "zeromq_turbo.node"))
    const result = await loadIn(dir)
    expect(result.stdout).toContain(`loaded 4.3.4 ${join(dir, "build", "Release", "zeromq_turbo.node")}`)
  })

  it("names every binary it tried and why each failed, and how to build from source", async () => {
    const dir = stage("broken", {
      [`${own}/zeromq-turbo.node`]: "not a shared library",
      [`${own}/zeromq-turbo.glibc.node`]: "truncated",
    })
    const result = await loadIn(dir)
    expect(result.stdout).toMatch(/no native binary could be loaded for platform=\w+ arch=\w+ libc=\w+/)
    expect(result.stdout).toContain(join(dir, own, "zeromq-turbo.node"))
    expect(result.stdout).toContain(join(dir, own, "zeromq-turbo.glibc.node"))
    expect(result.stdout).toMatch(/invalid ELF header|file too short|not a valid Win32|slice is not valid mach-o/)
    expect(result.stdout).toContain("npm explore zeromq-turbo -- npm run build:native")
  })
})
