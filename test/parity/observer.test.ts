import { EventEmitter } from "node:events"
import { createServer } from "node:net"
import { describe, expect, it } from "vitest"
import { type Zmq, bindAddress, errorOf, eventOf, eventsUntil, outcome, same, text } from "../support/parity.js"

/** A TCP port nobody listens on: a Node server's, closed again. */
async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>(resolve => server.listen(0, "127.0.0.1", resolve))
  const { port } = server.address() as { port: number }
  await new Promise(resolve => server.close(resolve))
  return port
}

/** A minimal ZAP handler (RFC 27) on `context` that answers every request with `status`. */
function zapHandler(zmq: Zmq, context: InstanceType<Zmq["Context"]>, status: string) {
  const handler = new zmq.Router({ context, linger: 0 })
  handler.bindSync("inproc://zeromq.zap.01")
  const answering = (async () => {
    const [id, delimiter, version, requestId] = await handler.receive()
    await handler.send([id, delimiter, version, requestId, status, "denied by test", "", ""])
  })()
  return { handler, answering }
}

describe("Socket#events", () => {
  it("returns the same Observer every time", async () => {
    const result = await same(({ zmq, track }) => {
      const socket = track(new zmq.Dealer())
      return [socket.events === socket.events, socket.events instanceof zmq.Observer, socket.events.closed]
    })
    expect(result).toEqual([true, true, false])
  })
})

