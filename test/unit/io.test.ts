// The batched I/O path: what it must preserve whatever the batch sizes and thresholds are.
import { describe, expect, it } from "vitest"
import { turbo as zmq } from "../support/load.js"
import { track } from "../support/track.js"

let inprocCount = 0
const inproc = () => `inproc://io-test-${process.pid}-${++inprocCount}`

async function pushPull(options: { pull?: object; push?: object } = {}) {
  const pull = track(new zmq.Pull(options.pull))
  const push = track(new zmq.Push(options.push))
  await pull.bind("tcp://127.0.0.1:*")
  push.connect(pull.lastEndpoint as string)
  return { pull, push }
}

describe("receive batching", () => {
  it("delivers every message in order when many arrive at once", async () => {
    const { pull, push } = await pushPull()
    const count = 5000
    const sent = push.sendBatch(Array.from({ length: count }, (_, i) => String(i)))
    const received: string[] = []
    for await (const [message] of pull) {
      received.push(message.toString())
      if (received.length === count) break
    }
    await sent
    expect(received).toEqual(Array.from({ length: count }, (_, i) => String(i)))
  })

  it("keeps the frames of each multipart message together", async () => {
    const { pull, push } = await pushPull()
    const messages = Array.from({ length: 300 }, (_, i) => Array.from({ length: (i % 5) + 1 }, (_, j) => `${i}.${j}`))
    const sent = push.sendBatch(messages)
    const received: string[][] = []
    while (received.length < messages.length) received.push((await pull.receive()).map(String))
    await sent
    expect(received).toEqual(messages)
  })

  it("delivers small and large frames of one message intact and in order", async () => {
    const { pull, push } = await pushPull()
    const small = Buffer.from("head")
    const large = Buffer.alloc(1 << 20, 7)
    const medium = Buffer.alloc(9000, 3)
    await push.send([small, large, Buffer.alloc(0), medium, "tail"])
    const [a, b, c, d, e] = await pull.receive()
    expect(a.equals(small)).toBe(true)
    expect(b.equals(large)).toBe(true)
    expect(c.length).toBe(0)
    expect(d.equals(medium)).toBe(true)
    expect(e.toString()).toBe("tail")
  })

  it("delivers large tcp frames of several sizes, in one message and across messages, in order", async () => {
    // Frames of 4 KiB and more are handed over as external Buffers, several in one message (and
    // in one batch, when the second message is there by the time the first is received).
    const { pull, push } = await pushPull()
    const frames = [Buffer.alloc(9 << 20, 1), Buffer.alloc(1 << 20, 2), Buffer.alloc(9000, 3), Buffer.alloc(9 << 20, 4)]
    await push.send(frames)
    await push.send(frames.slice(1))
    const first = await pull.receive()
    const second = await pull.receive()
    expect(first.map(frame => frame.length)).toEqual(frames.map(frame => frame.length))
    expect(first.every((frame, i) => frame.equals(frames[i]))).toBe(true)
    expect(second.every((frame, i) => frame.equals(frames[i + 1]))).toBe(true)
  })

  it("keeps a multipart message whole when its frames cross a batch's byte limit", async () => {
    // Over inproc every message is queued once sendBatch() resolves, so the first receive finds
    // them all: 262 frames of 4000 bytes fill all but 576 bytes of a batch's 1 MiB of copied
    // frames, and the three-frame message after them goes past the limit in its first frame.
    const pull = track(new zmq.Pull())
    const push = track(new zmq.Push())
    const address = inproc()
    await pull.bind(address)
    push.connect(address)
    const frame = (i: number) => Buffer.alloc(4000, i % 251)
    const messages = [
      ...Array.from({ length: 262 }, (_, i) => [frame(i)]),
      [frame(1000), frame(1001), frame(1002)],
      [Buffer.from("last")],
    ]
    await push.sendBatch(messages)
    const received: Buffer[][] = []
    while (received.length < messages.length) received.push(...(await pull.receiveBatch()))
    expect(received.map(message => message.length)).toEqual(messages.map(message => message.length))
    expect(received.every((message, i) => message.every((f, j) => f.equals(messages[i][j])))).toBe(true)
  })

  it("gives every received frame its own bytes, unaffected by later messages", async () => {
    const { pull, push } = await pushPull()
    await push.sendBatch(["aaaa", "bbbb", "cccc"])
    const first = (await pull.receive())[0]
    await pull.receive()
    await pull.receive()
    await push.send("dddd")
    await pull.receive()
    expect(first.toString()).toBe("aaaa")
  })

  it("receiveBatch resolves with up to max messages once one is ready", async () => {
    const { pull, push } = await pushPull()
    const pending = pull.receiveBatch(10)
    await push.sendBatch(["1", "2", "3"])
    const batch = await pending
    expect(batch.length).toBeGreaterThanOrEqual(1)
    expect(batch.length).toBeLessThanOrEqual(3)
    const rest: string[] = batch.map(message => message[0].toString())
    while (rest.length < 3) rest.push(...(await pull.receiveBatch(10)).map(message => message[0].toString()))
    expect(rest).toEqual(["1", "2", "3"])
  })

  it("receiveBatch never returns more than max messages", async () => {
    const { pull, push } = await pushPull()
    await push.sendBatch(Array.from({ length: 50 }, (_, i) => String(i)))
    let total = 0
    while (total < 50) {
      const batch = await pull.receiveBatch(7)
      expect(batch.length).toBeLessThanOrEqual(7)
      total += batch.length
    }
    expect(total).toBe(50)
  })

  it("gives a conflate socket the newest message, then waits for the next one", async () => {
    // A conflate socket's queue is emptied by every receive, and its next receive looks into
    // libzmq again at once (native/socket.h, conflate_): when nothing is there it must still wait.
    // Over inproc, the connecting socket's conflate option decides for the pipe.
    const pull = track(new zmq.Pull({ conflate: true }))
    const push = track(new zmq.Push())
    const address = inproc()
    await push.bind(address)
    pull.connect(address)
    for (const text of ["a", "b", "c"]) await push.send(text)
    expect((await pull.receive())[0].toString()).toBe("c")
    const next = pull.receive()
    await push.send("d")
    expect((await next)[0].toString()).toBe("d")
    await push.send("e")
    expect((await pull.receive())[0].toString()).toBe("e")
  })
})

