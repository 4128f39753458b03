#!/usr/bin/env node
// A/B of two builds of zeromq-turbo loaded into one process and run in alternating slices, for a
// machine too busy for separate runs to compare: whatever else the machine does falls on the A
// slice and the B slice next to it alike, so the ratio of each adjacent pair is far steadier
// than the ratio of two runs minutes apart. Each build has its own JS, addon and libzmq (two
// copies of the addon load side by side); the sockets of each scenario stay open for all slices.
// They share one V8 heap, though: the garbage of one slice may be collected in the next, which
// blurs the comparison where a message is large (64 KiB: compare separate processes there).
//
//   node scripts/bench/interleaved-ab.mjs DIR_A DIR_B [--slices N] [--only TEXT]
//
// DIR_A and DIR_B: builds in the package's layout, e.g. from scripts/bench/build-ref.mjs. It
// prints, per scenario, the median rate of A and of B, and the medians (with quartiles) of the
// per-pair ratios B / A of the rate and of the CPU time per message.
import { createRequire } from "node:module"
import { resolve } from "node:path"
import { parseArgs } from "node:util"

const { values, positionals } = parseArgs({
  options: { slices: { type: "string", default: "21" }, only: { type: "string" } },
  allowPositionals: true,
})
if (positionals.length !== 2) throw new Error("usage: interleaved-ab.mjs DIR_A DIR_B [--slices N] [--only TEXT]")
const require = createRequire(import.meta.url)
const builds = positionals.map(dir => require(resolve(dir)))
const slices = Number(values.slices)

let serial = 0

/**
 * PUSH -> PULL in this process: each slice sends `count` messages of `size` bytes, awaiting each
 * send() (or sendBatch() of 500), and receives them with the async iterator, receive() or
 * receiveBatch(). `hwm`: both high water marks (sendBatch's PUSH has 10,000 otherwise).
 */
function pushPull(transport, size, count, api, hwm = undefined) {
  return {
    count,
    async setup(zmq) {
      const sendHwm = hwm ?? (api === "batch" ? 10_000 : undefined)
      const push = new zmq.Push(sendHwm === undefined ? {} : { sendHighWaterMark: sendHwm })
      const pull = new zmq.Pull(hwm === undefined ? {} : { receiveHighWaterMark: hwm })
      await pull.bind(transport === "tcp" ? "tcp://127.0.0.1:*" : `inproc://ab-${serial++}`)
      push.connect(pull.lastEndpoint)
      const frame = Buffer.alloc(size)
      const batch = Array.from({ length: 500 }, () => Buffer.alloc(size))
      const messages = pull[Symbol.asyncIterator]()
      return {
        async run(n) {
          const sending = (async () => {
            if (api === "batch") for (let i = 0; i < n; i += 500) await push.sendBatch(batch)
            else for (let i = 0; i < n; i++) await push.send(frame)
          })()
          if (api === "batch") for (let received = 0; received < n;) received += (await pull.receiveBatch()).length
          else if (api === "receive") for (let i = 0; i < n; i++) await pull.receive()
          else for (let i = 0; i < n; i++) await messages.next()
          await sending
        },
        close: () => (push.close(), pull.close()),
      }
    },
  }
}

/** REQ -> REP in this process, both inproc: `count` round trips of 16 bytes a slice. */
const reqRep = {
  count: 10_000,
  async setup(zmq) {
    const req = new zmq.Request()
    const rep = new zmq.Reply()
    const address = `inproc://ab-${serial++}`
    await rep.bind(address)
    req.connect(address)
    const serving = (async () => {
      for await (const [message] of rep) await rep.send(message)
    })()
    const frame = Buffer.alloc(16)
    return {
      async run(n) {
        for (let i = 0; i < n; i++) {
          await req.send(frame)
          await req.receive()
        }
      },
      close: async () => (req.close(), rep.close(), await serving),
    }
  },
}

/** Each scenario: setup(zmq) resolves with run(count) (one slice) and close(). */
const scenarios = {
  "inproc push/pull 16 B, await send + for await": pushPull("inproc", 16, 50_000, "iterate"),
  "inproc push/pull 16 B, receive()": pushPull("inproc", 16, 50_000, "receive"),
  "inproc push/pull 16 B, sendBatch + receiveBatch": pushPull("inproc", 16, 200_000, "batch"),
  "inproc push/pull 16 B, HWM 10k, await send + for await": pushPull("inproc", 16, 50_000, "iterate", 10_000),
  "inproc req/rep 16 B round trip": reqRep,
  "tcp push/pull 16 B, await send + for await": pushPull("tcp", 16, 50_000, "iterate"),
  "tcp push/pull 64 KiB, await send + for await": pushPull("tcp", 64 * 1024, 3_000, "iterate"),
}

const median = list => {
  const sorted = [...list].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

/** One slice: its rate (messages per second of wall time) and the CPU time it took per message
 *  (µs, every thread of the process: while a slice runs, the other build's sockets are idle). */
async function slice(runner, count) {
  const cpu = process.cpuUsage()
  const start = process.hrtime.bigint()
  await runner.run(count)
  const used = process.cpuUsage(cpu)
  return { rate: count / (Number(process.hrtime.bigint() - start) / 1e9), cpu: (used.user + used.system) / count }
}

console.log(`A: ${positionals[0]}\nB: ${positionals[1]}\n${slices} slices each, alternating (ABBA)`)
for (const [name, scenario] of Object.entries(scenarios)) {
  if (values.only !== undefined && !name.includes(values.only)) continue
  const [a, b] = await Promise.all(builds.map(zmq => scenario.setup(zmq)))
  // Warm-up: both JITs and both connections.
  await slice(a, scenario.count)
  await slice(b, scenario.count)
  const rates = { a: [], b: [] }
  const ratios = []
  const cpuRatios = []
  for (let i = 0; i < slices; i++) {
    // ABBA order: a drift within the pair falls on both alike.
    const first = i % 2 === 0 ? a : b
    const second = first === a ? b : a
    const r1 = await slice(first, scenario.count)
    const r2 = await slice(second, scenario.count)
    const [ra, rb] = first === a ? [r1, r2] : [r2, r1]
    rates.a.push(ra.rate)
    rates.b.push(rb.rate)
    ratios.push(rb.rate / ra.rate)
    cpuRatios.push(rb.cpu / ra.cpu)
  }
  await a.close()
  await b.close()
  const fmt = rate => (rate >= 1e6 ? `${(rate / 1e6).toFixed(2)} M/s` : `${(rate / 1e3).toFixed(1)} k/s`)
  const quartiles = list => {
    const sorted = [...list].sort((x, y) => x - y)
    return `${sorted[Math.floor(sorted.length / 4)].toFixed(3)}..${sorted[Math.floor((3 * sorted.length) / 4)].toFixed(3)}`
  }
  console.log(
    `${name.padEnd(48)} A ${fmt(median(rates.a)).padStart(10)}  B ${fmt(median(rates.b)).padStart(10)}  ` +
      `rate B/A ${median(ratios).toFixed(3)} (${quartiles(ratios)})  CPU/msg B/A ${median(cpuRatios).toFixed(3)} (${quartiles(cpuRatios)})`,
  )
}
process.exit(0)
