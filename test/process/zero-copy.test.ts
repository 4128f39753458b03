// Large frames are sent without a copy: libzmq reads the JS memory itself, later, on its I/O
// thread. These pin what keeps that safe: the memory outlives GC while libzmq holds it, and the
// process exits cleanly (no crash, no hang) whatever is still queued.
import { afterEach, describe, expect, it } from "vitest"
import { evaluate, killAll, type Exit } from "../support/child.js"

/** Runs `script` with `node -e` and the Node flags `args`. */
function node(script: string, args: string[] = []): Promise<Exit> {
  return evaluate(script, { execArgv: args, timeout: 20_000 })
}

afterEach(() => killAll())

describe("zero-copy sends", () => {
  it("deliver intact bytes when the sent Buffer was dropped and collected before delivery", async () => {
    const result = await node(
      `
      const zmq = require("zeromq-turbo")
      const { mkdtempSync } = require("node:fs"), { tmpdir } = require("node:os"), { join } = require("node:path")
      ;(async () => {
        // A connecting PUSH queues at once; the peer binds only after the GC.
        const address = "ipc://" + join(mkdtempSync(join(tmpdir(), "zmqt-zc-")), "socket")
        const push = new zmq.Push()
        push.connect(address)
        const sizes = [9000, 65536, 1 << 20]
        for (const size of sizes) await push.send([Buffer.alloc(size, size & 0xff), "tail"])
        for (let i = 0; i < 5; i++) { global.gc(); await new Promise(r => setImmediate(r)) }
        Buffer.alloc(8 << 20, 0xee) // reuse freed memory, if it had been freed
        const pull = new zmq.Pull()
        await pull.bind(address)
        const ok = []
        for (const size of sizes) {
          const [frame, tail] = await pull.receive()
          ok.push(frame.length === size && frame.every(b => b === (size & 0xff)) && String(tail) === "tail")
        }
        console.log(JSON.stringify(ok))
        push.close(); pull.close()
      })()`,
      ["--expose-gc"],
    )
    expect(result.stderr).toBe("")
    expect(JSON.parse(result.stdout)).toEqual([true, true, true])
  })

  it("let a process with undelivered large frames and linger 0 exit at once and cleanly", async () => {
    const started = Date.now()
    const result = await node(`
      const zmq = require("zeromq-turbo")
      const push = new zmq.Push({ linger: 0 })
      push.connect("tcp://127.0.0.1:9") // nobody listens: the frames stay queued
      for (let i = 0; i < 10; i++) push.send(Buffer.alloc(1 << 20, i)).catch(() => {})
      setImmediate(() => process.exit(3))`)
    expect({ code: result.code, signal: result.signal }).toEqual({ code: 3, signal: null })
    expect(Date.now() - started).toBeLessThan(10_000)
  })

  it("are copied in a worker, which may exit while they are queued", async () => {
    const result = await node(
      `
      const { Worker } = require("node:worker_threads")
      const worker = new Worker(\`
        const zmq = require("zeromq-turbo")
        const push = new zmq.Push()
        push.connect("tcp://127.0.0.1:9")
        for (let i = 0; i < 10; i++) push.send(Buffer.alloc(1 << 20, i)).catch(() => {})
        setImmediate(() => require("node:worker_threads").parentPort.postMessage("queued"))
      \`, { eval: true })
      worker.on("message", () => worker.terminate().then(() => { global.gc(); console.log("terminated") }))`,
      ["--expose-gc"],
    )
    expect(result.signal).toBeNull()
    expect(result.stdout.trim()).toBe("terminated")
  })

  // A reference to a view does not keep memory alive that JS can detach (transfer(),
  // postMessage) or shrink: such frames are copied, and only a SharedArrayBuffer's memory is
  // handed to libzmq. Before, the peer got bytes written after send() (20 of 20 over inproc).
  it.each(["inproc", "tcp"])(
    "deliver the bytes given to send() when the Buffer's memory is transferred and reused after it, over %s",
    async transport => {
      const result = await node(
        `
      const zmq = require("zeromq-turbo")
      ;(async () => {
        const pull = new zmq.Pull()
        await pull.bind(${JSON.stringify(transport)} === "tcp" ? "tcp://127.0.0.1:*" : "inproc://zc-detach")
        const push = new zmq.Push()
        push.connect(pull.lastEndpoint)
        let intact = 0
        for (let i = 0; i < 20; i++) {
          const frame = Buffer.alloc(65536, i + 1)
          await push.send(frame)
          // ArrayBuffer.prototype.transfer() from Node 21; structuredClone detaches the same way.
          const moved = frame.buffer.transfer ? frame.buffer.transfer() : structuredClone(frame.buffer, { transfer: [frame.buffer] })
          new Uint8Array(moved).fill(0xee)
          global.gc()
          const [received] = await pull.receive()
          if (received.length === 65536 && received.every(b => b === i + 1)) intact++
        }
        const shared = new Uint8Array(new SharedArrayBuffer(65536)).fill(7)
        await push.send(shared)
        const [received] = await pull.receive()
        console.log(intact, received.every(b => b === 7))
        push.close(); pull.close()
      })()`,
        ["--expose-gc"],
      )
      expect(result).toMatchObject({ code: 0, signal: null, stdout: "20 true\n" })
    },
  )
})
