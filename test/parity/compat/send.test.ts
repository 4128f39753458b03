// send(): callbacks, flags, errors, and handing messages to libzmq within the call. See harness.ts
// for the oracles and how tests are named.
import { once } from "node:events"
import { describe, expect, it } from "vitest"
import { connected, messages, normalize, same, send, turn, type Scope, type Sock } from "./harness.js"

/**
 * A ROUTER with ZMQ_ROUTER_MANDATORY and one connected peer: libzmq reports a mandatory ROUTER
 * writable only while it has a peer, and then fails a message for an unknown one at once.
 */
async function mandatoryRouter(scope: Scope): Promise<Sock> {
  const router = scope.track(scope.zmq.socket("router"))
  router.setsockopt(scope.zmq.ZMQ_ROUTER_MANDATORY, 1)
  const dealer = scope.track(scope.zmq.socket("dealer"))
  await connected(router, dealer, "tcp", scope)
  const hello = messages(router, 1)
  dealer.send("hello")
  await hello
  return router
}

describe("send()", () => {
  it("calls the callback without arguments once libzmq took the message", async () => {
    const result = await same(async scope => {
      const pull = scope.track(scope.zmq.socket("pull"))
      const push = scope.track(scope.zmq.socket("push"))
      await connected(pull, push, "inproc", scope)
      return send(push, "x")
    })
    expect(result).toEqual([])
  })

  it("calls only the last part's callback of a ZMQ_SNDMORE message", async () => {
    const result = await same(async scope => {
      const pull = scope.track(scope.zmq.socket("pull"))
      const push = scope.track(scope.zmq.socket("push"))
      await connected(pull, push, "inproc", scope)
      const calls: string[] = []
      const received = messages(pull, 1)
      push.send("first", scope.zmq.ZMQ_SNDMORE, () => calls.push("first"))
      await send(push, "second")
      calls.push("second")
      await received
      await turn()
      return calls
    })
    expect(result).toEqual(["second"])
  })

  it("ignores a callback passed in place of the flags", async () => {
    const result = await same(async scope => {
      const pull = scope.track(scope.zmq.socket("pull"))
      const push = scope.track(scope.zmq.socket("push"))
      await connected(pull, push, "inproc", scope)
      let called = false
      const received = messages(pull, 2)
      push.send("flagless", (() => (called = true)) as unknown as number)
      await send(push, "after")
      await turn()
      return { called, received: await received }
    })
    expect(result).toEqual({ called: false, received: [["flagless"], ["after"]] })
  })

  it("calls back with EHOSTUNREACH for an unroutable message on a mandatory router", async () => {
    const result = await same(async scope => {
      const router = await mandatoryRouter(scope)
      const [error] = await send(router, ["nobody", "x"])
      return normalize(error)
    })
    expect(result).toEqual({ name: "Error", message: "Host unreachable", code: "EHOSTUNREACH", errno: 113 })
  })

  it("emits 'error' for a failed send without a callback", async () => {
    const result = await same(async scope => {
      const router = await mandatoryRouter(scope)
      const error = once(router, "error")
      router.send(["nobody", "x"])
      return normalize((await error)[0])
    })
    expect(result).toMatchObject({ code: "EHOSTUNREACH" })
  })
})
