// Creating sockets: new Socket(), createSocket() and the methods every socket has. See harness.ts for the oracles and how tests are named.
import { describe, expect, it } from "vitest"
import { outcome, reference, run, same, sameAsV5, socketTypes, turbo, turn, type Scope } from "./harness.js"

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

  it("follows zeromq@5: read() returns the next message of a paused socket, else null (zeromq.js throws)", async () => {
    const scenario = async ({ zmq, track, address }: Scope): Promise<unknown> => {
      const pull = track(zmq.socket("pull"))
      const push = track(zmq.socket("push"))
      const endpoint = address("inproc")
      pull.bindSync(endpoint)
      push.connect(endpoint)
      pull.pause()
      const before = outcome(() => pull.read())
      push.send("a")
      push.send(["b", "c"])
      const read: string[][] = []
      for (let i = 0; i < 1000 && read.length < 2; i++) {
        const message = pull.read() as unknown as Buffer[] | null
        if (message === null) await turn()
        else read.push(message.map(String))
      }
      return [before, read, pull.read()]
    }
    expect(await sameAsV5(scenario)).toEqual([{ returned: null }, [["a"], ["b", "c"]], null])
    expect(await run(reference, async scope => outcome(() => scope.track(scope.zmq.socket("pull")).read()))).toEqual({
      threw: {
        name: "Error",
        message: "read() has been removed from compatibility mode; use on('message', ...) instead.",
      },
    })
  })

  it("follows zeromq@5: returns the socket from each chainable method, bindSync() and unbindSync() too", async () => {
    const scenario = async ({ zmq, track, address }: Scope): Promise<Record<string, boolean>> => {
      const socket = track(zmq.socket("sub"))
      const remote = address("inproc")
      const local = address("inproc")
      return {
        bindSync: socket.bindSync(local) === (socket as unknown),
        unbindSync: socket.unbindSync(local) === (socket as unknown),
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
    }
    const result = await sameAsV5(scenario)
    expect(Object.values(result).every(Boolean)).toBe(true)
    // zeromq.js's bindSync() returns undefined (and its unbindSync() throws, see endpoints).
    const bound = await run(reference, ({ zmq, track, address }) =>
      track(zmq.socket("sub")).bindSync(address("inproc")),
    )
    expect(bound).toBeUndefined()
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