describe("event sequences", () => {
  it("reports bind, accept and handshake on a tcp server", async () => {
    const result = await same(async ({ zmq, track, pair }) => {
      const server = track(new zmq.Dealer())
      const events = server.events
      await pair(server, track(new zmq.Dealer()), "tcp")
      return eventsUntil(events, "handshake")
    })
    expect(result.map(event => event.type)).toEqual(["bind", "accept", "handshake"])
  })

  it("reports connect:delay, connect and handshake on a tcp client", async () => {
    const result = await same(async ({ zmq, track, pair }) => {
      const client = track(new zmq.Dealer())
      const events = client.events
      await pair(track(new zmq.Dealer()), client, "tcp")
      return eventsUntil(events, "handshake")
    })
    expect(result).toEqual([
      { type: "connect:delay", address: "tcp://127.0.0.1:<port>" },
      { type: "connect", address: "tcp://127.0.0.1:<port>" },
      { type: "handshake", address: "tcp://127.0.0.1:<port>" },
    ])
  })

  it("reports bind, accept and handshake on an ipc server", async () => {
    await same(async ({ zmq, track, pair }) => {
      const server = track(new zmq.Dealer())
      const events = server.events
      await pair(server, track(new zmq.Dealer()), "ipc")
      return eventsUntil(events, "handshake")
    })
  })

  it("reports connect and handshake on an ipc client", async () => {
    const result = await same(async ({ zmq, track, pair }) => {
      const client = track(new zmq.Dealer())
      const events = client.events
      await pair(track(new zmq.Dealer()), client, "ipc")
      return eventsUntil(events, "handshake")
    })
    expect(result.map(event => event.type)).toEqual(["connect", "handshake"])
  })

  it("reports nothing for inproc before the end event", async () => {
    const result = await same(async ({ zmq, track, pair }) => {
      const server = track(new zmq.Dealer())
      const client = track(new zmq.Dealer())
      const serverEvents = server.events
      const clientEvents = client.events
      await pair(server, client, "inproc")
      await client.send("hello")
      const message = text(await server.receive())
      server.close()
      client.close()
      return [message, await eventsUntil(serverEvents, "end"), await eventsUntil(clientEvents, "end")]
    })
    expect(result).toEqual([["hello"], [{ type: "end" }], [{ type: "end" }]])
  })

  it("reports close when an endpoint is unbound", async () => {
    const result = await same(async ({ zmq, track }) => {
      const server = track(new zmq.Dealer())
      const events = server.events
      await server.bind("tcp://127.0.0.1:*")
      await server.unbind(server.lastEndpoint!)
      return eventsUntil(events, "close")
    })
    expect(result.map(event => event.type)).toEqual(["bind", "close"])
  })

  it("reports connect:retry with a numeric interval when the connection is refused", async () => {
    const result = await same(async ({ zmq, track }) => {
      const client = track(new zmq.Dealer({ reconnectInterval: 10 }))
      const events = client.events
      client.connect(`tcp://127.0.0.1:${await closedPort()}`)
      return eventsUntil(events, "connect:retry")
    })
    expect(result).toEqual([
      { type: "connect:delay", address: "tcp://127.0.0.1:<port>" },
      { type: "close", address: "tcp://127.0.0.1:<port>" },
      { type: "connect:retry", address: "tcp://127.0.0.1:<port>", interval: "number" },
    ])
  })

  it("reports disconnect on a client when the server closes", async () => {
    const result = await same(async ({ zmq, track, pair }) => {
      const server = track(new zmq.Dealer())
      const client = track(new zmq.Dealer())
      const events = client.events
      await pair(server, client, "tcp")
      await client.send("hello")
      await server.receive()
      server.close()
      return eventsUntil(events, "disconnect")
    })
    expect(result.map(event => event.type)).toEqual(["connect:delay", "connect", "handshake", "disconnect"])
  })

  it("reports disconnect on a server when the client closes", async () => {
    const result = await same(async ({ zmq, track, pair }) => {
      const server = track(new zmq.Dealer())
      const client = track(new zmq.Dealer())
      const events = server.events
      await pair(server, client, "tcp")
      await client.send("hello")
      await server.receive()
      client.close()
      return eventsUntil(events, "disconnect")
    })
    expect(result.map(event => event.type)).toEqual(["bind", "accept", "handshake", "disconnect"])
  })

  it("reports end, and nothing after it, when the socket closes", async () => {
    const result = await same(async ({ zmq, track }) => {
      const socket = track(new zmq.Dealer())
      const events = socket.events
      await socket.bind("tcp://127.0.0.1:*")
      socket.close()
      const seen = await eventsUntil(events, "end")
      return [seen, events.closed, await outcome(() => events.receive())]
    })
    expect(result).toEqual([
      [
        { type: "bind", address: "tcp://127.0.0.1:<port>" },
        { type: "close", address: "tcp://127.0.0.1:<port>" },
        { type: "end" },
      ],
      true,
      { threw: { name: "Error", code: "EBADF", errno: 9, message: "Socket is closed" } },
    ])
  })
})

describe("handshake errors", () => {
  it("reports handshake:error:protocol on a CURVE server when the client has the wrong server key", async () => {
    const result = await same(async ({ zmq, track, pair }) => {
      const serverKeys = zmq.curveKeyPair()
      const clientKeys = zmq.curveKeyPair()
      const server = track(new zmq.Dealer({ curveServer: true, curveSecretKey: serverKeys.secretKey }))
      const client = track(
        new zmq.Dealer({
          curveServerKey: zmq.curveKeyPair().publicKey,
          curvePublicKey: clientKeys.publicKey,
          curveSecretKey: clientKeys.secretKey,
        }),
      )
      const events = server.events
      await pair(server, client, "tcp")
      return eventsUntil(events, "handshake:error:protocol")
    })
    expect(result.at(-1)).toEqual({
      type: "handshake:error:protocol",
      address: "tcp://127.0.0.1:<port>",
      error: { name: "Error", message: "ZMTP protocol error", code: "ERR_ZMTP_CRYPTOGRAPHIC" },
    })
  })

  it("reports handshake:error:other on a PLAIN server without a ZAP handler", async () => {
    const result = await same(async ({ zmq, track, pair }) => {
      const context = new zmq.Context()
      const server = track(new zmq.Dealer({ context, plainServer: true }))
      const client = track(new zmq.Dealer({ context, plainUsername: "user", plainPassword: "secret" }))
      const events = server.events
      await pair(server, client, "tcp")
      return eventsUntil(events, "handshake:error:other")
    })
    expect(result.at(-1)).toMatchObject({ error: { code: "EFAULT", errno: 14 } })
  })

  it("reports handshake:error:auth with the ZAP status on both sides", async () => {
    const result = await same(async ({ zmq, track, pair }) => {
      const context = new zmq.Context()
      const { handler, answering } = zapHandler(zmq, context, "400")
      track(handler)
      const server = track(new zmq.Dealer({ context, plainServer: true }))
      const client = track(new zmq.Dealer({ context, plainUsername: "user", plainPassword: "secret" }))
      const serverEvents = server.events
      const clientEvents = client.events
      await pair(server, client, "tcp")
      await answering
      return [
        await eventsUntil(serverEvents, "handshake:error:auth"),
        await eventsUntil(clientEvents, "handshake:error:auth"),
      ]
    })
    const denied = {
      type: "handshake:error:auth",
      address: "tcp://127.0.0.1:<port>",
      error: { name: "Error", message: "Authentication failure", status: 400 },
    }
    expect(result.map(events => events.at(-1))).toEqual([denied, denied])
  })
})

