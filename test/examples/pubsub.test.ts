// Publish-subscribe in chapter 2: node coordination (syncpub, syncsub), envelopes (psenvpub,
// psenvsub), and what became of durable subscribers (durapub, durasub).
import { afterEach, describe, expect, it } from "vitest"
import { System, loopbackTcp, stop } from "./system.js"

let system: System
afterEach(() => system.end())

describe("syncpub and syncsub", () => {
  it("deliver all 1,000,000 updates to every one of ten subscribers", async () => {
    // Over ipc the last few thousand updates can be lost when syncpub closes (libzmq 4.3.4).
    system = new System(await loopbackTcp([5561, 5562]))
    const publisher = system.start("syncpub", ["10"], { timeout: 60_000 })
    const subscribers = Array.from({ length: 10 }, () => system.start("syncsub", [], { timeout: 60_000 }))
    for (const subscriber of subscribers) {
      const exit = await subscriber.exited
      expect(exit.code).toBe(0)
      expect(exit.stdout).toBe("Received 1000000 updates\n")
    }
    expect((await publisher.exited).code).toBe(0)
  }, 90_000)
})

describe("psenvpub and psenvsub", () => {
  it("show a subscriber to envelope B only the B messages", async () => {
    system = new System()
    system.start("psenvpub")
    const subscriber = system.start("psenvsub")
    // Four B messages mean at least three A messages were published among them.
    await subscriber.lines(/^\[B\] /, 4)
    const lines = (await stop(subscriber)).trim().split("\n")
    expect(new Set(lines)).toEqual(new Set(["[B] We would like to see this"]))
  })
})

describe("durapub and durasub", () => {
  it("deliver the ten updates and END to a subscriber that synchronized first", async () => {
    system = new System()
    const publisher = system.start("durapub")
    const subscriber = await system.start("durasub").exited
    expect(subscriber.code).toBe(0)
    expect(subscriber.stdout).toBe(`${Array.from({ length: 10 }, (_, n) => `Update ${n}\n`).join("")}END\n`)
    expect((await publisher.exited).code).toBe(0)
  })

  it("lose what is published while the subscriber is away: a restarted durasub gets only what follows", async () => {
    system = new System({ ZMQ_GUIDE_TIME_SCALE: "0.05" })
    const publisher = system.start("durapub", ["1000"])
    const first = system.start("durasub")
    await first.line(/^Update 2$/)
    await stop(first)
    // Updates 3 to 5 are published while no subscriber is there; ZeroMQ 2 kept them for a
    // subscriber with an identity, libzmq 4 keeps nothing.
    await publisher.line(/^Sending Update 5$/)
    const second = system.start("durasub")
    const [, update] = await second.line(/^Update (\d+)$/)
    expect(Number(update)).toBeGreaterThan(5)
  })
})
