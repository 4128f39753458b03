// sendBatch() of the draft sockets whose send() has rules of its own: Server (a routing id per
// message), Radio (a group per message), Datagram ([address, data] messages, and libzmq's
// DGRAM drops a message it cannot send) and Scatter (one frame per message). Each batch is
// checked against what send() does with the same messages.
import { createSocket } from "node:dgram"
import { describe, expect, it } from "vitest"
import { require } from "../support/load.js"
import { track } from "../support/track.js"

const draft = require("zeromq-turbo/draft") as typeof import("zeromq-turbo/draft")

let inprocCount = 0
const inproc = () => `inproc://draft-batch-${process.pid}-${++inprocCount}`
const text = (frames: unknown[]) => frames.map(String)

/** A server and two clients over tcp, each client known to the server by its routing id. */
async function serverAndClients() {
  const server = track(new draft.Server())
  await server.bind("tcp://127.0.0.1:*")
  const clients = [track(new draft.Client()), track(new draft.Client())]
  const ids: number[] = []
  for (const [i, client] of clients.entries()) {
    client.connect(server.lastEndpoint as string)
    await client.send(`hello ${i}`)
    const [message, { routingId }] = await server.receive()
    expect(String(message)).toBe(`hello ${i}`)
    ids.push(routingId)
  }
  return { server, clients, ids }
}

/** What a sync throw or a rejection of `operation` was, or "ok". */
async function outcome(operation: () => Promise<void>): Promise<unknown> {
  let pending: Promise<void>
  try {
    pending = operation()
  } catch (error) {
    return { thrown: shape(error) }
  }
  try {
    await pending
    return "ok"
  } catch (error) {
    return { rejected: shape(error) }
  }
}

function shape(error: unknown) {
  const { name, message, code, errno } = error as Error & { code?: string; errno?: number }
  return { name, message, code, errno }
}

describe("Server#sendBatch()", () => {
  it("sends each message to the client its routing id names, as send() does", async () => {
    const { server, clients, ids } = await serverAndClients()
    await server.sendBatch([
      ["a", { routingId: ids[0] }],
      ["b", { routingId: ids[1] }],
      [Buffer.from("c"), { routingId: ids[0] }],
    ])
    await server.send("d", { routingId: ids[1] })
    expect([text(await clients[0].receive()), text(await clients[0].receive())]).toEqual([["a"], ["c"]])
    expect([text(await clients[1].receive()), text(await clients[1].receive())]).toEqual([["b"], ["d"]])
  })

  it("answers what receiveBatch() returned, to the clients it came from", async () => {
    const { server, clients } = await serverAndClients()
    await clients[0].send("to 0")
    await clients[1].send("to 1")
    const received: Awaited<ReturnType<typeof server.receive>>[] = []
    while (received.length < 2) received.push(...(await server.receiveBatch()))
    await server.sendBatch(received)
    expect(text(await clients[0].receive())).toEqual(["to 0"])
    expect(text(await clients[1].receive())).toEqual(["to 1"])
  })

  it("throws what send() throws for an entry without a routing id, before sending anything", async () => {
    const { server, clients, ids } = await serverAndClients()
    const cases: [unknown, unknown][] = [
      [{}, undefined],
      [{ routingId: "1" }, undefined],
      [{ routingId: 0 }, undefined],
      [null, undefined],
    ]
    for (const [options] of cases) {
      const batch = [
        ["first", { routingId: ids[0] }],
        ["second", options],
      ] as never
      expect(await outcome(() => server.sendBatch(batch))).toEqual(
        await outcome(() => server.send("second", options as never)),
      )
    }
    expect(await outcome(() => server.sendBatch(["bare" as never]))).toEqual(
      await outcome(() => (server.send as (message: string) => Promise<void>)("bare")),
    )
    await server.send("after", { routingId: ids[0] })
    expect(text(await clients[0].receive())).toEqual(["after"])
  })

  it("rejects at a routing id no client has, as send() does, with the messages before it sent", async () => {
    const { server, clients, ids } = await serverAndClients()
    const unknown = (ids[0] ^ ids[1]) + 1000
    const batch = server.sendBatch([
      ["before", { routingId: ids[1] }],
      ["nowhere", { routingId: unknown }],
    ])
    await expect(batch).rejects.toMatchObject({ code: "EHOSTUNREACH", sent: 1 })
    await expect(server.send("nowhere", { routingId: unknown })).rejects.toMatchObject({ code: "EHOSTUNREACH" })
    expect(text(await clients[1].receive())).toEqual(["before"])
  })
})

