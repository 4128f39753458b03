// Creating sockets: new Socket(), createSocket() and the methods every socket has. See harness.ts for the oracles and how tests are named.
import { describe, expect, it } from "vitest"
import { reference, turbo, socketTypes, names, run, same, outcome, messages, type Scope } from "./harness.js"

// ---- creating sockets -------------------------------------------------------------------------

describe("Socket", () => {
  it.each(socketTypes)("creates a %s socket with its type name and ZMQ_TYPE", async type => {
    const result = await same(({ zmq, track }) => {
      const socket = track(new zmq.Socket(type))
      return {
        type: socket.type,
        zmqType: socket.getsockopt(zmq.ZMQ_TYPE),
        closed: socket.closed,
        emitter: typeof socket.on,
      }
    })
    expect(result.type).toBe(type)
    expect(result.closed).toBe(false)
  })

  it("throws for an unknown socket type", async () => {
    const result = await same(({ zmq }) => outcome(() => new zmq.Socket("bogus" as "pair")))
    expect(result).toEqual({ threw: { name: "Error", message: "Invalid socket type: bogus" } })
  })

  it("read() throws: messages arrive as events", async () => {
    const result = await same(({ zmq, track }) => outcome(() => track(zmq.socket("pull")).read()))
    expect(result).toEqual({
      threw: {
        name: "Error",
        message: "read() has been removed from compatibility mode; use on('message', ...) instead.",
      },
    })
  })

  it("returns what zeromq.js returns from each chainable method", async () => {
    const result = await same(async ({ zmq, track, address }) => {
      const socket = track(zmq.socket("sub"))
      const remote = address("inproc")
      return {
        bindSync: socket.bindSync(address("inproc")) === undefined,
        connect: socket.connect(remote) === socket,
        disconnect: socket.disconnect(remote) === socket,
        subscribe: socket.subscribe("a") === socket,
        unsubscribe: socket.unsubscribe("a") === socket,
        setsockopt: socket.setsockopt(zmq.ZMQ_LINGER, 0) === socket,
        pause: socket.pause() === undefined,
        resume: socket.resume() === undefined,
        monitor: socket.monitor() === socket,
        close: socket.close() === socket,
      }
    })
    expect(Object.values(result).every(Boolean)).toBe(true)
  })
})

describe("createSocket()", () => {
  it("assigns option properties and any other own key", async () => {
    const result = await same(({ zmq, track }) => {
      const socket = track(zmq.createSocket("dealer", { linger: 5, identity: "abc", sndhwm: 7, custom: "kept" }))
      return [socket.linger, socket.identity, socket.getsockopt(zmq.ZMQ_SNDHWM), socket.sndhwm, socket.custom]
    })
    // sndhwm is not a short option name: it becomes a plain property, ZMQ_SNDHWM keeps its default.
    expect(result).toEqual([5, "abc", 1000, 7, "kept"])
  })

  it("throws an option's error", async () => {
    const result = await same(({ zmq }) => outcome(() => zmq.createSocket("push", { linger: "soon" })))
    expect(result).toEqual({ threw: { name: "TypeError", message: "Option value must be a number" } })
  })
})

describe("Socket: where zeromq.js is broken", () => {
  it("zeromq.js bug: keeps its bookkeeping private: no internal keys or event names", async () => {
    const scenario = ({ zmq, track }: Scope): unknown => {
      const socket = track(zmq.socket("pull"))
      return {
        keys: Object.keys(socket).filter(key => !["_events", "_eventsCount", "_maxListeners"].includes(key)),
        events: socket.eventNames(),
      }
    }
    expect(await run(turbo, scenario)).toEqual({ keys: ["type"], events: [] })
    expect(await run(reference, scenario)).toEqual({
      keys: ["_msg", "_recvQueue", "_sendQueue", "_paused", "_count", "type", "_socket"],
      events: ["_flushSend"],
    })
  })
})
