// The Guide's first programs: hello world, version, the weather server, identities, high-water
// marks, a relay between threads, and a server that stops on a signal.
import { afterEach, describe, expect, it } from "vitest"
import { System, loopbackTcp } from "./system.js"

let system: System
afterEach(() => system.end())

describe("hwserver and hwclient", () => {
  it("answer hwclient's ten Hellos with ten Worlds over tcp", async () => {
    system = new System(await loopbackTcp([5555]))
    const server = system.start("hwserver")
    const client = await system.start("hwclient").exited
    expect(client.code).toBe(0)
    expect(client.stdout.match(/^Received World \d+$/gm)).toEqual(
      Array.from({ length: 10 }, (_, n) => `Received World ${n}`),
    )
    expect(server.running).toBe(true)
  })
})

describe("version", () => {
  it("prints libzmq's version, 4.3.4", async () => {
    system = new System()
    const exit = await system.start("version").exited
    expect(exit.code).toBe(0)
    expect(exit.stdout).toBe("Current 0MQ version is 4.3.4\n")
  })
})

describe("wuserver and wuclient", () => {
  it("average the temperature of the updates for the zip code given on the command line", async () => {
    system = new System()
    system.start("wuserver")
    const client = await system.start("wuclient", ["10001", "5"]).exited
    expect(client.code).toBe(0)
    expect(client.stdout).toMatch(/^Average temperature for zipcode '10001' was -?\d+F$/m)
    expect(client.stdout).toMatch(/^Received 5 updates in \d+\.\d{3} s$/m)
  })
})

describe("identity", () => {
  it("shows a ROUTER a generated 5-byte routing id, then the one the REQ socket set", async () => {
    system = new System()
    const exit = await system.start("identity").exited
    expect(exit.code).toBe(0)
    const dumps = exit.stdout.split("----------------------------------------\n").slice(1)
    expect(dumps).toHaveLength(2)
    expect(dumps[0]).toMatch(/^\[005\] 00[0-9A-F]{8}\n\[000\]\n\[039\] ROUTER uses a generated 5 byte identity\n$/)
    expect(dumps[1]).toBe("[005] PEER2\n[000]\n[033] ROUTER uses REQ's socket identity\n")
  })
})

describe("hwm", () => {
  it("shows PUSH, DEALER, PAIR, XPUB with noDrop and ROUTER with mandatory blocking, PUB, XPUB and ROUTER dropping", async () => {
    system = new System()
    const exit = await system.start("hwm").exited
    expect(exit.code).toBe(0)
    const verdicts = Object.fromEntries(
      [...exit.stdout.matchAll(/^(.+?) {2,}(blocks|drops):/gm)].map(([, pair, verdict]) => [pair, verdict]),
    )
    expect(verdicts).toEqual({
      "PUSH -> PULL": "blocks",
      "DEALER -> ROUTER": "blocks",
      "PAIR -> PAIR": "blocks",
      "PUB -> SUB": "drops",
      "XPUB -> SUB": "drops",
      "XPUB (noDrop) -> SUB": "blocks",
      "ROUTER -> DEALER": "drops",
      "ROUTER (mandatory) -> DEALER": "blocks",
    })
    // What blocks loses nothing; what drops delivers fewer than it accepted.
    for (const line of exit.stdout.split("\n").filter(line => line.includes("blocks:"))) {
      const [, sent, received] = line.match(/after (\d+) messages \((\d+) received/)!
      expect(received).toBe(sent)
    }
    for (const line of exit.stdout.split("\n").filter(line => line.includes("drops:"))) {
      const [, received] = line.match(/all 1000 sends succeeded, (\d+) received/)!
      expect(Number(received)).toBeLessThan(1000)
    }
  })
})

describe("mtrelay", () => {
  it("relays a signal through three threads and ends with Test successful!", async () => {
    system = new System()
    const exit = await system.start("mtrelay").exited
    expect(exit.code).toBe(0)
    expect(exit.stdout).toBe("Test successful!\n")
  })
})

describe("interrupt", () => {
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    it(`serves requests, then exits with code 0 on ${signal}`, async () => {
      system = new System()
      const server = system.start("interrupt")
      await server.line(/^Waiting for requests/)
      const client = await system.start("hwclient").exited
      expect(client.stdout).toMatch(/^Received World 9$/m)
      server.process.kill(signal)
      const exit = await server.exited
      expect(exit).toMatchObject({ code: 0, signal: null, stderr: "" })
      expect(exit.stdout).toMatch(/W: interrupt received, killing server…\n$/)
    })
  }
})
