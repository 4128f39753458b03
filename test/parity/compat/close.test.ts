// close(). See harness.ts for the oracles and how tests are named.
import { describe, expect, it } from "vitest"
import { same, normalize, outcome, bind, send, turn } from "./harness.js"

// ---- close ------------------------------------------------------------------------------------

describe("close()", () => {
  it("returns the socket, sets closed, and may be called twice", async () => {
    const result = await same(({ zmq }) => {
      const socket = zmq.socket("pull")
      return [socket.close() === socket, socket.closed, outcome(() => socket.close() === socket)]
    })
    expect(result).toEqual([true, true, { returned: true }])
  })

  it("ends receiving without an 'error' event", async () => {
    const result = await same(async ({ zmq }) => {
      const socket = zmq.socket("pull")
      const errors: unknown[] = []
      socket.on("error", error => errors.push(error))
      socket.close()
      await turn()
      return errors
    })
    expect(result).toEqual([])
  })

  it("fails a pending send: its callback gets EAGAIN", async () => {
    const result = await same(async ({ zmq }) => {
      const push = zmq.socket("push")
      const sent = send(push, "nowhere to go")
      push.close()
      const [error] = await sent
      return normalize(error)
    })
    expect(result).toEqual({
      name: "Error",
      message: "Operation was not possible or timed out",
      code: "EAGAIN",
      errno: 11,
    })
  })

  it("drops a message sent after it, without a callback or an error", async () => {
    const result = await same(async ({ zmq }) => {
      const push = zmq.socket("push")
      push.close()
      const calls: unknown[] = []
      push.on("error", error => calls.push(["error", error]))
      const returned = push.send("late", 0, (...args: unknown[]) => calls.push(["callback", ...args])) === push
      await turn()
      return { returned, calls }
    })
    expect(result).toEqual({ returned: true, calls: [] })
  })

  it("connect() after close() throws EBADF", async () => {
    const result = await same(({ zmq }) => {
      const socket = zmq.socket("push")
      socket.close()
      return outcome(() => socket.connect("inproc://closed"))
    })
    expect(result).toEqual({ threw: { name: "Error", message: "Socket is closed", code: "EBADF", errno: 9 } })
  })

  it("bind() after close() throws EBADF at once", async () => {
    const result = await same(({ zmq }) => {
      const socket = zmq.socket("pull")
      socket.close()
      return outcome(() => socket.bind("inproc://closed", () => undefined))
    })
    expect(result).toEqual({ threw: { name: "Error", message: "Socket is closed", code: "EBADF", errno: 9 } })
  })

  it("options after close() throw ENOTSOCK", async () => {
    const result = await same(({ zmq }) => {
      const socket = zmq.socket("pull")
      socket.close()
      return [outcome(() => socket.linger), outcome(() => (socket.linger = 0))]
    })
    expect(result).toEqual(
      Array(2).fill({
        threw: { name: "Error", message: "Socket operation on non-socket", code: "ENOTSOCK", errno: 88 },
      }),
    )
  })
})
