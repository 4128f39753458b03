// The source's own consistency: generated code matches the option table, and every file
// follows the committed formatting config.
import { spawnSync } from "node:child_process"
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"

const root = new URL("../..", import.meta.url).pathname
const run = (script: string) => spawnSync(process.execPath, [script, "--check"], { cwd: root, encoding: "utf8" })

describe("generated code", () => {
  it("is what scripts/generate-options.mjs makes from lib/option-table.ts", () => {
    const result = run("scripts/generate-options.mjs")
    expect(result.stderr).toBe("")
    expect(result.status).toBe(0)
  })
})

describe("formatting", () => {
  it("follows .prettierrc.json and .clang-format", () => {
    const result = run("scripts/check-format.mjs")
    expect(result.status, result.stdout + result.stderr).toBe(0)
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
