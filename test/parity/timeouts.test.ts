import { describe, expect, it } from "vitest"
import { outcome, same, settle, text } from "../support/parity.js"

const eagain = { name: "Error", code: "EAGAIN", errno: 11, message: "Operation was not possible or timed out" }
const efsm = {
  name: "Error",
  code: "EFSM",
  errno: 156384763,
  message: "Operation cannot be accomplished in current state",
}
const enotsup = { name: "Error", code: "ENOTSUP", errno: 95, message: "Operation not supported" }

describe("receiveTimeout", () => {
  it.each([0, 30])("rejects a receive with EAGAIN when nothing arrives within %i ms", async timeout => {
    const result = await same(({ zmq, track }) => {
      const pull = track(new zmq.Pull({ receiveTimeout: timeout }))
      return outcome(() => pull.receive())
    })
    expect(result).toMatchObject({ rejected: eagain })
  })

  it("resolves a receive when a message arrives before the timeout", async () => {
    const result = await same(async ({ zmq, track, pair }) => {
      const pull = track(new zmq.Pull({ receiveTimeout: 10_000 }))
      const push = track(new zmq.Push())
      await pair(pull, push, "tcp")
      const receiving = pull.receive()
      await push.send("in time")
      return settle(receiving)
    })
    expect(result).toEqual({ resolved: ["hex:696e2074696d65"] })
  })

  it("leaves the socket able to receive after a timed-out receive", async () => {
    const result = await same(async ({ zmq, track, pair }) => {
      const pull = track(new zmq.Pull({ receiveTimeout: 0 }))
      const push = track(new zmq.Push())
      await pair(pull, push, "tcp")
      const timedOut = await settle(pull.receive())
      pull.receiveTimeout = -1
      await push.send("later")
      return [timedOut, text(await pull.receive())]
    })
    expect(result).toEqual([{ rejected: eagain }, ["later"]])
  })

  it("applies to the async iterator", async () => {
    const result = await same(({ zmq, track }) => {
      const pull = track(new zmq.Pull({ receiveTimeout: 0 }))
      return settle(pull[Symbol.asyncIterator]().next())
    })
    expect(result).toMatchObject({ rejected: eagain })
  })
})

describe("sendTimeout", () => {
  const withoutPeer = ["Push", "Dealer", "Pair", "Request"] as const
  it.each(withoutPeer)(
    "rejects a %s send with EAGAIN at once when there is no peer and the timeout is 0",
    async name => {
      const result = await same(({ zmq, track }) => {
        const socket = track(new zmq[name]({ sendTimeout: 0 }))
        return outcome(() => socket.send("x"))
      })
      expect(result).toMatchObject({ rejected: eagain })
    },
  )

  it("rejects a send with EAGAIN after the timeout when there is no peer", async () => {
    const result = await same(({ zmq, track }) => {
      const push = track(new zmq.Push({ sendTimeout: 30 }))
      return outcome(() => push.send("x"))
    })
    expect(result).toMatchObject({ rejected: eagain })
  })

  it("rejects a send with EAGAIN when the high water mark is reached", async () => {
    const result = await same(async ({ zmq, track, pair }) => {
      const pull = track(new zmq.Pull({ receiveHighWaterMark: 1 }))
      const push = track(new zmq.Push({ sendHighWaterMark: 1, sendTimeout: 0 }))
      await pair(pull, push, "inproc")
      const outcomes = []
      for (let i = 0; i < 4; i++) outcomes.push(await outcome(() => push.send(String(i))))
      return outcomes
    })
    // inproc's pipe holds the sum of both high water marks.
    expect(result).toEqual([
      { resolved: undefined },
      { resolved: undefined },
      { rejected: eagain },
      { rejected: eagain },
    ])
  })

  it.each([0, 30])("rejects a send on a peerless mandatory Router with EHOSTUNREACH after %i ms", async timeout => {
    const result = await same(({ zmq, track }) => {
      const router = track(new zmq.Router({ mandatory: true, sendTimeout: timeout }))
      return outcome(() => router.send(["nobody", "x"]))
    })
    expect(result).toMatchObject({ rejected: { code: "EHOSTUNREACH", errno: 113, message: "Host unreachable" } })
  })
})

describe("operations a socket type or state does not allow", () => {
  // zeromq.js does not fail these at once: it waits for the socket to become readable or
  // writable, and when the timeout expires (or the socket is closed) it makes one last
  // non-blocking attempt, whose libzmq error (EFSM, ENOTSUP) rejects the promise.
  it.each([0, 30])("Request.receive() before a send rejects with EFSM after %i ms", async timeout => {
    const result = await same(({ zmq, track }) => {
      const req = track(new zmq.Request({ receiveTimeout: timeout }))
      return outcome(() => req.receive())
    })
    expect(result).toMatchObject({ rejected: efsm })
  })

  it("Request.send() twice rejects with EFSM when the timeout is 0", async () => {
    const result = await same(async ({ zmq, track, pair }) => {
      const rep = track(new zmq.Reply())
      const req = track(new zmq.Request({ sendTimeout: 0 }))
      await pair(rep, req, "inproc")
      await req.send("first")
      return outcome(() => req.send("second"))
    })
    expect(result).toMatchObject({ rejected: efsm })
  })

  it("Reply.send() before a receive rejects with EFSM when the timeout is 0", async () => {
    const result = await same(async ({ zmq, track, pair }) => {
      const rep = track(new zmq.Reply({ sendTimeout: 0 }))
      await pair(rep, track(new zmq.Request()), "inproc")
      return outcome(() => rep.send("x"))
    })
    expect(result).toMatchObject({ rejected: efsm })
  })

  const receiving = ["Push", "Publisher"] as const
  it.each(receiving)("%s.receive() stays pending and rejects with ENOTSUP at close", async name => {
    const result = await same(({ zmq, track }) => {
      const socket = track(new zmq[name]()) as unknown as { receive(): Promise<unknown>; close(): void }
      const receiving = settle(socket.receive())
      socket.close()
      return receiving
    })
    expect(result).toMatchObject({ rejected: enotsup })
  })

  const sending = ["Pull", "Subscriber"] as const
  it.each(sending)("%s.send() stays pending and rejects with ENOTSUP at close", async name => {
    const result = await same(({ zmq, track }) => {
      const socket = track(new zmq[name]()) as unknown as { send(message: string): Promise<void>; close(): void }
      const sending = settle(socket.send("x"))
      socket.close()
      return sending
    })
    expect(result).toMatchObject({ rejected: enotsup })
  })
})
