// Hostile values from ordinary JS (issue 17): a frame's toString() or an element getter that
// uses the socket being sent on, values thrown from them, a peer that went away, option values
// libzmq cannot take. Every operation settles, nothing is lost silently, and each frame of a
// message arrives whole or not at all.
import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { require, turbo as zmq } from "../support/load.js"
import { track } from "../support/track.js"

const draft = require("zeromq-turbo/draft") as typeof import("zeromq-turbo/draft")

let count = 0
const inproc = () => `inproc://hostile-values-${process.pid}-${++count}`

async function pipe() {
  const address = inproc()
  const pull = track(new zmq.Pull())
  await pull.bind(address)
  const push = track(new zmq.Push())
  push.connect(address)
  return { push, pull }
}

/** Every message the pull socket has now, as strings (waits briefly for the first). */
async function drain(pull: InstanceType<typeof zmq.Pull>, expected: number): Promise<string[][]> {
  const got: string[][] = []
  while (got.length < expected) {
    const batch = await pull.receiveBatch()
    for (const message of batch) got.push(message.map(String))
  }
  return got
}

/** What `operation` threw (it must throw: a returned promise fails the test). */
function catching(operation: () => unknown): unknown {
  try {
    operation()
  } catch (error) {
    return error
  }
  return new Error("did not throw")
}

