// scripts/bench/zap-storm.mjs as a smoke run: a small storm, checked for the shape of what it
// prints, never for its speed.
import { afterEach, describe, expect, it } from "vitest"
import { killAll, start } from "../support/child.js"

afterEach(() => killAll())

describe("scripts/bench/zap-storm.mjs", () => {
  it("answers every connection of a small PLAIN storm and prints the measurement as JSON", async () => {
    const exit = await start("scripts/bench/zap-storm.mjs", ["--connections", "50"], { timeout: 20_000 }).exited
    expect(exit).toMatchObject({ code: 0, stderr: "" })
    expect(JSON.parse(exit.stdout)).toMatchObject({
      mechanism: "plain",
      authenticator: true,
      connections: 50,
      admitted: 50,
      firstToLastMs: expect.any(Number),
      turns: expect.any(Number),
      longestTurnMs: expect.any(Number),
    })
  })

  it("measures the cost of answering alone with --rate", async () => {
    const exit = await start("scripts/bench/zap-storm.mjs", ["--rate", "200"], { timeout: 20_000 }).exited
    expect(exit).toMatchObject({ code: 0, stderr: "" })
    const { requests, microsecondsPerRequest } = JSON.parse(exit.stdout)
    expect(requests).toBe(200)
    expect(microsecondsPerRequest).toEqual([
      expect.any(Number),
      expect.any(Number),
      expect.any(Number),
      expect.any(Number),
    ])
  })
})
