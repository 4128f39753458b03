// pushpull: both ends in this one process. A PULL binds (--transport tcp, ipc or inproc), a PUSH
// connects, and one async loop sends --count messages of --size bytes (`await send()` each)
// while another receives them (`for await`). Timed from the first send to the last message
// received; the rate is messages received per second.
//   --hwm N     sendHighWaterMark of the PUSH and receiveHighWaterMark of the PULL (libzmq's
//               default 1,000 otherwise);
//   --batch N   zeromq-turbo only: inBatchSize and outBatchSize of both (its default otherwise),
//               to measure other batch sizes against the default (docs/performance.md).
import { tmpdir } from "node:os"
import { join } from "node:path"
import { load, main, now, options, report, rssMiB, throughput } from "./common.mjs"

main(async () => {
  const { impl, size, count, transport, hwm, batch } = options({
    transport: { type: "string", default: "tcp" },
    hwm: { type: "string" },
    batch: { type: "string" },
  })
  const zmq = load(impl)
  const address = {
    tcp: "tcp://127.0.0.1:*",
    ipc: `ipc://${join(tmpdir(), `zeromq-turbo-bench-${process.pid}.ipc`)}`,
    inproc: `inproc://bench-${process.pid}`,
  }[transport]
  if (address === undefined) throw new Error("--transport must be tcp, ipc or inproc")
  const pull = new zmq.Pull()
  const push = new zmq.Push()
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
  const start = now()
  for (let i = 0; i < count; i++) await push.send(payload)
  const received = await receiving
  const end = now()
  const rssAfterMiB = rssMiB()
  push.close()
  pull.close()
  if (wrong > 0) throw new Error(`${wrong} messages had the wrong size`)
  report({ ...throughput(received, size, end - start), transport, hwm, batch, rssBeforeMiB, rssAfterMiB })
})
