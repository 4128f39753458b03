// The legacy proxy(). See harness.ts for the oracles and how tests are named.
import { describe, expect, it } from "vitest"
import { same, sameAsBoth, outcome, messages, send, connected } from "./harness.js"

// ---- proxy ------------------------------------------------------------------------------------

describe("proxy()", () => {
  it("forwards a pipeline through pull/push", async () => {
    const result = await sameAsBoth(async scope => {
      const { zmq, track } = scope
      const frontend = track(zmq.socket("pull"))
      const backend = track(zmq.socket("push"))
      const producer = track(zmq.socket("push"))
      const consumer = track(zmq.socket("pull"))
      await connected(frontend, producer, "tcp", scope)
      await connected(backend, consumer, "tcp", scope)
      zmq.proxy(frontend, backend)
      const received = messages(consumer, 2)
      producer.send(["job", "1"])
      producer.send("job 2")
      return received
    })
    expect(result).toEqual([["job", "1"], ["job 2"]])
  })

  it("forwards requests and replies through router/dealer", async () => {
    const result = await sameAsBoth(async scope => {
      const { zmq, track } = scope
      const frontend = track(zmq.socket("router"))
      const backend = track(zmq.socket("dealer"))
      const client = track(zmq.socket("req"))
      const service = track(zmq.socket("rep"))
      await connected(frontend, client, "tcp", scope)
      await connected(backend, service, "tcp", scope)
      zmq.proxy(frontend, backend)
      service.on("message", (request: Buffer) => service.send(`reply to ${request}`))
      const reply = messages(client, 1)
      client.send("request")
      return reply
    })
    expect(result).toEqual([["reply to request"]])
  })

  it("sends replies to the capture socket, without the envelope behind router/dealer", async () => {
    const result = await sameAsBoth(async scope => {
      const { zmq, track } = scope
      const frontend = track(zmq.socket("router"))
      const backend = track(zmq.socket("dealer"))
      const capture = track(zmq.socket("push"))
      const captured = track(zmq.socket("pull"))
      const client = track(zmq.socket("req"))
      const service = track(zmq.socket("rep"))
      await connected(frontend, client, "tcp", scope)
      await connected(backend, service, "tcp", scope)
      await connected(captured, capture, "tcp", scope)
      zmq.proxy(frontend, backend, capture)
      service.on("message", () => service.send("reply"))
      const copy = messages(captured, 1)
      const reply = messages(client, 1)
      client.send("request")
      return [await reply, await copy]
    })
    expect(result).toEqual([[["reply"]], [["reply"]]])
  })

  // zeromq@5 threw "wrong socket order to proxy"; this is zeromq.js's text.
  it("throws for an unsupported pairing", async () => {
    const result = await same(({ zmq, track }) =>
      outcome(() => zmq.proxy(track(zmq.socket("dealer")), track(zmq.socket("router")))),
    )
    expect(result).toEqual({
      threw: { name: "Error", message: "This socket type order is not supported in compatibility mode" },
    })
  })
})