describe("Radio#sendBatch()", () => {
  /** A dish that joined `g1` (and not `g2`), with a radio connected and the join arrived. */
  async function radioAndDish() {
    const dish = track(new draft.Dish({ receiveTimeout: 50 }))
    await dish.bind("tcp://127.0.0.1:*")
    dish.join("g1")
    const radio = track(new draft.Radio())
    radio.connect(dish.lastEndpoint as string)
    // The join reaches the radio after the connection is made: probe until one gets through.
    for (;;) {
      await radio.send("probe", { group: "g1" })
      try {
        await dish.receive()
        break
      } catch (error) {
        expect(error).toMatchObject({ code: "EAGAIN" })
      }
    }
    dish.receiveTimeout = -1
    return { radio, dish }
  }

  it("sends each message to its group, as send() does", async () => {
    const { radio, dish } = await radioAndDish()
    await radio.sendBatch([
      ["a", { group: "g1" }],
      ["b", { group: "g2" }],
      ["c", { group: Buffer.from("g1") }],
    ])
    await radio.send("d", { group: "g1" })
    const received: string[][] = []
    while (received.length < 3) {
      const [message, { group }] = await dish.receive()
      if (String(message) !== "probe") received.push([String(message), String(group)])
    }
    expect(received).toEqual([
      ["a", "g1"],
      ["c", "g1"],
      ["d", "g1"],
    ])
  })

  it("throws what send() throws for an entry without a group, before sending anything", async () => {
    const { radio } = await radioAndDish()
    for (const options of [{}, { group: 5 }, { group: null }, null]) {
      const batch = [
        ["first", { group: "g1" }],
        ["second", options],
      ] as never
      expect(await outcome(() => radio.sendBatch(batch))).toEqual(
        await outcome(() => radio.send("second", options as never)),
      )
    }
  })
})

/** A UDP port that was free a moment ago (libzmq 4.3.4 cannot bind udp to port 0 and tell). */
async function freeUdpPort(): Promise<number> {
  const socket = createSocket("udp4")
  await new Promise<void>(resolve => socket.bind(0, "127.0.0.1", resolve))
  const { port } = socket.address()
  await new Promise<void>(resolve => socket.close(() => resolve()))
  return port
}

describe("Datagram#sendBatch()", () => {
  it("sends [address, data] messages, as send() does", async () => {
    const port = await freeUdpPort()
    const receiver = track(new draft.Datagram())
    await receiver.bind(`udp://127.0.0.1:${port}`)
    const sender = track(new draft.Datagram())
    await sender.bind(`udp://127.0.0.1:${await freeUdpPort()}`)
    await sender.sendBatch([
      [`127.0.0.1:${port}`, "a"],
      [`127.0.0.1:${port}`, Buffer.from("b")],
    ])
    await sender.send([`127.0.0.1:${port}`, "c"])
    const received: string[] = []
    while (received.length < 3) received.push(String((await receiver.receive())[1]))
    expect(received).toEqual(["a", "b", "c"])
  })

  it("rejects a one-frame message with EINVAL, as send() does", async () => {
    const sender = track(new draft.Datagram())
    await sender.bind(`udp://127.0.0.1:${await freeUdpPort()}`)
    expect(await outcome(() => sender.sendBatch([Buffer.from("x")] as never))).toEqual(
      await outcome(() => sender.send(Buffer.from("x") as never)),
    )
    expect(await outcome(() => sender.sendBatch(["x"] as never))).toEqual(
      await outcome(() => sender.send("x" as never)),
    )
  })

  // libzmq's DGRAM without a peer drops the message and fails without an errno; zmq_send()
  // then aborts the process (src/zmq.cpp:413, errno_assert).
  it("waits and rejects with EAGAIN at sendTimeout when not bound, mixed values included, as send() does", async () => {
    const sender = track(new draft.Datagram({ sendTimeout: 20 }))
    for (const batch of [[Buffer.from("x")], [["127.0.0.1:9", "a"], Buffer.from("b"), "c"]]) {
      expect(await outcome(() => sender.sendBatch(batch as never))).toEqual(
        await outcome(() => sender.send(["127.0.0.1:9", "a"])),
      )
    }
    expect(await outcome(() => sender.send(["127.0.0.1:9", "a"]))).toMatchObject({ rejected: { code: "EAGAIN" } })
  })
})

describe("Scatter#sendBatch()", () => {
  async function scatterGather() {
    const endpoint = inproc()
    const gather = track(new draft.Gather())
    await gather.bind(endpoint)
    const scatter = track(new draft.Scatter())
    scatter.connect(endpoint)
    return { scatter, gather }
  }

  it("sends one-frame messages, packed or not, as send() does", async () => {
    const { scatter, gather } = await scatterGather()
    await scatter.sendBatch([Buffer.from("a"), "b", Buffer.alloc(10_000, "c"), new Uint8Array([100])])
    await scatter.send("e")
    const received: string[] = []
    while (received.length < 5) received.push(String((await gather.receive())[0]).slice(0, 3))
    expect(received).toEqual(["a", "b", "ccc", "d", "e"])
  })

  it("rejects a multipart message with EINVAL, as send() does, with the messages before it sent", async () => {
    const { scatter, gather } = await scatterGather()
    await expect(scatter.sendBatch(["a", ["b", "c"]] as never)).rejects.toMatchObject({ code: "EINVAL", sent: 1 })
    expect(await outcome(() => scatter.send(["b", "c"] as never))).toMatchObject({ rejected: { code: "EINVAL" } })
    expect(text(await gather.receive())).toEqual(["a"])
  })
})
