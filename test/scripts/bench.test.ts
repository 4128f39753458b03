// `npm run bench` as a smoke run: one fast case with --quick counts, checked for the shape of
// what it writes, never for its speed (timings on a shared machine are not a test).
import { mkdtempSync, readFileSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, afterEach, describe, expect, it } from "vitest"
import { killAll, start, type Exit } from "../support/child.js"

const work = mkdtempSync(join(tmpdir(), "zmqt-bench-"))

afterEach(() => killAll())
afterAll(() => rmSync(work, { recursive: true, force: true }))

/** Runs the benchmark; killed after `timeout` ms, so a hang fails the test instead of stalling it. */
function bench(args: string[], timeout: number): Promise<Exit> {
  return start("scripts/bench/run.mjs", args, { timeout }).exited
}

interface Measurement {
  value?: number
  error?: string
  round: number
  maxRssMiB?: number
}

describe("scripts/bench/run.mjs --quick", () => {
  it("measures REQ/REP over inproc for both implementations and libzmq, and writes it as JSON", async () => {
    const json = join(work, "results.json")
    const run = await bench(["--quick", "--only", "lat.inproc", "--json", json], 50_000)
    expect(run.stderr).not.toMatch(/FAILED/)
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/REQ\/REP inproc round trip/)

    const output = JSON.parse(readFileSync(json, "utf8"))
    expect(output.meta).toMatchObject({ quick: true, rounds: 3, zeromq: "6.8.0" })
    expect(output.cases.map((c: { id: string }) => c.id)).toEqual(["lat.inproc"])
    const [result] = output.cases
    expect(result).toMatchObject({ metric: "latency", size: 16 })
    expect(result.count).toBeGreaterThan(0)
    for (const variant of ["zeromq", "zeromq-turbo", "libzmq"]) {
      const runs: Measurement[] = result.runs[variant]
      expect(runs.map(r => r.round)).toEqual([1, 2, 3])
      for (const r of runs) {
        expect(r.error).toBeUndefined()
        expect(r.value).toBeGreaterThan(0)
        expect(Number.isFinite(r.value)).toBe(true)
      }
      expect(result.median[variant].value).toBeGreaterThan(0)
    }
    // Peak RSS is reported for the Node runs.
    for (const variant of ["zeromq", "zeromq-turbo"]) expect(result.median[variant].maxRssMiB).toBeGreaterThan(0)
    const [comparison] = result.comparisons
    expect(comparison).toMatchObject({ variant: "zeromq-turbo", vs: "zeromq" })
    expect(comparison.ratio).toBeGreaterThan(0)
  }, 60_000)

  it("times the Guide's wuserver/wuclient for both implementations and libzmq's C pair, and writes it as JSON", async () => {
    const json = join(work, "guide.json")
    const run = await bench(["--quick", "--only", "guide", "--json", json], 50_000)
    expect(run.stderr).not.toMatch(/FAILED/)
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/Guide wuserver\/wuclient time/)

    const output = JSON.parse(readFileSync(json, "utf8"))
    expect(output.cases.map((c: { id: string }) => c.id)).toEqual(["guide.wuclient"])
    const [result] = output.cases
    expect(result).toMatchObject({ metric: "time", unit: "seconds", count: 3 })
    for (const variant of ["zeromq", "zeromq-turbo", "libzmq"]) {
      const runs: (Measurement & { updates?: number; source?: string })[] = result.runs[variant]
      expect(runs.map(r => r.round)).toEqual([1, 2, 3])
      for (const r of runs) {
        expect(r.error).toBeUndefined()
        expect(r.value).toBeGreaterThan(0)
        expect(r.updates).toBe(3)
        expect(r.source).toBe(variant === "libzmq" ? "wuclient.c" : "wuclient.ts")
      }
    }
    expect(result.comparisons.map((c: { variant: string; vs: string }) => [c.variant, c.vs])).toEqual([
      ["zeromq-turbo", "zeromq"],
      ["zeromq-turbo", "libzmq"],
    ])
  }, 60_000)

  it("rejects an --only that matches no case", async () => {
    const run = await bench(["--quick", "--only", "no-such-case", "--json", join(work, "none.json")], 20_000)
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/matches no case/)
  })
})
