// The process warnings zeromq.js emits: "Socket option will not take effect until next
// connect/bind." for an option set once the socket has endpoints (or while a bind runs, or once
// it is closed), unless libzmq applies it at once; and the MAX_SAFE_INTEGER one, which is pinned
// with the numeric options (options.test.ts). Each case runs a sequence of endpoint operations,
// then sets an option that waits for the next connection (backlog) and one that applies at once
// (linger), and compares the warnings.
import { describe, expect, it } from "vitest"
import { type AnySocket, type Scope, attempt, bindAddress, same, withWarnings } from "../support/parity.js"

type Step = (socket: AnySocket, scope: Scope, address: string) => unknown

const steps: Record<string, Step> = {
  bind: (socket, _, address) => socket.bind(address),
  unbind: socket => socket.unbind(socket.lastEndpoint!),
  bindSync: (socket, _, address) => socket.bindSync(address),
  connect: (socket, _, address) => socket.connect(address),
  disconnect: (socket, _, address) => socket.disconnect(address),
  "connect elsewhere": socket => socket.connect(bindAddress("inproc")),
  "a failed connect": socket => attempt(() => socket.connect("tcp://")),
  "a failed disconnect": socket => attempt(() => socket.disconnect("inproc://never-connected")),
  close: socket => socket.close(),
}

const sequences: string[][] = [
  [],
  ["bind"],
  ["bind", "unbind"],
  ["bindSync"],
  ["bindSync", "unbind"],
  ["connect"],
  ["connect", "disconnect"],
  ["bind", "connect elsewhere", "unbind"],
  ["bind", "unbind", "bind"],
  ["a failed connect"],
  ["a failed disconnect"],
  ["connect", "a failed disconnect"],
  ["close"],
]

/** Sets backlog and linger and reports the warnings of each, and whether they threw. */
function setOptions(socket: AnySocket) {
  return ["backlog", "linger"].map(name =>
    withWarnings(() =>
      attempt(() => {
        ;(socket as unknown as Record<string, number>)[name] = 10
      }),
    ),
  )
}

describe("the warning for an option set after bind or connect", () => {
  it.each(sequences.map(sequence => [sequence.join(", ") || "nothing", sequence] as const))(
    "after %s",
    async (_name, sequence) => {
      await same(async scope => {
        const socket = scope.track(new scope.zmq.Dealer())
        const address = bindAddress("inproc")
        for (const step of sequence) await steps[step](socket, scope, address)
        return setOptions(socket)
      })
    },
  )

  it("is emitted while a bind is in progress", async () => {
    const result = await same(async ({ zmq, track }) => {
      const socket = track(new zmq.Dealer())
      const binding = socket.bind(bindAddress("tcp"))
      const during = setOptions(socket)
      await binding
      return during
    })
    expect(result[0].warnings).toEqual(["Socket option will not take effect until next connect/bind."])
  })

  it("is emitted for a raw set*Option() of such an option", async () => {
    await same(async ({ zmq, track }) => {
      const socket = track(new zmq.Dealer()) as unknown as AnySocket & Record<string, (...a: unknown[]) => unknown>
      await socket.bind(bindAddress("inproc"))
      // ZMQ_BACKLOG (int32) and ZMQ_ROUTING_ID (string).
      return [
        withWarnings(() => attempt(() => socket.setInt32Option(19, 5))),
        withWarnings(() => attempt(() => socket.setStringOption(5, "id"))),
      ]
    })
  })
})