describe("send", () => {
  it("stays pending at the high water mark and completes when the peer reads", async () => {
    const push = track(new zmq.Push({ sendHighWaterMark: 1 }))
    const pull = track(new zmq.Pull({ receiveHighWaterMark: 1 }))
    const address = inproc()
    await pull.bind(address)
    push.connect(address)
    let queued = 0
    let pending: Promise<void> | undefined
    // Fill the pipe until a send does not complete at once.
    for (;;) {
      const send = push.send(String(queued))
      const state = await Promise.race([
        send.then(() => "sent"),
        new Promise(resolve => setImmediate(resolve, "pending")),
      ])
      if (state === "pending") {
        pending = send
        break
      }
      queued++
    }
    const received: string[] = []
    while (received.length <= queued) received.push((await pull.receive())[0].toString())
    await pending
    expect(received).toEqual(Array.from({ length: queued + 1 }, (_, i) => String(i)))
  })

  // Strings take sendBatch's generic path; small Buffers are packed into runs (up to 1,024).
  const kinds = [
    { kind: "strings", make: (i: number) => String(i) },
    { kind: "small Buffers", make: (i: number) => Buffer.from(String(i)) },
  ]

  it.each(kinds)("sendBatch of $kind waits at the high water mark and loses nothing", async ({ make }) => {
    const push = track(new zmq.Push({ sendHighWaterMark: 10 }))
    const pull = track(new zmq.Pull({ receiveHighWaterMark: 10 }))
    const address = inproc()
    await pull.bind(address)
    push.connect(address)
    const count = 5000
    const sent = push.sendBatch(Array.from({ length: count }, (_, i) => make(i)))
    const received: string[] = []
    while (received.length < count) received.push((await pull.receive())[0].toString())
    await sent
    expect(received).toEqual(Array.from({ length: count }, (_, i) => String(i)))
  })

  it.each(kinds)(
    "sendBatch of $kind rejects with EAGAIN after sendTimeout and reports how many were queued",
    async ({ make }) => {
      const push = track(new zmq.Push({ sendHighWaterMark: 2, sendTimeout: 50 }))
      const pull = track(new zmq.Pull({ receiveHighWaterMark: 2 }))
      const address = inproc()
      await pull.bind(address)
      push.connect(address)
      const error = await push.sendBatch(Array.from({ length: 100 }, (_, i) => make(i))).catch(e => e)
      expect(error).toMatchObject({ code: "EAGAIN" })
      expect(error.sent).toBeGreaterThan(0)
      expect(error.sent).toBeLessThan(100)
      const received: string[] = []
      while (received.length < error.sent) received.push((await pull.receive())[0].toString())
      expect(received).toEqual(Array.from({ length: error.sent }, (_, i) => String(i)))
    },
  )
})

