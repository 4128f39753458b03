// The source's own consistency: generated code matches the option table, and every file
// follows the committed formatting config.
import { spawnSync } from "node:child_process"
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
