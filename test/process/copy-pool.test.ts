// Large sent frames are copied into blocks of a process-wide pool (native/pool.h), and a
// Buffer sent again unchanged shares the socket's last copy (native/message.h). libzmq reads
// large frames received over tcp and ipc into blocks of the same pool (deps/libzmq/patches). Each test runs
// in a child of its own, so that the pool's counters are this test's alone.
import { afterEach, describe, expect, it } from "vitest"
import { evaluate, killAll, type Exit } from "../support/child.js"

const MiB = 1 << 20

/** Runs `body` (inside an async function; `zmq`, `stats()` and `address()` are defined) with
 *  `node -e`; it prints its findings as JSON. */
function run(body: string): Promise<Exit> {
  return evaluate(
    `
    const zmq = require("zeromq-turbo")
    const { native } = require("./dist/native.js")
    const { mkdtempSync } = require("node:fs"), { tmpdir } = require("node:os"), { join } = require("node:path")
    const stats = () => native.copyPoolStats()
    const address = () => "ipc://" + join(mkdtempSync(join(tmpdir(), "zmqt-pool-")), "socket")
    const detach = buffer => buffer.buffer.transfer ? buffer.buffer.transfer() : structuredClone(buffer.buffer, { transfer: [buffer.buffer] })
    ;(async () => {
      ${body}
    })().catch(error => { console.error(error); process.exit(1) })`,
    { execArgv: ["--expose-gc"], timeout: 30_000 },
  )
}

function findings(result: Exit): unknown {
  expect(result.stderr).toBe("")
  return JSON.parse(result.stdout)
}

afterEach(() => killAll())

describe("large sent frames", () => {
  it("share one copy when the same Buffer is sent again unchanged over ipc", async () => {
    const result = await run(`
      const push = new zmq.Push({ linger: 0 })
      push.connect(address()) // nobody binds: every frame stays queued
      const frame = Buffer.alloc(${MiB}, 3)
      for (let i = 0; i < 10; i++) await push.send(frame)
      console.log(JSON.stringify(stats()))
      push.close()`)
    expect(findings(result)).toMatchObject({ fresh: 1, busyBytes: MiB })
  })

  it("deliver the bytes of each send when the Buffer sent again was changed in between", async () => {
    const result = await run(`
      const where = address()
      const push = new zmq.Push()
      push.connect(where)
      const frame = Buffer.alloc(${MiB})
      for (let i = 1; i <= 6; i++) {
        frame.fill(i, i === 4 ? ${MiB} - 1 : 0) // the fourth differs only in its last byte
        await push.send(frame)
        await push.send(frame)
      }
      new Uint8Array(detach(frame)).fill(0xee)
      const pull = new zmq.Pull()
      await pull.bind(where)
      const got = []
      for (let i = 0; i < 12; i++) {
        const [message] = await pull.receive()
        got.push(message[0] + "/" + message[${MiB} - 1] + "/" + message.every(b => b === message[0]))
      }
      console.log(JSON.stringify(got))
      push.close(); pull.close()`)
    expect(findings(result)).toEqual([
      "1/1/true",
      "1/1/true",
      "2/2/true",
      "2/2/true",
      "3/3/true",
      "3/3/true",
      "3/4/false",
      "3/4/false",
      "5/5/true",
      "5/5/true",
      "6/6/true",
      "6/6/true",
    ])
  })

  it("take pooled blocks from 64 KiB up, and smaller ones do not", async () => {
    const result = await run(`
      const pull = new zmq.Pull()
      await pull.bind("inproc://pool-smallest")
      const push = new zmq.Push()
      push.connect("inproc://pool-smallest")
      await push.send(Buffer.alloc(64 * 1024 - 1))
      const below = stats().fresh
      await push.send(Buffer.alloc(64 * 1024))
      console.log(JSON.stringify({ below, at: stats().fresh - below }))
      push.close(); pull.close()`)
    expect(findings(result)).toEqual({ below: 0, at: 1 })
  })

  it("are copies of their own over inproc, so a receiver writing into one changes no other", async () => {
    const result = await run(`
      const pull = new zmq.Pull()
      await pull.bind("inproc://pool-own-copies")
      const push = new zmq.Push()
      push.connect("inproc://pool-own-copies")
      const frame = Buffer.alloc(${MiB}, 9)
      for (let i = 0; i < 3; i++) await push.send(frame)
      const fresh = stats().fresh
      const [first] = await pull.receive()
      first.fill(1)
      const [second] = await pull.receive()
      const [third] = await pull.receive()
      console.log(JSON.stringify({ fresh, intact: second.every(b => b === 9) && third.every(b => b === 9) }))
      push.close(); pull.close()`)
    expect(findings(result)).toEqual({ fresh: 3, intact: true })
  })

  it("are never copied into a block that libzmq still holds, when the pool reuses blocks", async () => {
    const result = await run(`
      const size = ${MiB}, count = 16
      // Warm the pool: frames sent, received, and their blocks released by the I/O thread.
      const pull = new zmq.Pull()
      await pull.bind("tcp://127.0.0.1:*")
      const warm = new zmq.Push()
      warm.connect(pull.lastEndpoint)
      for (let i = 0; i < count; i++) {
        await warm.send(Buffer.alloc(size, i))
        await pull.receive()
      }
      warm.close() // and with it the copy it kept to share
      // The received frames' blocks come back when their Buffers are collected.
      while (stats().busyBytes > 0) {
        global.gc()
        await new Promise(resolve => setImmediate(resolve))
      }
      const idleBefore = stats().idleBytes
      const reusedBefore = stats().reused
      // Now queue distinct frames to nobody, each source detached and overwritten after send().
      const where = address()
      const push = new zmq.Push()
      push.connect(where)
      for (let i = 0; i < count; i++) {
        const frame = Buffer.alloc(size, 0x40 + i)
        await push.send(frame)
        new Uint8Array(detach(frame)).fill(0xee)
      }
      global.gc()
      const reused = stats().reused - reusedBefore
      const late = new zmq.Pull()
      await late.bind(where)
      let intact = 0
      for (let i = 0; i < count; i++) {
        const [message] = await late.receive()
        if (message.length === size && message.every(b => b === 0x40 + i)) intact++
      }
      console.log(JSON.stringify({ warmed: idleBefore > 0, reused: reused > 0, intact }))
      pull.close(); push.close(); late.close()`)
    expect(findings(result)).toEqual({ warmed: true, reused: true, intact: 16 })
  })
})

