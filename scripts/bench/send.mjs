// send: a Node PUSH connects to libzmq's local_thr (already bound by run.mjs at --endpoint) and
// sends --count messages of --size bytes. The number that counts is local_thr's own: messages
// *received* per second; this process reports its own sending rate beside it.
//   --api await   `await socket.send(buffer)` for each message (both implementations)
//   --api batch   `await socket.sendBatch(chunk)` with --chunk messages at a time (zeromq-turbo)
// After the last send the socket stays open until the parent closes our stdin (local_thr has
// received everything), so no message is ever cut off by closing early.
import { load, main, now, options, report, rssMiB, throughput, waitForParent } from "./common.mjs"

main(async () => {
  const { impl, size, count, api, endpoint, chunk } = options({
    api: { type: "string", default: "await" },
    endpoint: { type: "string" },
    chunk: { type: "string", default: "1024" },
  })
  const zmq = load(impl)
  const socket = new zmq.Push()
  socket.connect(endpoint)
  const payload = Buffer.alloc(size, 0x5a)
  const rssBeforeMiB = rssMiB()

  const start = now()
  if (api === "await") {
    for (let i = 0; i < count; i++) await socket.send(payload)
  } else if (api === "batch") {
    if (typeof socket.sendBatch !== "function") throw new Error(`${impl} has no sendBatch()`)
    const full = new Array(Number(chunk)).fill(payload)
    for (let sent = 0; sent < count; sent += full.length) {
      await socket.sendBatch(count - sent >= full.length ? full : full.slice(0, count - sent))
    }
  } else {
    throw new Error("--api must be await or batch")
  }
  const end = now()
  const rssAfterMiB = rssMiB()
  // Reported now (the parent reads it while local_thr finishes), closed only when told.
  report({ ...throughput(count, size, end - start), rssBeforeMiB, rssAfterMiB })
  await waitForParent()
  socket.close()
})
