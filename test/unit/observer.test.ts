// An Observer and the end of its socket. libzmq sends a socket's monitor events with blocking
// sends from its own threads (the binding thread, the I/O thread, the reaper), so an observer
// that stops reading while libzmq still has events for it blocks that thread, and with it every
// socket of the context: these tests see that as an event or a bind that never comes.
import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterEach, describe, expect, it } from "vitest"
import { killAll, evaluate } from "../support/child.js"
import { turbo as zmq } from "../support/load.js"
import { track } from "../support/track.js"

afterEach(() => killAll())

const dir = mkdtempSync(join(tmpdir(), "zmqt-observer-"))
let count = 0
const transports = ["tcp", "ipc", "inproc"] as const
type Transport = (typeof transports)[number]
const address = (transport: Transport) =>
  transport === "tcp"
    ? "tcp://127.0.0.1:*"
    : transport === "ipc"
      ? `ipc://${join(dir, `s${++count}`)}`
      : `inproc://observer-${process.pid}-${++count}`

/** Every event of `observer` up to its end (the socket was closed), by type. */
async function untilEnd(observer: InstanceType<typeof zmq.Observer>): Promise<string[]> {
  const seen: string[] = []
  for (;;) {
    const event = await observer.receive()
    seen.push(event.type)
    if (event.type === "end") return seen
  }
}

describe("Observer#close() after its socket's close()", () => {
  it.each(["tcp", "ipc"] as const)(
    "leaves the context working: the next socket's events and end arrive (%s)",
    async transport => {
      // zeromq.js stalls the same way here: its close() closes the PAIR only.
      const context = new zmq.Context()
      const first = new zmq.Dealer({ context })
      await first.bind(address(transport))
      const observer = first.events
      first.close()
      observer.close()
      const next = new zmq.Dealer({ context })
      await next.bind(address(transport))
      const events = untilEnd(next.events)
      next.close()
      expect(await events).toEqual(["close", "end"])
    },
  )

  it("rejects the receive pending on it with ENOTSOCK at once", async () => {
    const socket = new zmq.Dealer()
    await socket.bind(address("tcp"))
    const observer = socket.events
    const pending = observer.receive()
    socket.close()
    observer.close()
    await expect(pending).rejects.toMatchObject({ code: "ENOTSOCK" })
    expect(observer.closed).toBe(true)
  })

  it("does not keep the process alive while libzmq keeps the socket (an inproc connect nobody binds)", async () => {
    const exit = await evaluate(`
      const zmq = require("zeromq-turbo")
      const socket = new zmq.Push()
      socket.connect("inproc://nobody-binds-" + process.pid)
      const observer = socket.events
      observer.receive().catch(error => console.log(error.code))
      socket.close()
      observer.close()
    `)
    expect(exit).toMatchObject({ code: 0, signal: null, stdout: "ENOTSOCK\n", stderr: "" })
  })
})

describe("bind() racing an Observer and close()", () => {
  // Issue 17 saw a bind() that never settled (1 run in 20); here every order settles, and the
  // observer's receive, pending from before close(), gets the socket's events up to its end.
  // The observer is closed after its socket in each, which stalled the context for the orders
  // after it before Observer#close() read on until the end.
  const observerAt = ["before bind()", "right after bind()", "after bind() resolved"] as const
  const closeAt = ["in bind()'s tick", "on the next tick", "after a microtask", "after bind() resolved"] as const
  const orders = transports.flatMap(transport =>
    observerAt.flatMap(observed =>
      closeAt
        .filter(closed => observed !== "after bind() resolved" || closed === "after bind() resolved")
        .map(closed => [transport, observed, closed] as const),
    ),
  )

  it.each(orders)(
    "settles over %s, the observer made %s, the socket closed %s",
    async (transport, observed, closed) => {
      const socket = track(new zmq.Dealer())
      let observer: InstanceType<typeof zmq.Observer> | undefined
      if (observed === "before bind()") observer = socket.events
      const bind = socket.bind(address(transport))
      if (observed === "right after bind()") observer = socket.events
      const outcome = bind.then(
        () => "resolved",
        (error: { code?: string }) => `rejected ${error.code}`,
      )
      if (observed === "after bind() resolved") {
        await bind
        observer = socket.events
      }
      const events = untilEnd(observer!)
      const close = () => socket.close()
      if (closed === "in bind()'s tick") close()
      else if (closed === "on the next tick") process.nextTick(close)
      else if (closed === "after a microtask") queueMicrotask(close)
      else await bind.then(close)
      // A bind the close() overtook still settles (it resolves: close waits for it).
      expect(await outcome).toBe("resolved")
      expect((await events).at(-1)).toBe("end")
      observer!.close()
    },
  )
})
