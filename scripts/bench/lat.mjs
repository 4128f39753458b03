// lat: REQ/REP round trips of --size bytes, `await send()` then `await receive()` each.
//   --endpoint E   a REQ connects to a REP elsewhere (libzmq's local_lat, started by run.mjs
//                  for --warmup + --count round trips), over tcp;
//   otherwise      a REP in this same process echoes (`for await` + `await send()`) over
//                  --transport (inproc by default), the REQ connects to it.
// --warmup round trips (untimed) come first; then --count are timed. The result is the mean
// round-trip time in microseconds (libzmq's remote_lat prints half of that: one way).
import { tmpdir } from "node:os"
import { join } from "node:path"
import { load, main, now, options, report, rssMiB } from "./common.mjs"

main(async () => {
  const { impl, size, count, endpoint, transport, warmup } = options({
    endpoint: { type: "string" },
    transport: { type: "string", default: "inproc" },
    warmup: { type: "string", default: "100" },
  })
  const zmq = load(impl)
  const req = new zmq.Request()
  let rep
  let echoing
  if (endpoint !== undefined) {
    req.connect(endpoint)
  } else {
    const address = {
      tcp: "tcp://127.0.0.1:*",
      ipc: `ipc://${join(tmpdir(), `zeromq-turbo-bench-lat-${process.pid}.ipc`)}`,
      inproc: `inproc://bench-lat-${process.pid}`,
    }[transport]
    if (address === undefined) throw new Error("--transport must be tcp, ipc or inproc")
    rep = new zmq.Reply()
    await rep.bind(address)
    req.connect(rep.lastEndpoint)
    echoing = (async () => {
      for await (const message of rep) await rep.send(message)
    })()
  }
  const payload = Buffer.alloc(size, 0x5a)
  const roundTrip = async () => {
    await req.send(payload)
    const [answer] = await req.receive()
    if (answer.length !== size) throw new Error(`an answer of ${answer.length} bytes, expected ${size}`)
  }
  for (let i = 0; i < Number(warmup); i++) await roundTrip()
  const rssBeforeMiB = rssMiB()
  const start = now()
  for (let i = 0; i < count; i++) await roundTrip()
  const seconds = now() - start
  const rssAfterMiB = rssMiB()
  req.close()
  if (rep !== undefined) {
    rep.close()
    await echoing
  }
  report({ roundTrips: count, seconds, latencyUs: (seconds / count) * 1e6, rssBeforeMiB, rssAfterMiB })
})
