// send() of the draft sockets that address their messages: Server (options.routingId) and
// Radio (options.group) check them as zeromq.js does, throwing at once for a missing or
// mistyped address. (sendBatch() takes the same entries: test/unit/draft-batch.test.ts.)
import { describe, it } from "vitest"
import { attempt, outcome, same } from "../support/parity.js"

describe("Server#send() options", () => {
  const routingIds: [string, unknown][] = [
    ["missing", undefined],
    ["a string", "1"],
    ["a bigint", 1n],
    ["an object with valueOf", { valueOf: () => 1 }],
    ["0", 0],
    ["-0", -0],
    ["NaN", NaN],
    ["Infinity", Infinity],
    ["2 ** 32", 2 ** 32],
  ]

  it.each(routingIds)("throws or rejects as zeromq.js for a routing id that is %s", async (_, routingId) => {
    await same(async ({ draft, track }) => {
      const server = track(new draft.Server())
      await server.bind("tcp://127.0.0.1:*")
      return attempt(() => server.send("x", (routingId === undefined ? {} : { routingId }) as never))
    })
  })

  it("rejects with EHOSTUNREACH, as zeromq.js, for a routing id no client has", async () => {
    await same(async ({ draft, track }) => {
      const server = track(new draft.Server())
      await server.bind("tcp://127.0.0.1:*")
      return [
        await outcome(() => server.send("x", { routingId: 12345 })),
        await outcome(() => server.send("x", { routingId: -1 })),
      ]
    })
  })
})

describe("Radio#send() options", () => {
  const groups: [string, unknown][] = [
    ["missing", undefined],
    ["null", null],
    ["a number", 5],
    ["an object", {}],
    ["an ArrayBuffer", new ArrayBuffer(1)],
    ["a DataView", new DataView(new ArrayBuffer(1))],
  ]

  it.each(groups)("throws as zeromq.js for a group that is %s", async (_, group) => {
    await same(async ({ draft, track }) => {
      const radio = track(new draft.Radio())
      radio.connect("tcp://127.0.0.1:1")
      return attempt(() => radio.send("x", (group === undefined ? {} : { group }) as never))
    })
  })

  it.each([
    ["a string", "g"],
    ["a Buffer", Buffer.from("g")],
    ["a Uint8Array", new Uint8Array([103])],
    ["empty", ""],
    ["longer than libzmq's 255 bytes", "g".repeat(300)],
  ])("accepts a group that is %s, as zeromq.js", async (_, group) => {
    await same(async ({ draft, track }) => {
      const radio = track(new draft.Radio())
      radio.connect("tcp://127.0.0.1:1")
      return outcome(() => radio.send("x", { group: group as string }))
    })
  })
})
