#!/usr/bin/env node
// A/B of two builds of zeromq-turbo by CPU time per message, for a machine too busy for the
// wall-clock figures of `npm run bench -- --ab` to settle: on a shared 2-core machine other
// processes change the rate of a run by tens of percent, but much less the CPU time the run
// itself spends per message (what a change of the JS or native code changes).
//
//   node scripts/bench/cpu-ab.mjs DIR_A DIR_B [--rounds N] [--only TEXT]
//
// DIR_A and DIR_B are builds in the package's layout (package.json, dist/, build/Release/):
// the tree itself (".") or one made by `node scripts/bench/build-ref.mjs REF`. Each scenario
// runs in a fresh process per build and round; the order of A and B alternates by round. It
// prints the median rate and the median CPU µs per message of each, and B / A.
import { execFileSync } from "node:child_process"
import { resolve } from "node:path"
import { parseArgs } from "node:util"

const { values, positionals } = parseArgs({
  options: { rounds: { type: "string", default: "5" }, only: { type: "string" } },
  allowPositionals: true,
})
if (positionals.length !== 2) throw new Error("usage: cpu-ab.mjs DIR_A DIR_B [--rounds N]")
const [dirA, dirB] = positionals.map(dir => resolve(dir))
const rounds = Number(values.rounds)

/** Each scenario: the code of an async function body with `zmq` and `count`; returns nothing. */
const scenarios = {
  "inproc push/pull 16 B, send + for await": [
    300_000,
    `const push = new zmq.Push(), pull = new zmq.Pull()
     await pull.bind("inproc://ab"); push.connect("inproc://ab")
     const frame = Buffer.alloc(16)
     const sending = (async () => { for (let i = 0; i < count; i++) await push.send(frame) })()
     let n = 0
     for await (const _ of pull) if (++n === count) break
     await sending; push.close(); pull.close()`,
  ],
  "inproc push/pull 16 B, sendBatch + receiveBatch": [
    1_000_000,
    `const push = new zmq.Push({ sendHighWaterMark: 10000 }), pull = new zmq.Pull()
     await pull.bind("inproc://ab"); push.connect("inproc://ab")
     const batch = Array.from({ length: 500 }, () => Buffer.alloc(16))
     const sending = (async () => { for (let i = 0; i < count; i += 500) await push.sendBatch(batch) })()
     let n = 0
     while (n < count) n += (await pull.receiveBatch()).length
     await sending; push.close(); pull.close()`,
  ],
  "inproc req/rep 16 B round trip": [
    50_000,
    `const req = new zmq.Request(), rep = new zmq.Reply()
     await rep.bind("inproc://ab"); req.connect("inproc://ab")
     const frame = Buffer.alloc(16)
     const serving = (async () => { for await (const [m] of rep) await rep.send(m) })()
     for (let i = 0; i < count; i++) { await req.send(frame); await req.receive() }
     req.close(); rep.close(); await serving`,
  ],
  "tcp push/pull 16 B, send + for await": [
    300_000,
    `const push = new zmq.Push(), pull = new zmq.Pull()
     await pull.bind("tcp://127.0.0.1:*"); push.connect(pull.lastEndpoint)
     const frame = Buffer.alloc(16)
     const sending = (async () => { for (let i = 0; i < count; i++) await push.send(frame) })()
     let n = 0
     for await (const _ of pull) if (++n === count) break
     await sending; push.close(); pull.close()`,
  ],
}

function measure(dir, body, count) {
  const script = `
    const zmq = require(${JSON.stringify(dir)})
    const count = ${count}
    ;(async () => {
      const cpu = process.cpuUsage(), start = process.hrtime.bigint()
      await (async () => { ${body} })()
      const seconds = Number(process.hrtime.bigint() - start) / 1e9, used = process.cpuUsage(cpu)
      process.stdout.write(JSON.stringify({ rate: count / seconds, cpu: (used.user + used.system) / count }))
    })().catch(error => { console.error(error); process.exit(1) })`
  return JSON.parse(execFileSync(process.execPath, ["-e", script], { encoding: "utf8", timeout: 300_000 }))
}

const median = values => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

console.log(`A: ${dirA}\nB: ${dirB}\n${rounds} rounds, alternating`)
const rows = []
for (const [name, [count, body]] of Object.entries(scenarios)) {
  if (values.only !== undefined && !name.includes(values.only)) continue
  const runs = { A: [], B: [] }
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? ["A", "B"] : ["B", "A"]
    for (const which of order) runs[which].push(measure(which === "A" ? dirA : dirB, body, count))
  }
  const rate = which => median(runs[which].map(run => run.rate))
  const cpu = which => median(runs[which].map(run => run.cpu))
  rows.push({ name, rateA: rate("A"), rateB: rate("B"), cpuA: cpu("A"), cpuB: cpu("B") })
  const row = rows.at(-1)
  console.log(
    `${name.padEnd(48)} rate A ${(row.rateA / 1e3).toFixed(1)} k/s  B ${(row.rateB / 1e3).toFixed(1)} k/s  B/A ${(row.rateB / row.rateA).toFixed(3)}` +
      `  | CPU µs/msg A ${row.cpuA.toFixed(3)}  B ${row.cpuB.toFixed(3)}  B/A ${(row.cpuB / row.cpuA).toFixed(3)}`,
  )
}
