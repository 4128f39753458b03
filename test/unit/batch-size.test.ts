// zeromq-turbo's own socket options inBatchSize and outBatchSize (libzmq's ZMQ_IN_BATCH_SIZE
// and ZMQ_OUT_BATCH_SIZE): their defaults, their checks, and that connections whose two ends
// use different sizes still deliver every message whole. What the sizes are for is measured by
// scripts/bench (docs/performance.md); no timing here.
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, describe, expect, it } from "vitest"
import { require, turbo as zmq } from "../support/load.js"
import { track } from "../support/track.js"

/** libzmq's constants by name, from the addon the tests run (vitest.config.mts names it). */
const { constants } = require(process.env.ZEROMQ_TURBO_BINARY as string) as { constants: Record<string, number> }

describe("inBatchSize and outBatchSize", () => {
  it("are 131072 on a new socket", () => {
    const pull = track(new zmq.Pull())
    expect([pull.inBatchSize, pull.outBatchSize]).toEqual([131072, 131072])
  })

  it("are libzmq's 8192 on a Stream, whose batches are the chunks it receives", () => {
    const stream = track(new zmq.Stream())
    expect([stream.inBatchSize, stream.outBatchSize]).toEqual([8192, 8192])
  })

  it("round-trip a value set on the socket or given to the constructor", () => {
    const push = track(new zmq.Push({ outBatchSize: 8192 }))
    push.inBatchSize = 65536
    expect([push.inBatchSize, push.outBatchSize]).toEqual([65536, 8192])
  })

  it("reject a size of 0 with EINVAL", () => {
    const push = track(new zmq.Push())
    expect(() => {
      push.outBatchSize = 0
    }).toThrow(expect.objectContaining({ code: "EINVAL" }))
    expect(push.outBatchSize).toBe(131072)
  })

  it("reject a size above 64 MiB with EINVAL, and accept 64 MiB", () => {
    // libzmq would allocate such a buffer for every connection and abort if it could not.
    const pull = track(new zmq.Pull())
    expect(() => {
      pull.inBatchSize = 2 ** 31 - 1
    }).toThrow(expect.objectContaining({ code: "EINVAL" }))
    expect(() => {
      pull.outBatchSize = 64 * 1024 * 1024 + 1
    }).toThrow(expect.objectContaining({ code: "EINVAL" }))
    pull.inBatchSize = 64 * 1024 * 1024
    expect([pull.inBatchSize, pull.outBatchSize]).toEqual([64 * 1024 * 1024, 131072])
  })

  it("reject a size above 64 MiB with EINVAL through the raw setUint32Option() too", () => {
    const pull = track(new zmq.Pull())
    const raw = pull as unknown as { setUint32Option(option: number, value: number): void }
    for (const name of ["ZMQ_IN_BATCH_SIZE", "ZMQ_OUT_BATCH_SIZE"]) {
      expect(() => raw.setUint32Option(constants[name], 2 ** 31 - 1)).toThrow(
        expect.objectContaining({ code: "EINVAL" }),
      )
    }
    expect([pull.inBatchSize, pull.outBatchSize]).toEqual([131072, 131072])
  })

  it("reject a value that is not a number with a TypeError", () => {
    const push = track(new zmq.Push())
    expect(() => {
      push.inBatchSize = "8192" as unknown as number
    }).toThrow(TypeError)
  })

  it.each([
    ["libzmq's size at the receiving end", { inBatchSize: 8192 }, {}],
    ["libzmq's size at the sending end", {}, { outBatchSize: 8192 }],
  ])("deliver messages of every size whole with %s", async (_, pullOptions, pushOptions) => {
    const pull = track(new zmq.Pull(pullOptions))
    const push = track(new zmq.Push(pushOptions))
    await pull.bind("tcp://127.0.0.1:*")
    push.connect(pull.lastEndpoint as string)
    const sizes = [16, 8191, 9000, 65536, 131071, 131072, 262144, 262153, 524289, 1 << 20]
    const messages = sizes.map((size, i) => [Buffer.from(`#${i}`), Buffer.alloc(size, i + 1)])
    const sent = push.sendBatch(messages)
    for (const [label, body] of messages) {
      const [gotLabel, gotBody] = await pull.receive()
      expect(gotLabel.equals(label) && gotBody.equals(body)).toBe(true)
    }
    await sent
  })

  // libzmq, as patched (deps/libzmq/patches/0001), writes a body of a batch or more without
  // copying it behind what the batch holds, and reads the head of a message after such a body
  // with a small window. A stream that alternates small frames with large ones, queued at once
  // so that batches fill, crosses every edge of both; each byte is checked, not just the size.
  it.each([
    ["tcp", {}],
    ["ipc", {}],
    ["tcp", { inBatchSize: 8192, outBatchSize: 8192 }],
    ["tcp", { inBatchSize: 65536, outBatchSize: 65536 }],
  ])(
    "deliver a stream mixing small and large frames whole and in order over %s with %o",
    async (transport, options) => {
      const pull = track(new zmq.Pull(options))
      const push = track(new zmq.Push(options))
      await pull.bind(transport === "tcp" ? "tcp://127.0.0.1:*" : `ipc://${join(tempDir(), "mixed")}`)
      push.connect(pull.lastEndpoint as string)
      const sizes = [16, 1 << 20, 16, 16, 131072, 9, 131073, 200000, 8191, 8192, 8193, 3 << 20, 0, 100]
      const more = [262153, 65535, 65536, 1 << 20, 1 << 20, 5, 131071, 300000, 1, 131072, 131072, 7]
      const frames = [...sizes, ...more].map((size, i) => pattern(size, i))
      // One and two-frame messages, so a large frame also follows a small one of its message.
      const messages = frames.map((frame, i) => (i % 3 === 2 ? [pattern(3, 1000 + i), frame] : [frame]))
      const sent = push.sendBatch(messages)
      let whole = 0
      for (const message of messages) {
        const got = await pull.receive()
        if (got.length === message.length && got.every((frame, j) => frame.equals(message[j]))) whole++
      }
      await sent
      expect(whole).toBe(messages.length)
    },
  )
})

const tempDirs: string[] = []
afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true })
})

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "zmqt-batch-"))
  tempDirs.push(dir)
  return dir
}

/** `size` bytes that differ from one position to the next and from one frame to the next. */
function pattern(size: number, seed: number): Buffer {
  const frame = Buffer.allocUnsafe(size)
  for (let i = 0; i < size; i++) frame[i] = (i * 31 + seed * 7 + (i >> 8)) & 0xff
  return frame
}
