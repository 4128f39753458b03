#!/usr/bin/env node
// A/B of two builds of zeromq-turbo loaded into one process and run in alternating slices, for a
// machine too busy for separate runs to compare: whatever else the machine does falls on the A
// slice and the B slice next to it alike, so the ratio of each adjacent pair is far steadier
// than the ratio of two runs minutes apart. Each build has its own JS, addon and libzmq (two
// copies of the addon load side by side); the sockets of each scenario stay open for all slices.
//
//   node scripts/bench/interleaved-ab.mjs DIR_A DIR_B [--slices N] [--only TEXT]
//
// DIR_A and DIR_B: builds in the package's layout, e.g. from scripts/bench/build-ref.mjs. It
// prints, per scenario, the median rate of A and of B and the median of the per-pair ratios B / A.
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
const frame16 = Buffer.alloc(16)

/** Each scenario: setup(zmq) resolves with run(count) (one slice) and close(). */
const scenarios = {
  "inproc push/pull 16 B, await send + for await": {
    count: 50_000,
    async setup(zmq) {
      const push = new zmq.Push()
      const pull = new zmq.Pull()
      const address = `inproc://ab-${serial++}`
      await pull.bind(address)
      push.connect(address)
      const messages = pull[Symbol.asyncIterator]()
      return {
        async run(count) {
          const sending = (async () => {
            for (let i = 0; i < count; i++) await push.send(frame16)
          })()
          for (let i = 0; i < count; i++) await messages.next()
          await sending
        },
        close: () => (push.close(), pull.close()),
      }
    },
  },
  "inproc push/pull 16 B, receive()": {
    count: 50_000,
    async setup(zmq) {
      const push = new zmq.Push()
      const pull = new zmq.Pull()
      const address = `inproc://ab-${serial++}`
      await pull.bind(address)
      push.connect(address)
      return {
        async run(count) {
          const sending = (async () => {
            for (let i = 0; i < count; i++) await push.send(frame16)
          })()
          for (let i = 0; i < count; i++) await pull.receive()
          await sending
        },
        close: () => (push.close(), pull.close()),
      }
    },
  },
  "inproc push/pull 16 B, sendBatch + receiveBatch": {
    count: 200_000,
    async setup(zmq) {
      const push = new zmq.Push({ sendHighWaterMark: 10_000 })
      const pull = new zmq.Pull()
      const address = `inproc://ab-${serial++}`
      await pull.bind(address)
      push.connect(address)
      const batch = Array.from({ length: 500 }, () => Buffer.alloc(16))
      return {
        async run(count) {
          const sending = (async () => {
            for (let i = 0; i < count; i += 500) await push.sendBatch(batch)
          })()
          for (let n = 0; n < count;) n += (await pull.receiveBatch()).length
          await sending
        },
        close: () => (push.close(), pull.close()),
      }
    },
  },
  "inproc req/rep 16 B round trip": {
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
      return {
        async run(count) {
          for (let i = 0; i < count; i++) {
            await req.send(frame16)
            await req.receive()
          }
        },
        close: async () => (req.close(), rep.close(), await serving),
      }
    },
  },
  "tcp push/pull 16 B, await send + for await": {
    count: 50_000,
    async setup(zmq) {
      const push = new zmq.Push()
      const pull = new zmq.Pull()
      await pull.bind("tcp://127.0.0.1:*")
      push.connect(pull.lastEndpoint)
      const messages = pull[Symbol.asyncIterator]()
      return {
        async run(count) {
          const sending = (async () => {
            for (let i = 0; i < count; i++) await push.send(frame16)
          })()
          for (let i = 0; i < count; i++) await messages.next()
          await sending
        },
        close: () => (push.close(), pull.close()),
      }
    },
  },
  "tcp push/pull 64 KiB, await send + for await": {
    count: 3_000,
    async setup(zmq) {
      const push = new zmq.Push()
      const pull = new zmq.Pull()
      await pull.bind("tcp://127.0.0.1:*")
      push.connect(pull.lastEndpoint)
      const messages = pull[Symbol.asyncIterator]()
      const frame = Buffer.alloc(64 * 1024)
      return {
        async run(count) {
          const sending = (async () => {
            for (let i = 0; i < count; i++) await push.send(frame)
          })()
          for (let i = 0; i < count; i++) await messages.next()
          await sending
        },
        close: () => (push.close(), pull.close()),
      }
    },
  },
}

const median = list => {
  const sorted = [...list].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

async function slice(runner, count) {
  const start = process.hrtime.bigint()
  await runner.run(count)
  return count / (Number(process.hrtime.bigint() - start) / 1e9)
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
  for (let i = 0; i < slices; i++) {
    // ABBA order: a drift within the pair falls on both alike.
    const first = i % 2 === 0 ? a : b
    const second = first === a ? b : a
    const r1 = await slice(first, scenario.count)
    const r2 = await slice(second, scenario.count)
    const [ra, rb] = first === a ? [r1, r2] : [r2, r1]
    rates.a.push(ra)
    rates.b.push(rb)
    ratios.push(rb / ra)
  }
  await a.close()
  await b.close()
  const fmt = rate => (rate >= 1e6 ? `${(rate / 1e6).toFixed(2)} M/s` : `${(rate / 1e3).toFixed(1)} k/s`)
  const spread = [...ratios].sort((x, y) => x - y)
  const q1 = spread[Math.floor(spread.length / 4)]
  const q3 = spread[Math.floor((3 * spread.length) / 4)]
  console.log(
    `${name.padEnd(48)} A ${fmt(median(rates.a)).padStart(10)}  B ${fmt(median(rates.b)).padStart(10)}  ` +
      `B/A ${median(ratios).toFixed(3)} (quartiles ${q1.toFixed(3)}..${q3.toFixed(3)})`,
  )
}
process.exit(0)
