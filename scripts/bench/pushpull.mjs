// pushpull: both ends in this one process. A PULL binds (--transport tcp, ipc or inproc), a PUSH
// connects, and one async loop sends --count messages of --size bytes (`await send()` each)
// while another receives them (`for await`). Timed from the first send to the last message
// received; the rate is messages received per second.
//   --hwm N     sendHighWaterMark of the PUSH and receiveHighWaterMark of the PULL (libzmq's
//               default 1,000 otherwise);
//   --batch N   zeromq-turbo only: inBatchSize and outBatchSize of both (its default otherwise),
//               to measure other batch sizes against the default (docs/performance.md).
import { readdirSync, readFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { load, main, now, options, report, rssMiB, throughput } from "./common.mjs"

main(async () => {
  const { impl, size, count, transport, hwm, batch, io } = options({
    transport: { type: "string", default: "tcp" },
    hwm: { type: "string" },
    batch: { type: "string" },
    io: { type: "string" },
  })
  const zmq = load(impl)
  const address = {
    tcp: "tcp://127.0.0.1:*",
    ipc: `ipc://${join(tmpdir(), `zeromq-turbo-bench-${process.pid}.ipc`)}`,
    inproc: `inproc://bench-${process.pid}`,
  }[transport]
  if (address === undefined) throw new Error("--transport must be tcp, ipc or inproc")
  const context = io === undefined ? undefined : new zmq.Context({ ioThreads: Number(io) })
  const pull = new zmq.Pull(context && { context })
  const push = new zmq.Push(context && { context })
  if (hwm !== undefined) {
    push.sendHighWaterMark = Number(hwm)
    pull.receiveHighWaterMark = Number(hwm)
  }
  if (batch !== undefined) {
    if (impl !== "zeromq-turbo") throw new Error("--batch is zeromq-turbo's")
    for (const socket of [push, pull]) socket.inBatchSize = socket.outBatchSize = Number(batch)
  }
  await pull.bind(address)
  push.connect(pull.lastEndpoint)
  const payload = Buffer.alloc(size, 0x5a)
  const rssBeforeMiB = rssMiB()

  let wrong = 0
  const receiving = (async () => {
    let received = 0
    for await (const [message] of pull) {
      if (message.length !== size) wrong++
      if (++received === count) break
    }
    return received
  })()
  const threadsBefore = threadTimes()
  const cpu = process.cpuUsage()
  const start = now()
  for (let i = 0; i < count; i++) await push.send(payload)
  const received = await receiving
  const end = now()
  // CPU time of all the process's threads (JS and libzmq's I/O thread) per message: less
  // moved by other work on the machine than the rate is.
  const { user, system } = process.cpuUsage(cpu)
  const cpuUs = (user + system) / received
  const threadUs = perThread(threadsBefore, threadTimes(), received)
  const rssAfterMiB = rssMiB()
  push.close()
  pull.close()
  if (wrong > 0) throw new Error(`${wrong} messages had the wrong size`)
  report({
    ...throughput(received, size, end - start),
    transport,
    hwm,
    batch,
    cpuUs,
    threadUs,
    rssBeforeMiB,
    rssAfterMiB,
  })
})

/** Nanoseconds on a CPU so far of each thread of this process, by thread id (Linux's
 *  schedstat; {} elsewhere), with its name. */
function threadTimes() {
  const times = {}
  try {
    for (const tid of readdirSync("/proc/self/task")) {
      const ns = Number(readFileSync(`/proc/self/task/${tid}/schedstat`, "utf8").split(" ")[0])
      const name = readFileSync(`/proc/self/task/${tid}/comm`, "utf8").trim()
      times[tid] = { name, ns }
    }
  } catch {
    // Not Linux, or a thread ended while we looked: no figures.
  }
  return times
}

/** CPU µs per message of the JS thread and of libzmq's I/O thread (the two that can limit
 *  the rate: on an idle two-core machine the rate is about 1 / the larger), and of the rest. */
function perThread(before, after, messages) {
  const out = { js: 0, io: 0, other: 0 }
  for (const [tid, { name, ns }] of Object.entries(after)) {
    const spent = (ns - (before[tid]?.ns ?? 0)) / 1e3 / messages
    const key = tid === String(process.pid) ? "js" : /^ZMQbg\/IO/.test(name) ? "io" : "other"
    out[key] += spent
  }
  return out
}
