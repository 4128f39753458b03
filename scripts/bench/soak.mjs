#!/usr/bin/env node
// `npm run bench -- --only soak` (or node scripts/bench/soak.mjs [--impl zeromq-turbo|zeromq]
// [--messages N] [--restart-messages N] [--cycles N] [--only stream,restart,workers]):
// reliability over time, not speed (docs/reliability.md has the figures).
//
// - stream: N (10,000,000) sequence-numbered 16-byte messages PUSH -> PULL over tcp between two
//   processes. Each message carries its sequence number and a check word derived from it; the
//   receiver counts what is lost, duplicated, reordered or corrupted, and both sides sample
//   their RSS every second. Expected: 0 / 0 / 0 / 0, RSS flat.
// - restart: the same with the PULL process killed (SIGKILL) when it has received half, and a
//   new one started on the same endpoint. libzmq documents that messages queued for a peer that
//   disconnects go with it: the figure is how many were lost (those in flight), and nothing may
//   be duplicated or corrupted.
// - workers: `cycles` (100) worker_threads, each creating sockets, leaving receives pending,
//   running a Proxy, using them, and then terminated; the parent samples its descriptors and RSS
//   before, during and after. Expected: both flat. With --impl none the workers load nothing:
//   the RSS drift of worker_threads alone, to compare with.
// The same scripts run against zeromq@6.8.0 with --impl zeromq.
import { spawn } from "node:child_process"
import { readdirSync, writeSync } from "node:fs"
import { createRequire } from "node:module"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { parseArgs } from "node:util"
import { Worker } from "node:worker_threads"

const here = fileURLToPath(import.meta.url)
const root = dirname(dirname(dirname(here)))
const { values: args } = parseArgs({
  options: {
    impl: { type: "string", default: "zeromq-turbo" },
    messages: { type: "string", default: "10000000" },
    "restart-messages": { type: "string", default: "2000000" },
    cycles: { type: "string", default: "100" },
    only: { type: "string", default: "stream,restart,workers" },
    role: { type: "string" },
    endpoint: { type: "string" },
    from: { type: "string" },
  },
  strict: false,
})
const require = createRequire(join(root, "package.json"))
const impl = args.impl
const zmq = () => require(impl)
const mb = bytes => Math.round(bytes / 1048576)
const CHECK = 0x9e3779b9

/** The 16 bytes of message `seq`: the number (uint64 LE) and a check word, twice. */
function encode(seq, buffer) {
  buffer.writeUInt32LE(seq >>> 0, 0)
  buffer.writeUInt32LE(Math.floor(seq / 2 ** 32), 4)
  const check = (Math.imul(seq >>> 0, CHECK) ^ 0x5bd1e995) >>> 0
  buffer.writeUInt32LE(check, 8)
  buffer.writeUInt32LE(~check >>> 0, 12)
  return buffer
}

function decode(frame) {
  if (frame.length !== 16) return -1
  const seq = frame.readUInt32LE(0) + frame.readUInt32LE(4) * 2 ** 32
  const check = (Math.imul(seq >>> 0, CHECK) ^ 0x5bd1e995) >>> 0
  if (frame.readUInt32LE(8) !== check || frame.readUInt32LE(12) !== ~check >>> 0) return -1
  return seq
}

// ---- the two processes of stream and restart -----------------------------------------------

async function sender(total) {
  const push = new (zmq().Push)({ sendHighWaterMark: 10000 })
  await push.bind("tcp://127.0.0.1:*")
  console.log(`endpoint ${push.lastEndpoint}`)
  const started = Date.now()
  let peak = process.memoryUsage().rss
  const sample = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 1000)
  const rss0 = process.memoryUsage().rss
  for (let seq = 0; seq < total; seq++) await push.send(encode(seq, Buffer.allocUnsafe(16)))
  clearInterval(sample)
  console.log(`sent ${total} ${Date.now() - started} ${mb(rss0)} ${mb(peak)}`)
  // Stay until the receiver says it is done (the parent kills this process).
  setInterval(() => undefined, 1 << 30)
}

