// The fuzzer's CI slice (scripts/fuzz.mjs --ci: a fixed seed, 5,000 iterations in child
// processes): any crash or operation that does not settle fails the suite, with the command
// that replays it in the output.
import { spawn } from "node:child_process"
import { fileURLToPath } from "node:url"
import { describe, expect, it } from "vitest"

const fuzz = fileURLToPath(new URL("../../scripts/fuzz.mjs", import.meta.url))
const root = fileURLToPath(new URL("../..", import.meta.url))

describe("npm run fuzz -- --ci", () => {
  it("finds no crash and no hang", async () => {
    const result = await new Promise<{ code: number | null; output: string }>(resolve => {
      const child = spawn(process.execPath, [fuzz, "--ci"], { cwd: root, stdio: ["ignore", "pipe", "pipe"] })
      let output = ""
      child.stdout.on("data", chunk => (output += chunk))
      child.stderr.on("data", chunk => (output += chunk))
      child.on("close", code => resolve({ code, output }))
    })
    expect(result.output).toMatch(/iterations in \d+ s: 0 crashes, 0 hangs/)
    expect(result.code).toBe(0)
  }, 300_000)
})
