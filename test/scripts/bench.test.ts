// `npm run bench` as a smoke run: one fast case with --quick counts, checked for the shape of
// what it writes, never for its speed (timings on a shared machine are not a test).
import { mkdtempSync, readFileSync, rmSync } from "node:fs"
import { availableParallelism, tmpdir } from "node:os"
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

  it("measures the market-data cases for libzmq's C, zeromq and zeromq-turbo from one C feed, and writes them as JSON", async () => {
    const json = join(work, "market.json")
    const only = "market.thr.1000,market.lat.10k,market.conflate"
    const run = await bench(["--quick", "--rounds", "1", "--only", only, "--json", json], 50_000)
    expect(run.stderr).not.toMatch(/FAILED/)
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/market data \(medians\)/)

    const output = JSON.parse(readFileSync(json, "utf8"))
    expect(output.cases.map((c: { id: string }) => c.id)).toEqual(only.split(","))
    const [thr, lat, conflate] = output.cases
    type Market = Measurement & {
      expected: number
      received: number
      dropped: number
      gaps: number
      disorder: number
      source: string
    }
    for (const variant of ["libzmq", "zeromq", "zeromq-turbo", "zeromq-turbo/batch"]) {
      const [r]: Market[] = thr.runs[variant]
      expect(r.error).toBeUndefined()
      // All 1,000 topics: every update published is expected. Drops seen as gaps in the
      // sequence numbers are some of the updates missing at the end (the rest were the last).
      expect(r.expected).toBe(thr.count)
      expect(r.received).toBeGreaterThan(0)
      expect(r.received).toBeLessThanOrEqual(r.expected)
      expect(r.dropped).toBe(r.expected - r.received)
      expect(r.gaps).toBeLessThanOrEqual(r.dropped)
      expect(r.disorder).toBe(0)
      expect(r.value).toBeGreaterThan(0)
      expect(r.source).toBe(variant === "libzmq" ? "mdfeed sub" : "market.mjs")
    }
    expect(lat).toMatchObject({ metric: "latency" })
    for (const variant of ["libzmq", "zeromq", "zeromq-turbo"]) {
      const [r]: (Market & { p50: number; p99: number; p999: number; samples: number })[] = lat.runs[variant]
      expect(r.error).toBeUndefined()
      expect(r.samples).toBeGreaterThan(0)
      expect(r.p50).toBeGreaterThan(0)
      expect(r.p50).toBeLessThanOrEqual(r.p99)
      expect(r.p99).toBeLessThanOrEqual(r.p999)
      expect(r.value).toBe(r.p50)
    }
    // The latency target compares zeromq-turbo's p99 with zeromq's p50.
    const target = lat.comparisons.find((c: { field?: string; vsField?: string }) => c.vsField === "p50")
    expect(target).toMatchObject({ variant: "zeromq-turbo", vs: "zeromq", field: "p99", max: 1 })
    expect(target.pairedRatio).toBeCloseTo(lat.runs["zeromq-turbo"][0].p99 / lat.runs.zeromq[0].p50, 6)
    for (const variant of ["libzmq", "zeromq", "zeromq-turbo"]) {
      const [r]: (Market & { p50: number })[] = conflate.runs[variant]
      expect(r.error).toBeUndefined()
      expect(r.received).toBeGreaterThan(0)
      expect(r.p50).toBeGreaterThan(0)
    }
  }, 60_000)

  it("measures PUSH/PULL with high water marks of 10,000 for both implementations, and writes it as JSON", async () => {
    const json = join(work, "hwm.json")
    const run = await bench(["--quick", "--rounds", "1", "--only", "pushpull.tcp.65536.hwm", "--json", json], 50_000)
    expect(run.stderr).not.toMatch(/FAILED/)
    expect(run.code).toBe(0)
    const output = JSON.parse(readFileSync(json, "utf8"))
    const [result] = output.cases
    expect(result).toMatchObject({ id: "pushpull.tcp.65536.hwm", metric: "rate", size: 65536 })
    // libzmq's C tools have no high water mark option: the row has no ceiling.
    expect(Object.keys(result.runs).sort()).toEqual(["zeromq", "zeromq-turbo"])
    for (const variant of ["zeromq", "zeromq-turbo"]) {
      const [r]: (Measurement & { hwm: string; messages: number })[] = result.runs[variant]
      expect(r.error).toBeUndefined()
      expect(r.hwm).toBe("10000")
      expect(r.messages).toBe(result.count)
      expect(r.value).toBeGreaterThan(0)
    }
    expect(result.comparisons[0]).toMatchObject({ variant: "zeromq-turbo", vs: "zeromq", min: 1 })
  }, 60_000)

  it("with --pin, runs the processes of a two-process measurement on one CPU each, and leaves a lone process all of them", async () => {
    const json = join(work, "pinned.json")
    const run = await bench(
      ["--quick", "--rounds", "1", "--pin", "--only", "recv.16,lat.inproc", "--json", json],
      50_000,
    )
    expect(run.stderr).not.toMatch(/FAILED/)
    expect(run.code).toBe(0)
    const output = JSON.parse(readFileSync(json, "utf8"))
    expect(output.meta).toMatchObject({ pinned: true })
    const byId = Object.fromEntries(output.cases.map((c: { id: string }) => [c.id, c]))
    // recv: the Node receiver and remote_thr; lat.inproc: REQ and REP in one Node process.
    for (const variant of ["zeromq", "zeromq-turbo", "zeromq-turbo/batch"]) {
      const [r]: (Measurement & { cpus: number })[] = byId["recv.16"].runs[variant]
      expect(r.error).toBeUndefined()
      expect(r.cpus).toBe(1)
    }
    for (const variant of ["zeromq", "zeromq-turbo"]) {
      const [r]: (Measurement & { cpus: number })[] = byId["lat.inproc"].runs[variant]
      expect(r.error).toBeUndefined()
      expect(r.cpus).toBe(availableParallelism())
    }
  }, 60_000)

  it("rejects an --only that matches no case", async () => {
    const run = await bench(["--quick", "--only", "no-such-case", "--json", join(work, "none.json")], 20_000)
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/matches no case/)
  })
})
