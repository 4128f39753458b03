import { describe, expect, it } from "vitest"
import {
  type AnySocket,
  bindAddress,
  type Outcome,
  outcome,
  runningProxy,
  same,
  settle,
  text,
} from "../support/parity.js"

const busyReading = {
  name: "Error",
  code: "EBUSY",
  errno: 16,
  message: "Socket is busy reading; only one receive operation may be in progress at any time",
}
const busyWriting = {
  name: "Error",
  code: "EBUSY",
  errno: 16,
  message: "Socket is busy writing; only one send operation may be in progress at any time",
}
const blocked = { name: "Error", code: "EBUSY", errno: 16, message: "Socket is blocked by a bind or unbind operation" }

describe("a second concurrent operation", () => {
  it("throws EBUSY from a second receive while one is pending", async () => {
    const result = await same(({ zmq, track }) => {
      const pull = track(new zmq.Pull())
      void settle(pull.receive())
      return outcome(() => pull.receive())
    })
    expect(result).toEqual({ threw: busyReading })
  })

  it("throws EBUSY from a second send while one is pending", async () => {
    const result = await same(({ zmq, track }) => {
      const push = track(new zmq.Push())
      void settle(push.send("first"))
      return outcome(() => push.send("second"))
    })
    expect(result).toEqual({ threw: busyWriting })
  })

  it("throws EBUSY from a second iterator next() while one is pending", async () => {
    const result = await same(({ zmq, track }) => {
      const pull = track(new zmq.Pull())
      const iterator = pull[Symbol.asyncIterator]()
      void settle(iterator.next())
      return settle(iterator.next())
    })
    expect(result).toEqual({ rejected: busyReading })
  })

  it("throws EBUSY from a second observer receive while one is pending", async () => {
    const result = await same(({ zmq, track }) => {
      const events = track(new zmq.Dealer()).events
      void settle(events.receive())
      return outcome(() => events.receive())
    })
    expect(result).toEqual({
      threw: {
        name: "Error",
        code: "EBUSY",
        errno: 16,
        message: "Observer is busy reading; only one receive operation may be in progress at any time",
      },
    })
  })

  it("allows a send while a receive is pending", async () => {
    const result = await same(async ({ zmq, track, pair }) => {
      const server = track(new zmq.Dealer())
      const client = track(new zmq.Dealer())
      await pair(server, client, "tcp")
      const receiving = client.receive()
      await client.send("request")
      await server.send(text(await server.receive()).map(part => `echo ${part}`))
      return text(await receiving)
    })
    expect(result).toEqual(["echo request"])
  })

  it("allows a new receive once the pending one resolved", async () => {
    const result = await same(async ({ zmq, track, pair }) => {
      const pull = track(new zmq.Pull())
      const push = track(new zmq.Push())
      await pair(pull, push, "tcp")
      const first = pull.receive()
      await push.send("one")
      await push.send("two")
      return [text(await first), text(await pull.receive())]
    })
    expect(result).toEqual([["one"], ["two"]])
  })

  it("allows a new send once the pending one resolved", async () => {
    const result = await same(async ({ zmq, track, pair }) => {
      const pull = track(new zmq.Pull())
      const push = track(new zmq.Push())
      const pending = push.send("queued before connecting")
      await pair(pull, push, "tcp")
      await pending
      await push.send("after")
      return [text(await pull.receive()), text(await pull.receive())]
    })
    expect(result).toEqual([["queued before connecting"], ["after"]])
  })
})

describe("operations while a bind or unbind is in progress", () => {
  const operations: [string, (socket: AnySocket) => unknown][] = [
    ["send", socket => (socket as unknown as { send(m: string): unknown }).send("x")],
    ["receive", socket => (socket as unknown as { receive(): unknown }).receive()],
    ["bind", socket => socket.bind(bindAddress("inproc"))],
    ["bindSync", socket => socket.bindSync(bindAddress("inproc"))],
    ["unbind", socket => socket.unbind("inproc://never-bound")],
    ["unbindSync", socket => socket.unbindSync("inproc://never-bound")],
    ["connect", socket => socket.connect("inproc://anything")],
    ["disconnect", socket => socket.disconnect("inproc://anything")],
  ]

  it.each(operations)("%s throws EBUSY during a bind", async (_name, operation) => {
    const result = await same(async ({ zmq, track }) => {
      const socket = track(new zmq.Dealer())
      const binding = socket.bind("tcp://127.0.0.1:*")
      const during = await outcome(() => operation(socket))
      return [during, await settle(binding)]
    })
    expect(result).toEqual([{ threw: blocked }, { resolved: undefined }])
  })

  it.each(operations)("%s throws EBUSY during an unbind", async (_name, operation) => {
    const result = await same(async ({ zmq, track }) => {
      const socket = track(new zmq.Dealer())
      await socket.bind("tcp://127.0.0.1:*")
      const unbinding = socket.unbind(socket.lastEndpoint!)
      const during = await outcome(() => operation(socket))
      return [during, await settle(unbinding)]
    })
    expect(result).toEqual([{ threw: blocked }, { resolved: undefined }])
  })

  it("allows options to be read and written during a bind", async () => {
    await same(async ({ zmq, track }) => {
      const socket = track(new zmq.Dealer())
      const binding = socket.bind("tcp://127.0.0.1:*")
      const during = await outcome(() => {
        socket.linger = 7
        return [socket.linger, socket.closed, socket.readable, socket.writable]
      })
      await binding
      return during
    })
  })

  it("allows operations again once the bind resolved", async () => {
    const result = await same(async ({ zmq, track }) => {
      const socket = track(new zmq.Dealer())
      await socket.bind("tcp://127.0.0.1:*")
      return outcome(() => socket.connect("inproc://anything"))
    })
    expect(result).toEqual({ returned: undefined })
  })

  it("allows operations again once the bind rejected", async () => {
    const result = await same(async ({ zmq, track }) => {
      const socket = track(new zmq.Dealer())
      const failed = await settle(socket.bind("foo://bar"))
      return [failed, await outcome(() => socket.connect("inproc://anything"))]
    })
    expect(result[1]).toEqual({ returned: undefined })
  })
})

/** An outcome without the error's message (see differences.test.ts for the proxy's text). */
function withoutMessage(result: Outcome): Outcome {
  if ("threw" in result) return { threw: { ...result.threw, message: undefined } }
  if ("rejected" in result) return { rejected: { ...result.rejected, message: undefined } }
  return result
}

describe("sockets owned by a running Proxy", () => {
  it("throw EBUSY from send and receive on the front-end and back-end", async () => {
    await same(async scope => {
      const { front, back, proxy, running } = await runningProxy(scope)
      const during = [
        withoutMessage(await outcome(() => front.receive())),
        withoutMessage(await outcome(() => front.send(["x", "y"]))),
        withoutMessage(await outcome(() => back.receive())),
        withoutMessage(await outcome(() => back.send("x"))),
        front.closed,
        back.closed,
      ]
      proxy.terminate()
      return [during, await settle(running), front.closed, back.closed]
    })
  })
})
