// bind(), unbind(), bindSync(), unbindSync(), connect(). See harness.ts for the oracles and how tests are named.
import { once } from "node:events"
import { describe, expect, it } from "vitest"
import {
  bind,
  messages,
  normalize,
  outcome,
  reference,
  run,
  same,
  sameAsBoth,
  sameAsV5,
  turn,
  type Scope,
  type Sock,
} from "./harness.js"

// ---- endpoints --------------------------------------------------------------------------------

/**
 * Resolves once a bind() in progress has finished (a socket is busy while it binds: both throw
 * for bindSync() meanwhile, and the bind's outcome has been reported by then), with whether it
 * was still in progress at first. The socket is then also bound to a fresh inproc address.
 */
async function bindFinished(socket: Sock, scope: Scope): Promise<boolean> {
  let busy = 0
  for (;;) {
    try {
      socket.bindSync(scope.address("inproc"))
      return busy > 0
    } catch (error) {
      // Ours: EBUSY "Socket is blocked by a bind ..."; zeromq@5: "Socket is busy".
      if (!/Socket is (busy|blocked)/.test(String(error))) throw error
      busy++
      await turn()
    }
  }
}

describe("bind(), unbind(), connect()", () => {
  it("bind() emits 'bind' with the address given, then calls back without arguments", async () => {
    const result = await same(async ({ zmq, track, address }) => {
      const socket = track(zmq.socket("pull"))
      const order: unknown[] = []
      socket.on("bind", (...args: unknown[]) => order.push(["bind", ...args]))
      await new Promise(resolve =>
        socket.bind(address("tcp"), (...args: unknown[]) => resolve(order.push(["callback", ...args]))),
      )
      return order
    })
    expect(result).toEqual([["bind", "tcp://127.0.0.1:*"], ["callback"]])
  })

  it("bind() calls back with the error for an unsupported protocol", async () => {
    const result = await same(async ({ zmq, track }) => {
      const socket = track(zmq.socket("pull"))
      const [error] = await new Promise<unknown[]>(resolve =>
        socket.bind("bogus://x", (...args: unknown[]) => resolve(args)),
      )
      return normalize(error)
    })
    expect(result).toEqual({
      name: "Error",
      message: "Protocol not supported",
      code: "EPROTONOSUPPORT",
      errno: 93,
      address: "bogus://x",
    })
  })

  it("follows zeromq@5: a failed bind() without a callback or 'error' listener is dropped, not thrown", async () => {
    const result = await sameAsV5(async scope => {
      const first = scope.track(scope.zmq.socket("pull"))
      const endpoint = await bind(first, "tcp://127.0.0.1:*")
      const second = scope.track(scope.zmq.socket("pull"))
      second.bind(endpoint)
      const busy = await bindFinished(second, scope)
      return { busy, closed: second.closed }
    })
    expect(result).toEqual({ busy: true, closed: false })
  })

  it("follows zeromq@5: a failed bind() without a callback emits no 'error', even to a listener (zeromq.js: emits)", async () => {
    const scenario = async (scope: Scope): Promise<unknown[]> => {
      const first = scope.track(scope.zmq.socket("pull"))
      const endpoint = await bind(first, "tcp://127.0.0.1:*")
      const second = scope.track(scope.zmq.socket("pull"))
      const errors: unknown[] = []
      second.on("error", error => errors.push(normalize(error)))
      second.bind(endpoint)
      await bindFinished(second, scope)
      await turn()
      return errors
    }
    expect(await sameAsV5(scenario)).toEqual([])
    expect(await run(reference, scenario)).toEqual([
      {
        name: "Error",
        message: "Address already in use",
        code: "EADDRINUSE",
        errno: 98,
        address: "tcp://127.0.0.1:<port>",
      },
    ])
  })

  it("bind() with a non-string address throws a TypeError at once", async () => {
    const result = await same(({ zmq, track }) =>
      outcome(() => track(zmq.socket("pull")).bind(123 as unknown as string)),
    )
    expect(result).toEqual({ threw: { name: "TypeError", message: "Address must be a string" } })
  })

  it("connect() with a non-string address throws a TypeError", async () => {
    const result = await same(({ zmq, track }) =>
      outcome(() => track(zmq.socket("push")).connect(null as unknown as string)),
    )
    expect(result).toEqual({ threw: { name: "TypeError", message: "Address must be a string" } })
  })

  it("connect() to an unsupported protocol throws", async () => {
    const result = await same(({ zmq, track }) => outcome(() => track(zmq.socket("push")).connect("bogus://x")))
    expect(result).toMatchObject({ threw: { code: "EPROTONOSUPPORT" } })
  })

  it("unbind() emits 'unbind' and calls back; the endpoint is free again", async () => {
    // inproc: libzmq releases an inproc name inside zmq_unbind, while a tcp port is closed later
    // by the I/O thread, so "free again" would race over tcp.
    const result = await same(async ({ zmq, track, address }) => {
      const socket = track(zmq.socket("pull"))
      const endpoint = await bind(socket, address("inproc"))
      const order: unknown[] = []
      socket.on("unbind", (...args: unknown[]) => order.push(["unbind", ...args.map(normalize)]))
      await new Promise(resolve =>
        socket.unbind(endpoint, (...args: unknown[]) => resolve(order.push(["callback", ...args]))),
      )
      const again = track(zmq.socket("pull"))
      again.bindSync(endpoint)
      return order
    })
    expect(result).toEqual([["unbind", "inproc://<name>"], ["callback"]])
  })

  it("bindSync() binds before it returns, and returns the socket as zeromq@5's did", async () => {
    const result = await sameAsV5(async ({ zmq, track, address }) => {
      const pull = track(zmq.socket("pull"))
      const push = track(zmq.socket("push"))
      const endpoint = address("inproc")
      const returned = pull.bindSync(endpoint) === (pull as unknown)
      push.connect(endpoint)
      const received = messages(pull, 1)
      push.send("via bindSync")
      return [returned, await received]
    })
    expect(result).toEqual([true, [["via bindSync"]]])
  })

  it("bindSync() to an address in use throws", async () => {
    const result = await sameAsBoth(async ({ zmq, track }) => {
      const endpoint = await bind(track(zmq.socket("pull")), "tcp://127.0.0.1:*")
      return normalize(outcome(() => track(zmq.socket("pull")).bindSync(endpoint)))
    })
    expect(result).toMatchObject({ threw: { code: "EADDRINUSE", address: "tcp://127.0.0.1:<port>" } })
  })
})

describe("bind(), unbind(), connect(): where zeromq.js is broken", () => {
  it("zeromq.js bug: unbindSync() unbinds (zeromq.js's throws EADDRINUSE and stays bound)", async () => {
    const scenario = ({ zmq, track, address }: Scope): unknown => {
      const endpoint = address("inproc")
      const socket = track(zmq.socket("pull"))
      socket.bindSync(endpoint)
      const again = track(zmq.socket("pull"))
      return [
        outcome(() => socket.unbindSync(endpoint) === (socket as unknown)),
        outcome(() => again.bindSync(endpoint) === (again as unknown)),
      ]
    }
    expect(await sameAsV5(scenario)).toEqual([{ returned: true }, { returned: true }])
    expect(await run(reference, scenario)).toMatchObject([
      { threw: { code: "EADDRINUSE" } },
      { threw: { code: "EADDRINUSE" } },
    ])
  })
})
