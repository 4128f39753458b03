// sub: a Node SUB subscribed to --topic binds tcp and receives --count messages of --size bytes
// from our libzmq publisher (build/bench/pubsub_thr, started by run.mjs once we print
// "ready"). The publisher interleaves one message of another topic after each wanted one, so
// the filter has work to do, and it never drops (ZMQ_XPUB_NODROP): we must receive exactly
// --count. Timed from the first message received to the last.
import { load, main, now, options, ready, report, rssMiB, throughput } from "./common.mjs"

main(async () => {
  const { impl, size, count, topic } = options({ topic: { type: "string", default: "bench" } })
  const zmq = load(impl)
  const socket = new zmq.Subscriber()
  socket.subscribe(topic)
  await socket.bind("tcp://127.0.0.1:*")
  const rssBeforeMiB = rssMiB()
  ready(socket.lastEndpoint)

  const prefix = Buffer.from(topic)
  let received = 0
  let wrong = 0
  let start = 0
  for await (const [message] of socket) {
    if (received++ === 0) start = now()
    if (message.length !== size || message[0] !== prefix[0]) wrong++
    if (received === count) break
  }
  const end = now()
  const rssAfterMiB = rssMiB()
  socket.close()
  if (wrong > 0) throw new Error(`${wrong} messages had the wrong size or topic`)
  report({ ...throughput(received, size, end - start), rssBeforeMiB, rssAfterMiB })
})
