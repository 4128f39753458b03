// The source's own consistency: generated code matches the option table, and every file
// follows the committed formatting config.
import { spawnSync } from "node:child_process"
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, describe, expect, it } from "vitest"

const root = new URL("../..", import.meta.url).pathname
const run = (script: string) => spawnSync(process.execPath, [script, "--check"], { cwd: root, encoding: "utf8" })

describe("generated code", () => {
  it("is what scripts/generate-options.mjs makes from lib/option-table.ts and lib/wire-table.ts", () => {
    const result = run("scripts/generate-options.mjs")
    expect(result.stderr).toBe("")
    expect(result.status).toBe(0)
  })

  // The wire table is the one source of the texts: a copy typed by hand elsewhere would drift.
  it("is the only place in native/ that spells the wire table's error texts", () => {
    const table = readFileSync(join(root, "lib/wire-table.ts"), "utf8")
    const texts = [...table.matchAll(/^  \w+: "([^"]+)",$/gm)].map(match => match[1])
    expect(texts).toContain("Socket is closed")
    const copies = readdirSync(join(root, "native"))
      .filter(name => /\.(cc|h)$/.test(name) && name !== "wire.generated.h")
      .flatMap(name => {
        const source = readFileSync(join(root, "native", name), "utf8")
        return texts.filter(text => source.includes(`"${text}"`)).map(text => `${name}: ${text}`)
      })
    expect(copies).toEqual([])
  })
})

describe("formatting", () => {
  it("follows .prettierrc.json and .clang-format", () => {
    const result = run("scripts/check-format.mjs")
    expect(result.status, result.stdout + result.stderr).toBe(0)
  })

  // A check that skips native/ for want of clang-format would pass without checking anything.
  describe("the check", () => {
    const dir = mkdtempSync(join(tmpdir(), "zmqt-format-"))
    afterAll(() => rmSync(dir, { recursive: true, force: true }))
    const check = (path: string) =>
      spawnSync(process.execPath, ["scripts/check-format.mjs", "--check"], {
        cwd: root,
        encoding: "utf8",
        env: { ...process.env, PATH: path },
      })

    it("fails when clang-format is missing", () => {
      const result = check(dir)
      expect(result.status).toBe(1)
      expect(result.stderr).toContain("native/ needs clang-format 14")
    })

    it.skipIf(process.platform === "win32")("fails when clang-format is another major version than 14", () => {
      writeFileSync(join(dir, "clang-format"), '#!/bin/sh\necho "clang-format version 17.0.6"\n', { mode: 0o755 })
      const result = check(dir)
      expect(result.status).toBe(1)
      expect(result.stderr).toContain("found only clang-format: clang-format version 17.0.6")
    })
  })
})

describe("native/", () => {
  // Methods registered with node-addon-api's InstanceMethod directly would skip the guard
  // that turns C++ exceptions into JS errors (native/boundary.h).
  it("registers every JS method through Method<>() of native/boundary.h", () => {
    const files = readdirSync(join(root, "native")).filter(name => /\.(cc|h)$/.test(name) && name !== "boundary.h")
    const direct = files.filter(name => /\bInstanceMethod\b/.test(readFileSync(join(root, "native", name), "utf8")))
    expect(direct).toEqual([])
  })
})

describe("the tracked tree", () => {
  // Core dumps, build outputs and fetched sources stay out of git; nothing in the source is
  // anywhere near this size (the largest tracked file is package-lock.json, under 64 KiB).
  it("holds no file over 1 MiB", () => {
    const listed = spawnSync("git", ["ls-files", "-z"], { cwd: root, encoding: "utf8" })
    expect(listed.status, listed.stderr).toBe(0)
    const files = listed.stdout.split("\0").filter(file => file !== "" && existsSync(join(root, file)))
    expect(files.length).toBeGreaterThan(0)
    const large = files.filter(file => statSync(join(root, file)).size > 1 << 20)
    expect(large).toEqual([])
  })

  // The project's design guide lives outside the repository: a citation of it points nowhere
  // for a reader of the source or of the shipped .d.ts files (compiled from lib/).
  it("cites no DESIGN.md, which is not in the repository", () => {
    const listed = spawnSync("git", ["grep", "-l", "DESIGN\\.md", "--", ".", ":!test/scripts/source.test.ts"], {
      cwd: root,
      encoding: "utf8",
    })
    expect(listed.status, listed.stderr).toBe(1) // 1: no match
    expect(listed.stdout).toBe("")
  })
})

describe("native/", () => {
  // A double cast to an integer type it does not fit is undefined behaviour: JS numbers become
  // integers through napi's Int32Value()/Uint32Value()/Int64Value() or native/numbers.h.
  it("reads a JS number as a double only in native/numbers.h", () => {
    const files = readdirSync(join(root, "native")).filter(file => /\.(cc|h)$/.test(file) && file !== "numbers.h")
    const reading = files.filter(file =>
      /DoubleValue\(\)|FloatValue\(\)/.test(readFileSync(join(root, "native", file), "utf8")),
    )
    expect(reading).toEqual([])
  })
})
