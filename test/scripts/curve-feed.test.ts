// examples/curve-feed.mjs, the documented CURVE feed: it must run on its own, admit the listed
// subscriber and refuse the other.
import { afterEach, describe, expect, it } from "vitest"
import { killAll, start } from "../support/child.js"

afterEach(() => killAll())

describe("examples/curve-feed.mjs", () => {
  it("delivers the feed to the listed subscriber only, then exits", async () => {
    const { code, stdout } = await start("examples/curve-feed.mjs", [], { timeout: 30_000 }).exited
    expect(code).toBe(0)
    expect(stdout).toContain("feed: refused mallory from 127.0.0.1 (Unknown key)")
    expect(stdout).toContain("mallory: handshake refused (status 400: Authentication failure)")
    expect(stdout).toContain("feed: admitted alice from 127.0.0.1 (OK)")
    expect(stdout.match(/^alice: prices\.\w+ = [\d.]+$/gm)).toEqual([
      "alice: prices.EURUSD = 1.0841",
      "alice: prices.GBPUSD = 1.2702",
      "alice: prices.USDJPY = 151.62",
    ])
    expect(stdout).toContain("mallory: received anything: false")
    expect(stdout).not.toMatch(/admitted mallory|mallory: prices/)
  })
})
