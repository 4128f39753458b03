// close(). See harness.ts for the oracles and how tests are named.
import { describe, expect, it } from "vitest"
import { normalize, outcome, reference, run, same, sameAsBoth, sameAsV5, turn, type Scope } from "./harness.js"

// ---- close ------------------------------------------------------------------------------------

describe("close()", () => {
  // zeromq@5 threw "Socket is closed" for a second close(): no program that ran on it relies on
  // that, so this follows zeromq.js.
  it("returns the socket, sets closed, and may be called twice", async () => {
    const result = await same(({ zmq }) => {
      const socket = zmq.socket("pull")
      return [socket.close() === socket, socket.closed, outcome(() => socket.close() === socket)]
    })
    expect(result).toEqual([true, true, { returned: true }])
  })

  it("ends receiving without an 'error' event", async () => {
    const result = await sameAsBoth(async ({ zmq }) => {
      const socket = zmq.socket("pull")
      const errors: unknown[] = []
      socket.on("error", error => errors.push(error))
      socket.close()
      await turn()
      return errors
    })
    expect(result).toEqual([])
  })

  it("follows zeromq@5: drops a message libzmq has not taken, without a callback (zeromq.js: EAGAIN)", async () => {
    const scenario = async ({ zmq }: Scope): Promise<unknown[]> => {
      const push = zmq.socket("push")
      const calls: unknown[] = []
      push.on("error", error => calls.push(["error", normalize(error)]))
      push.send("nowhere to go", 0, (...args: unknown[]) => calls.push(["callback", ...args.map(normalize)]))
      push.close()
      for (let i = 0; i < 3; i++) await turn()
      return calls
    }
    expect(await sameAsV5(scenario)).toEqual([])
    expect(await run(reference, scenario)).toEqual([
      ["callback", { name: "Error", message: "Operation was not possible or timed out", code: "EAGAIN", errno: 11 }],
    ])
  })

  it("drops a message sent after it, without a callback or an error", async () => {
    const result = await sameAsBoth(async ({ zmq }) => {
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
