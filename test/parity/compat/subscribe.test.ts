// subscribe() and unsubscribe(). See harness.ts for the oracles and how tests are named.
import { describe, expect, it } from "vitest"
import { outcome, reference, run, same, sameAsV5, type Scope } from "./harness.js"

describe("subscribe() and unsubscribe()", () => {
  it.each(["xsub", "pub", "pull"] as const)(
    "follows zeromq@5: throw EINVAL on a %s socket (libzmq refuses ZMQ_SUBSCRIBE there)",
    async type => {
      const scenario = ({ zmq, track }: Scope): unknown => {
        const socket = track(zmq.socket(type))
        return [outcome(() => socket.subscribe("a")), outcome(() => socket.unsubscribe("a"))]
      }
      expect(await sameAsV5(scenario)).toEqual(
        Array(2).fill({ threw: { name: "Error", message: "Invalid argument", code: "EINVAL", errno: 22 } }),
      )
      expect(await run(reference, scenario)).toEqual(
        Array(2).fill({ threw: { name: "Error", message: "Subscriber socket required" } }),
      )
    },
  )

  it("subscribe() with a bad filter throws the v6 option error", async () => {
    const result = await same(({ zmq, track }) =>
      outcome(() => track(zmq.socket("sub")).subscribe(42 as unknown as string)),
    )
    expect(result).toEqual({ threw: { name: "TypeError", message: "Option value must be a string or buffer" } })
  })
})