/** Whether `promise` is still pending after the current turn and one more of the event loop. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false
  promise.then(
    () => (done = true),
    () => (done = true),
  )
  await new Promise(resolve => setImmediate(resolve))
  await new Promise(resolve => setImmediate(resolve))
  return done
}

describe("a frame whose toString() sends on the same socket", () => {
  it("keeps every frame of the outer message and throws EBUSY from the inner send", async () => {
    const { push, pull } = await pipe()
    let inner: unknown
    const frame = {
      toString() {
        inner = catching(() => push.send("inner"))
        return "B"
      },
    }
    await push.send(["A", frame as unknown as string, "C"])
    expect(inner).toMatchObject({ code: "EBUSY", errno: 16 })
    expect(await drain(pull, 1)).toEqual([["A", "B", "C"]])
  })

  it("keeps every frame of every message of a batch and throws EBUSY from the inner batch", async () => {
    const { push, pull } = await pipe()
    let inner: unknown
    const frame = {
      toString() {
        inner = catching(() => push.sendBatch(["inner"]))
        return "2b"
      },
    }
    await push.sendBatch([["1a", "1b"], ["2a", frame, "2c"], "3"])
    expect(inner).toMatchObject({ code: "EBUSY" })
    expect(await drain(pull, 3)).toEqual([["1a", "1b"], ["2a", "2b", "2c"], ["3"]])
  })

  it("delivers a Radio message whose toString() sends on the Radio", async () => {
    const radio = track(new draft.Radio())
    await radio.bind("tcp://127.0.0.1:*")
    const dish = track(new draft.Dish())
    dish.join("g")
    dish.connect(radio.lastEndpoint as string)
    // Radio drops what no subscription matches: probe until the join has arrived.
    let joined = false
    const first = dish.receive().then(() => (joined = true))
    while (!joined) {
      await radio.send("probe", { group: "g" })
      await new Promise(resolve => setTimeout(resolve, 10))
    }
    await first
    let inner: unknown
    const message = {
      toString() {
        inner = catching(() => radio.send("inner", { group: "g" }))
        return "outer"
      },
    }
    await radio.send(message as unknown as string, { group: "g" })
    expect(inner).toMatchObject({ code: "EBUSY" })
    let received: string
    do [received] = (await dish.receive()).map(String)
    while (received === "probe")
    expect(received).toBe("outer")
  })
})

describe("a batch element getter that sends another batch", () => {
  it("leaves both batches intact (the packed path is not re-entered)", async () => {
    const first = await pipe()
    const second = await pipe()
    const batch = [Buffer.from("1"), Buffer.from("2"), Buffer.from("3")]
    let inner: Promise<void> | undefined
    Object.defineProperty(batch, 1, {
      get() {
        inner ??= second.push.sendBatch([Buffer.from("x"), Buffer.from("y")])
        return Buffer.from("2")
      },
    })
    await first.push.sendBatch(batch)
    await inner
    expect(await drain(first.pull, 3)).toEqual([["1"], ["2"], ["3"]])
    expect(await drain(second.pull, 2)).toEqual([["x"], ["y"]])
  })
})

describe("a value thrown by a frame's toString()", () => {
  // undefined and null too: they were replaced by EAGAIN (the operation's "no error yet"), and
  // rejected instead of thrown; zeromq.js throws them as they are.
  const values: [string, unknown][] = [
    ["a string", "thrown"],
    ["a number", 42],
    ["undefined", undefined],
    ["null", null],
    ["a symbol", Symbol("thrown")],
    ["an Error", new Error("thrown")],
  ]

  it.each([...values, ["a frozen Error", Object.freeze(new Error("thrown"))]])(
    "is what send() throws (%s), once",
    async (_, value) => {
      const { push, pull } = await pipe()
      let calls = 0
      const frame = {
        toString() {
          calls++
          throw value
        },
      }
      expect(catching(() => push.send([frame as unknown as string]))).toBe(value)
      expect(catching(() => push.send([frame as unknown as string]))).toBe(value)
      expect(calls).toBe(2)
      await push.send("after")
      expect(await drain(pull, 1)).toEqual([["after"]])
    },
  )

  it.each(values)("is what sendBatch() throws (%s), with the messages before it sent", async (_, value) => {
    const { push, pull } = await pipe()
    const frame = {
      toString() {
        throw value
      },
    }
    expect(catching(() => push.sendBatch(["a", [frame], "c"]))).toBe(value)
    if (value instanceof Error) expect(value).toMatchObject({ sent: 1 })
    await push.send("after")
    expect(await drain(pull, 2)).toEqual([["a"], ["after"]])
  })

  /** A Push with no peer yet, over ipc (not inproc, where a connect before the bind makes the
   *  pipe at once; immediate: no pipe, so nothing queued, before the connection), and a
   *  sendBatch() on it that waits before its first message; its second frame throws `value`. */
  function waitingBatch(value: unknown) {
    const address = `ipc://${join(mkdtempSync(join(tmpdir(), "zmqt-hostile-")), "socket")}`
    const push = track(new zmq.Push({ immediate: true }))
    push.connect(address)
    const frame = {
      toString() {
        throw value
      },
    }
    return { address, push, batch: push.sendBatch(["a", [frame], "c"]) }
  }

  it.each(values)("rejects a waiting sendBatch() with it (%s) when the batch goes on later", async (_, value) => {
    const { address, push, batch } = waitingBatch(value)
    expect(await settled(batch)).toBe(false)
    // The peer makes the batch go on.
    const pull = track(new zmq.Pull())
    await pull.bind(address)
    await expect(batch).rejects.toBe(value)
    expect(await drain(pull, 1)).toEqual([["a"]])
    await push.send("after")
    expect(await drain(pull, 1)).toEqual([["after"]])
  })

  it.each([
    ["a string", "thrown"],
    ["undefined", undefined],
  ])(
    "settles proxy.run() and rejects a sendBatch() left waiting on its front-end with it (%s), when the proxy ends",
    async (_, value) => {
      // inproc with both high water marks 1: the pipe takes two messages, and each one read
      // makes room for another.
      const address = inproc()
      const pull = track(new zmq.Pull({ receiveHighWaterMark: 1 }))
      await pull.bind(address)
      const push = track(new zmq.Push({ sendHighWaterMark: 1 }))
      push.connect(address)
      const frame = {
        toString() {
          throw value
        },
      }
      const batch = push.sendBatch(["a", "b", "c", [frame], "e"])
      expect(await settled(batch)).toBe(false)
      // A proxy takes the socket over while the batch waits; the peer reads meanwhile.
      const back = track(new zmq.Pull())
      await back.bind(inproc())
      const proxy = new zmq.Proxy(push, back)
      const run = proxy.run()
      expect(await drain(pull, 2)).toEqual([["a"], ["b"]])
      expect(await settled(batch)).toBe(false)
      proxy.terminate()
      await expect(run).resolves.toBeUndefined()
      // The proxy's end closes the socket, whose last attempt goes on with the batch.
      await expect(batch).rejects.toBe(value)
      expect(await drain(pull, 1)).toEqual([["c"]])
    },
  )
})

