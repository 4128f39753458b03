// `npm start` runs examples/demo.mjs: it must run to completion on its own.
import { execFile } from "node:child_process"
import { describe, expect, it } from "vitest"

const root = new URL("../..", import.meta.url).pathname

describe("examples/demo.mjs", () => {
  it("runs request/reply, publish/subscribe and a pipeline, then exits", async () => {
    const { code, stdout } = await new Promise<{ code: number | null; stdout: string }>(resolve => {
      execFile(process.execPath, ["examples/demo.mjs"], { cwd: root, timeout: 60_000 }, (error, stdout) => {
        resolve({ code: error ? ((error as { code?: number }).code ?? null) : 0, stdout })
      })
    })
    expect(code).toBe(0)
    expect(stdout).toContain("request/reply: Hello, Ada")
    expect(stdout).toContain("publish/subscribe: prices.GBPUSD = 1.2702")
    expect(stdout).not.toContain("news.weather")
    expect(stdout).toMatch(/pipeline: 1000000 messages of 16 B in [\d.]+ s/)
  })
})