describe("sendBatch packing", () => {
  // Small one-frame Uint8Arrays are copied into one allocation and sent as a run; everything
  // else goes message by message. A batch that mixes them must come out whole and in order.
  const mixed = (i: number): { send: unknown; expect: string[] } => {
    const text = `m${i}`
    switch (i % 7) {
      case 0:
        return { send: Buffer.from(text), expect: [text] }
      case 1:
        return { send: new TextEncoder().encode(text), expect: [text] }
      case 2:
        return { send: text, expect: [text] }
      case 3:
        return { send: [text, "second"], expect: [text, "second"] }
      case 4: {
        const large = `${text}:`.padEnd(600, "x") // above the packing limit
        return { send: Buffer.from(large), expect: [large] }
      }
      case 5:
        return { send: Buffer.alloc(0), expect: [""] }
      default: {
        const limit = `${text}:`.padEnd(512, "y") // exactly at the packing limit
        return { send: Buffer.from(limit), expect: [limit] }
      }
    }
  }

  it("delivers packed and unpacked messages of one batch whole and in order", async () => {
    const { pull, push } = await pushPull()
    const messages = Array.from({ length: 3000 }, (_, i) => mixed(i))
    const sent = push.sendBatch(messages.map(m => m.send) as Buffer[])
    const received: string[][] = []
    while (received.length < messages.length) received.push((await pull.receive()).map(String))
    await sent
    expect(received).toEqual(messages.map(m => m.expect))
  })

  it("copies the small Buffers it queues at once, so later changes do not reach them", async () => {
    const { pull, push } = await pushPull()
    const buffers = Array.from({ length: 100 }, (_, i) => Buffer.from(`before ${i}`))
    const sent = push.sendBatch(buffers)
    for (const buffer of buffers) buffer.fill(0x21)
    const received: string[] = []
    while (received.length < buffers.length) received.push((await pull.receive())[0].toString())
    await sent
    expect(received).toEqual(Array.from({ length: 100 }, (_, i) => `before ${i}`))
  })

  it("counts a packed run in `sent` when a later message cannot be converted", () => {
    const push = track(new zmq.Push())
    push.connect(inproc())
    let error: (Error & { sent?: number }) | undefined
    try {
      void push.sendBatch([Buffer.from("a"), Buffer.from("b"), Symbol("not a frame")] as unknown as Buffer[])
    } catch (e) {
      error = e as Error & { sent?: number }
    }
    expect(error).toBeInstanceOf(TypeError)
    expect(error?.sent).toBe(2)
  })
})

describe("readiness", () => {
  it("completes a pending send and a pending receive on one socket", async () => {
    const a = track(new zmq.Dealer({ sendHighWaterMark: 1 }))
    const b = track(new zmq.Dealer({ receiveHighWaterMark: 1 }))
    const address = inproc()
    await b.bind(address)
    a.connect(address)
    const receiving = a.receive()
    // Fill b's inbound pipe so that a's next send waits.
    let blocked: Promise<void> | undefined
    for (let i = 0; !blocked; i++) {
      const send = a.send(String(i))
      const state = await Promise.race([
        send.then(() => "sent"),
        new Promise(resolve => setImmediate(resolve, "pending")),
      ])
      if (state === "pending") blocked = send
    }
    await b.send("reply")
    for (;;) {
      const state = await Promise.race([blocked.then(() => "sent"), b.receive().then(() => "drained")])
      if (state === "sent") break
    }
    expect((await receiving)[0].toString()).toBe("reply")
  })

  it("lets timers run while a socket always has messages ready", async () => {
    const { pull, push } = await pushPull()
    await push.sendBatch(Array.from({ length: 20000 }, () => "x"))
    let timerRan = false
    setTimeout(() => {
      timerRan = true
    }, 0)
    let received = 0
    while (!timerRan && received < 20000) {
      await pull.receive()
      received++
    }
    expect(timerRan).toBe(true)
    expect(received).toBeLessThan(20000)
  })

  it("yields to the event loop after about 2 MiB of Buffers sent without waiting", async () => {
    const pull = track(new zmq.Pull())
    const push = track(new zmq.Push())
    const address = inproc()
    await pull.bind(address)
    push.connect(address)
    const frame = Buffer.alloc(1 << 20)
    let sent = 0
    let sentAtImmediate = -1
    setImmediate(() => {
      sentAtImmediate = sent
    })
    for (let i = 0; i < 8; i++) {
      await push.send(frame)
      sent++
    }
    // 512 small sends pass before a turn of the loop; a 1 MiB one spends 257 of them.
    expect(sentAtImmediate).toBe(1)
  })
})
