// Brokers and proxies: the request-reply broker by hand (rrbroker) and with Proxy (msgqueue),
// the weather proxy, the XSUB/XPUB proxy between two publishers and two subscribers, and the
// multithreaded server.
import { afterEach, describe, expect, it } from "vitest"
import type { Child } from "../support/child.js"
import { System, stop } from "./system.js"

let system: System
afterEach(() => system.end())

/** Waits for a client's ten requests and returns the replies it printed. */
async function replies(client: Child): Promise<string[]> {
  const exit = await client.exited
  expect(exit.code).toBe(0)
  return exit.stdout.match(/^Received reply \d+ \[.*\]$/gm) ?? []
}

const tenWorlds = Array.from({ length: 10 }, (_, n) => `Received reply ${n} [World]`)

for (const broker of ["rrbroker", "msgqueue"]) {
  describe(`rrclient, ${broker} and rrworker`, () => {
    it("carry two clients' requests to two workers and every reply back to its own client", async () => {
      system = new System()
      system.start(broker)
      const workers = [system.start("rrworker"), system.start("rrworker")]
      await Promise.all(workers.map(worker => worker.line(/^Connected to the broker$/)))
      const clients = [system.start("rrclient"), system.start("rrclient")]
      for (const client of clients) expect(await replies(client)).toEqual(tenWorlds)
      const served = await Promise.all(
        workers.map(async worker => (await stop(worker)).match(/^Received request: \[Hello\]$/gm)?.length ?? 0),
      )
      expect(served.reduce((a, b) => a + b)).toBe(20)
      for (const requests of served) expect(requests).toBeGreaterThan(0)
    })
  })
}

describe("wuproxy", () => {
  it("passes the weather server's updates on to a wuclient connected to the proxy, filtered by zip code", async () => {
    system = new System()
    system.start("wuserver")
    const proxy = system.start("wuproxy")
    await proxy.line(/^Forwarding weather updates from /)
    const client = await system.start("wuclient", ["10001", "3", `ipc://${system.dir}/8100`]).exited
    expect(client.code).toBe(0)
    expect(client.stdout).toMatch(/^Received 3 updates in /m)
  })
})

describe("pubsubproxy", () => {
  it("lets both subscribers see both publishers through one XSUB/XPUB proxy", async () => {
    system = new System()
    system.start("pubsubproxy")
    const subscribers = [
      system.start("pubsubproxy", ["subscriber", "S1"]),
      system.start("pubsubproxy", ["subscriber", "S2"]),
    ]
    system.start("pubsubproxy", ["publisher", "A"])
    system.start("pubsubproxy", ["publisher", "B"])
    await Promise.all(
      subscribers.flatMap((subscriber, n) =>
        ["A", "B"].map(publisher => subscriber.line(new RegExp(`^S${n + 1} received: ${publisher} \\d+$`))),
      ),
    )
  })
})

describe("mtserver", () => {
  it("answers two hwclients at once from its worker threads", async () => {
    system = new System()
    const server = system.start("mtserver")
    await server.line(/^Serving .* with 5 worker threads$/)
    const clients = await Promise.all([system.start("hwclient").exited, system.start("hwclient").exited])
    for (const client of clients) {
      expect(client.code).toBe(0)
      expect(client.stdout.match(/^Received World \d+$/gm)).toHaveLength(10)
    }
    const threads = new Set(
      [...(await stop(server)).matchAll(/^Received request: \[Hello\] \(worker thread (\d+)\)$/gm)].map(m => m[1]),
    )
    expect(threads.size).toBeGreaterThan(1)
  })
})