async function receiver(endpoint, total, from, stopAt) {
  const pull = new (zmq().Pull)({ receiveHighWaterMark: 10000 })
  pull.connect(endpoint)
  let expected = from
  let received = 0
  let lost = 0
  let duplicated = 0
  let reordered = 0
  let corrupted = 0
  let last = -1
  const seen = new Uint8Array(Math.ceil(total / 8))
  const rss0 = process.memoryUsage().rss
  let peak = rss0
  const samples = []
  const sample = setInterval(() => {
    const rss = process.memoryUsage().rss
    peak = Math.max(peak, rss)
    samples.push(mb(rss))
  }, 1000)
  const started = Date.now()
  while (last < total - 1) {
    const [frame] = await pull.receive()
    const seq = decode(frame)
    if (seq < 0 || seq >= total) {
      corrupted++
      continue
    }
    received++
    if (seen[seq >> 3] & (1 << (seq & 7))) duplicated++
    seen[seq >> 3] |= 1 << (seq & 7)
    if (seq < last) reordered++
    else if (seq > expected) lost += seq - expected
    if (seq >= expected) expected = seq + 1
    last = Math.max(last, seq)
    if (stopAt !== undefined && received >= stopAt) {
      // Half way: go on receiving, saying each message synchronously (the parent kills this
      // process on the first line, and must know the last message it got).
      writeSync(1, `at ${last}\n`)
    }
  }
  clearInterval(sample)
  const seconds = (Date.now() - started) / 1000
  console.log(
    `received ${received} lost ${lost} duplicated ${duplicated} reordered ${reordered} corrupted ${corrupted} ` +
      `seconds ${seconds.toFixed(1)} rss ${mb(rss0)} ${mb(peak)} samples ${samples.join(",")}`,
  )
  pull.close()
}

/** A child process of this script in `role`, with its stdout lines. */
function child(role, extra) {
  const proc = spawn(process.execPath, [here, "--role", role, "--impl", impl, ...extra], {
    stdio: ["ignore", "pipe", "inherit"],
  })
  const lines = []
  const waiters = []
  let partial = ""
  proc.stdout.setEncoding("utf8")
  proc.stdout.on("data", chunk => {
    const parts = (partial + chunk).split("\n")
    partial = parts.pop()
    for (const line of parts) {
      lines.push(line)
      for (const waiter of [...waiters]) {
        const match = line.match(waiter.pattern)
        if (match) {
          waiters.splice(waiters.indexOf(waiter), 1)
          waiter.resolve(match)
        }
      }
    }
  })
  const line = pattern =>
    new Promise(resolve => {
      const found = lines.map(l => l.match(pattern)).find(Boolean)
      if (found) resolve(found)
      else waiters.push({ pattern, resolve })
    })
  return { proc, line, lines }
}

async function stream(total) {
  const push = child("sender", ["--messages", String(total)])
  const [, endpoint] = await push.line(/^endpoint (.+)$/)
  const pull = child("receiver", ["--endpoint", endpoint, "--messages", String(total)])
  const [result] = await pull.line(/^received .*/)
  const [sent] = await push.line(/^sent .*/)
  push.proc.kill("SIGKILL")
  const [, , ms, rss0, peak] = sent.split(" ")
  console.log(`stream ${impl}: ${total} messages; sender ${(ms / 1000).toFixed(1)} s, RSS ${rss0} -> peak ${peak} MB`)
  console.log(`stream ${impl}: ${result}`)
}

async function restart(total) {
  const push = child("sender", ["--messages", String(total)])
  const [, endpoint] = await push.line(/^endpoint (.+)$/)
  const first = child("receiver", ["--endpoint", endpoint, "--messages", String(total), "--from", "stop"])
  await first.line(/^at \d+$/)
  first.proc.kill("SIGKILL")
  await new Promise(resolve => first.proc.on("close", resolve))
  const half = Math.max(...first.lines.map(line => Number(line.match(/^at (\d+)$/)?.[1] ?? -1)))
  const second = child("receiver", [
    "--endpoint",
    endpoint,
    "--messages",
    String(total),
    "--from",
    String(Number(half) + 1),
  ])
  const [result] = await second.line(/^received .*/)
  push.proc.kill("SIGKILL")
  console.log(`restart ${impl}: ${total} messages; the first PULL killed (SIGKILL) while receiving, its last: ${half}`)
  console.log(`restart ${impl}: second PULL ${result}`)
  console.log(`restart ${impl}: lost (received by neither) = ${result.match(/lost (\d+)/)[1]}`)
}

