// subscribe() and unsubscribe(). See harness.ts for the oracles and how tests are named.
import { describe, expect, it } from "vitest"
import { same, outcome } from "./harness.js"

// ---- subscriptions ----------------------------------------------------------------------------

describe("subscribe() and unsubscribe()", () => {
  it.each(["xsub", "pub", "pull"] as const)("throw on a %s socket", async type => {
    const result = await same(({ zmq, track }) => {
      const socket = track(zmq.socket(type))
      return [outcome(() => socket.subscribe("a")), outcome(() => socket.unsubscribe("a"))]
    })
    expect(result).toEqual(Array(2).fill({ threw: { name: "Error", message: "Subscriber socket required" } }))
  })

  it("subscribe() with a bad filter throws the v6 option error", async () => {
    const result = await same(({ zmq, track }) =>
      outcome(() => track(zmq.socket("sub")).subscribe(42 as unknown as string)),
    )
    expect(result).toEqual({ threw: { name: "TypeError", message: "Option value must be a string or buffer" } })
  })
})
