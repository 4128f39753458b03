// recv: a Node PULL binds tcp and receives --count messages of --size bytes pushed by libzmq's
// remote_thr (started by run.mjs once we print "ready"). Timed like libzmq's local_thr: from
// the first message received to the last. Every message is counted and its size checked.
//   --api iterate   `for await (const [msg] of socket)` (both implementations)
//   --api batch     `await socket.receiveBatch()` in a loop (zeromq-turbo only)
// RSS is read once bound (before any message) and again after the last message, without and
// with a forced GC, to show whether receiving leaves memory behind.
import { load, main, now, options, ready, report, rssMiB, throughput } from "./common.mjs"

main(async () => {
  const { impl, size, count, api } = options({ api: { type: "string", default: "iterate" } })
  const zmq = load(impl)
  const socket = new zmq.Pull()
  await socket.bind("tcp://127.0.0.1:*")
  const rssBeforeMiB = rssMiB()
  ready(socket.lastEndpoint)

  let received = 0
  let wrong = 0
  let start = 0
  if (api === "iterate") {
    for await (const [message] of socket) {
      if (received++ === 0) start = now()
      if (message.length !== size) wrong++
      if (received === count) break
    }
  } else if (api === "batch") {
    if (typeof socket.receiveBatch !== "function") throw new Error(`${impl} has no receiveBatch()`)
    while (received < count) {
      const batch = await socket.receiveBatch()
      if (received === 0) start = now()
      for (const [message] of batch) if (message.length !== size) wrong++
      received += batch.length
    }
  } else {
    throw new Error("--api must be iterate or batch")
  }
  const end = now()
  const rssAfterMiB = rssMiB()
  globalThis.gc?.()
  const rssAfterGcMiB = rssMiB()
  socket.close()
  if (wrong > 0) throw new Error(`${wrong} messages had the wrong size`)
  if (received !== count) throw new Error(`received ${received} messages, expected ${count}`)
  // local_thr divides the count by the time from the first message to the last, too.
  report({ ...throughput(received, size, end - start), rssBeforeMiB, rssAfterMiB, rssAfterGcMiB })
})