describe("large received frames", () => {
  // Sent from a SharedArrayBuffer, which is handed to libzmq without a copy, so that the
  // pool's counters count the receiving end only.
  it.each(["tcp", "ipc"])(
    "are read into pooled blocks from 64 KiB up over %s, and smaller ones are not",
    async transport => {
      const result = await run(`
      const pull = new zmq.Pull()
      await pull.bind(${JSON.stringify(transport)} === "tcp" ? "tcp://127.0.0.1:*" : address())
      const push = new zmq.Push()
      push.connect(pull.lastEndpoint)
      const shared = size => new Uint8Array(new SharedArrayBuffer(size)).fill(7)
      await push.send(shared(64 * 1024 - 1))
      const [below] = await pull.receive()
      const fresh = stats().fresh
      await push.send(shared(64 * 1024))
      const [at] = await pull.receive()
      const after = stats()
      console.log(JSON.stringify({
        below: fresh, at: after.fresh - fresh, busyBytes: after.busyBytes,
        intact: below.length === 64 * 1024 - 1 && at.length === 64 * 1024 && at.every(b => b === 7),
      }))
      push.close(); pull.close()`)
      expect(findings(result)).toEqual({ below: 0, at: 1, busyBytes: 64 * 1024, intact: true })
    },
  )

  it("return their block to the pool when collected, and the next one is read into it", async () => {
    const result = await run(`
      const pull = new zmq.Pull()
      await pull.bind("tcp://127.0.0.1:*")
      const push = new zmq.Push()
      push.connect(pull.lastEndpoint)
      const frame = new Uint8Array(new SharedArrayBuffer(${MiB})).fill(5)
      await push.send(frame)
      await pull.receive()
      while (stats().busyBytes > 0) {
        global.gc()
        await new Promise(resolve => setImmediate(resolve))
      }
      const before = stats()
      await push.send(frame)
      const [again] = await pull.receive()
      const after = stats()
      console.log(JSON.stringify({
        idle: before.idleBytes, fresh: after.fresh - before.fresh, reused: after.reused - before.reused,
        intact: again.length === ${MiB} && again.every(b => b === 5),
      }))
      push.close(); pull.close()`)
    expect(findings(result)).toEqual({ idle: MiB, fresh: 0, reused: 1, intact: true })
  })
})