describe("event emitter mode", () => {
  it("delivers events to a listener added with on()", async () => {
    const result = await same(async ({ zmq, track }) => {
      const socket = track(new zmq.Dealer())
      const bound = new Promise(resolve => socket.events.on("bind", event => resolve(eventOf(event))))
      await socket.bind(bindAddress("tcp"))
      return bound
    })
    expect(result).toEqual({ type: "bind", address: "tcp://127.0.0.1:<port>" })
  })

  it("returns an EventEmitter from on() and off()", async () => {
    const result = await same(({ zmq, track }) => {
      const events = track(new zmq.Dealer()).events
      const listener = () => undefined
      const on = events.on("bind", listener)
      const off = events.off("bind", listener)
      return [on instanceof EventEmitter, on === off, (on as unknown) === events]
    })
    expect(result).toEqual([true, true, false])
  })

  it("makes receive() throw after on()", async () => {
    const result = await same(({ zmq, track }) => {
      const events = track(new zmq.Dealer()).events
      events.on("bind", () => undefined)
      return outcome(() => events.receive())
    })
    expect(result).toEqual({
      threw: {
        name: "Error",
        message:
          "Observer is in event emitter mode. After a call to events.on() it is not possible to read events with events.receive().",
      },
    })
  })

  it("rejects a listener that is not a function like EventEmitter does", async () => {
    await same(({ zmq, track }) => {
      const events = track(new zmq.Dealer()).events
      try {
        events.on("bind", 5 as unknown as () => void)
        return "accepted"
      } catch (error) {
        return errorOf(error)
      }
    })
  })
})

describe("Observer iteration", () => {
  it("yields events with for await", async () => {
    const result = await same(async ({ zmq, track }) => {
      const socket = track(new zmq.Dealer())
      const events = socket.events
      await socket.bind(bindAddress("tcp"))
      socket.close()
      const seen = []
      for await (const event of events) seen.push(eventOf(event))
      return seen
    })
    expect(result.map(event => event.type)).toEqual(["bind", "close", "end"])
  })
})

describe("an event with a large address", () => {
  // An address of 8 KiB or more arrives from the addon as a Buffer of its own (an external
  // frame of the receive batch), which the observer once ignored, reporting no address at all.
  it("reports the whole address of a connect:retry to a 9000-character host", async () => {
    const result = await same(async ({ zmq, track }) => {
      const socket = track(new zmq.Dealer())
      const events = socket.events
      const address = `tcp://${"a".repeat(9000)}:5555`
      socket.connect(address)
      const event = await events.receive()
      return { type: event.type, same: "address" in event && event.address === address }
    })
    expect(result).toEqual({ type: "connect:retry", same: true })
  })
})