describe("a sparse batch of 2^32 - 1 messages", () => {
  it("throws ENOMEM at once instead of walking billions of holes", async () => {
    const { push, pull } = await pipe()
    expect(() => push.sendBatch(new Array(2 ** 32 - 1))).toThrow(expect.objectContaining({ code: "ENOMEM" }))
    await push.send("after")
    expect(await drain(pull, 1)).toEqual([["after"]])
  })
})

describe("Router with mandatory", () => {
  it("rejects a send to a peer that went away with EHOSTUNREACH, every time", async () => {
    const router = track(new zmq.Router({ mandatory: true }))
    await router.bind("tcp://127.0.0.1:*")
    const dealer = new zmq.Dealer({ routingId: "peer", linger: 0 })
    dealer.connect(router.lastEndpoint as string)
    await dealer.send("hello")
    const [id] = await router.receive()
    await router.send([id, "welcome"])
    await dealer.receive()
    const disconnected = new Promise(resolve => router.events.on("disconnect", resolve))
    dealer.close()
    await disconnected
    // libzmq's I/O thread reports the disconnect before the Router has dropped the peer's pipe:
    // until then a send is still taken (and dropped with the pipe). Every send settles.
    let taken = 0
    while (
      taken < 100 &&
      (await router.send([id, "x"]).then(
        () => true,
        () => false,
      ))
    ) {
      taken++
      await new Promise(resolve => setTimeout(resolve, 10))
    }
    expect(taken).toBeLessThan(100)
    for (let i = 0; i < 3; i++) {
      await expect(router.send([id, "x"])).rejects.toMatchObject({ code: "EHOSTUNREACH", errno: 113 })
    }
  })

  it("waits for a peer it never sent to, as zeromq.js does (ROUTER-ROUTER relies on it)", async () => {
    const router = track(new zmq.Router({ mandatory: true }))
    await router.bind("tcp://127.0.0.1:*")
    const sent = router.send(["later", "x"])
    expect(await settled(sent)).toBe(false)
    const dealer = track(new zmq.Dealer({ routingId: "later" }))
    dealer.connect(router.lastEndpoint as string)
    await sent
    expect((await dealer.receive()).map(String)).toEqual(["x"])
  })
})

describe("option values libzmq cannot take", () => {
  const IN_BATCH_SIZE = 101
  const OUT_BATCH_SIZE = 102
  type Raw = Record<string, (option: number, value: unknown) => void>

  it.each([
    ["setStringOption", "abcd"],
    ["setStringOption", Buffer.from([0xff, 0xff, 0xff, 0x7f])],
    ["setBoolOption", true],
    ["setInt64Option", 2 ** 40],
    ["setUint64Option", 2 ** 40],
    ["setUint32Option", 2 ** 32 - 1],
    ["setInt32Option", 2 ** 31 - 1],
  ])("refuses a batch size through %s(%s) with EINVAL", (method, value) => {
    const socket = track(new zmq.Dealer()) as unknown as Raw
    for (const option of [IN_BATCH_SIZE, OUT_BATCH_SIZE]) {
      expect(() => socket[method](option, value)).toThrow(expect.objectContaining({ code: "EINVAL" }))
    }
  })

  it("keeps a high water mark of 2^31 - 1 as set, and messages flow", async () => {
    const { push, pull } = await pipe()
    push.sendHighWaterMark = 2 ** 31 - 1
    pull.receiveHighWaterMark = 2 ** 31 - 1
    expect([push.sendHighWaterMark, pull.receiveHighWaterMark]).toEqual([2 ** 31 - 1, 2 ** 31 - 1])
    const address = inproc()
    const pull2 = track(new zmq.Pull({ receiveHighWaterMark: 2 ** 31 - 1 }))
    await pull2.bind(address)
    const push2 = track(new zmq.Push({ sendHighWaterMark: 2 ** 31 - 1 }))
    push2.connect(address)
    await push2.send("through")
    expect(await drain(pull2, 1)).toEqual([["through"]])
    push.sendHighWaterMark = 5
    expect(push.sendHighWaterMark).toBe(5)
  })
})