// ---- workers -------------------------------------------------------------------------------

const workerSource = `
const { parentPort, workerData } = require("node:worker_threads")
const zmq = workerData.impl === null ? null : require(workerData.impl)
;(async () => {
  if (zmq === null) return parentPort.postMessage("ready")
  const n = workerData.n
  const pull = new zmq.Pull()
  await pull.bind("inproc://soak-" + n)
  const push = new zmq.Push()
  push.connect("inproc://soak-" + n)
  for (let i = 0; i < 100; i++) await push.send("m" + i)
  for (let i = 0; i < 100; i++) await pull.receive()
  // A receive left pending, a tcp pair, and a Proxy running between two sockets.
  pull.receive().catch(() => undefined)
  const router = new zmq.Router()
  await router.bind("tcp://127.0.0.1:*")
  const endpoint = router.lastEndpoint
  const dealer = new zmq.Dealer()
  await dealer.bind("inproc://soak-back-" + n)
  const proxy = new zmq.Proxy(router, dealer)
  proxy.run().catch(() => undefined)
  // linger 0: the message below may still be queued when the worker is terminated (the worker
  // reports ready as soon as libzmq took it), and with the default linger (-1) libzmq then keeps
  // the closed socket, reconnecting to the gone Router, in the process-wide default context
  // until it is delivered: forever, or until a later cycle's Router gets the same port. Its
  // descriptors (an eventfd, and a tcp socket while it reconnects) were the drift this bench
  // showed over 300 cycles (docs/reliability.md).
  const client = new zmq.Dealer({ linger: 0 })
  client.connect(endpoint)
  await client.send("through the proxy")
  client.receive().catch(() => undefined)
  parentPort.postMessage("ready")
})()
`

function descriptors() {
  try {
    return readdirSync("/proc/self/fd").length
  } catch {
    return -1
  }
}

async function workers(cycles) {
  const samples = []
  const fds0 = descriptors()
  const rss0 = process.memoryUsage().rss
  const started = Date.now()
  for (let n = 0; n < cycles; n++) {
    const workerData = { impl: impl === "none" ? null : require.resolve(impl), n }
    const worker = new Worker(workerSource, { eval: true, workerData })
    const outcome = await new Promise(resolve => {
      worker.once("message", () => resolve("ready"))
      worker.once("error", error => resolve(`error ${error.message}`))
      worker.once("exit", code => resolve(`exit ${code}`))
    })
    if (outcome !== "ready") console.log(`workers ${impl}: cycle ${n}: ${outcome}`)
    await worker.terminate()
    if (n % 10 === 9) samples.push(`${n + 1}:${descriptors()}fd/${mb(process.memoryUsage().rss)}MB`)
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1)
  console.log(
    `workers ${impl}: ${cycles} cycles in ${seconds} s; fds ${fds0} -> ${descriptors()}, RSS ${mb(rss0)} -> ` +
      `${mb(process.memoryUsage().rss)} MB; samples ${samples.join(" ")}`,
  )
}

// ---- main ----------------------------------------------------------------------------------

if (args.role === "sender") await sender(Number(args.messages))
else if (args.role === "receiver") {
  const total = Number(args.messages)
  if (args.from === "stop") await receiver(args.endpoint, total, 0, Math.floor(total / 2))
  else await receiver(args.endpoint, total, Number(args.from ?? 0), undefined)
} else {
  const only = new Set(args.only.split(","))
  if (only.has("stream")) await stream(Number(args.messages))
  if (only.has("restart")) await restart(Number(args["restart-messages"]))
  if (only.has("workers")) await workers(Number(args.cycles))
  process.exit(0)
}
