// market: a Node SUB receiving the market-data feed of build/bench/mdfeed (mdfeed.c describes
// the updates), which run.mjs starts first and names with --endpoint. The SUB subscribes to
// --topics of the feed's 1,000 topics (every 1000/--topics-th) and to its end marker (to
// everything for all 1,000), connects,
// and counts what arrives until the end marker, as `mdfeed sub` does in C:
//   --mode thr       updates received per second (first update to end marker) and dropped
//                    (expected minus received; the sequence numbers give the gaps too);
//   --mode lat       also the one-way latency of each update after the first tenth, from its
//                    send time in the payload (CLOCK_MONOTONIC, which process.hrtime reads);
//   --mode conflate  a `conflate` SUB: only the newest update waits; received and their age.
//   --api iterate    `for await (const [update] of socket)`; --api batch: `receiveBatch()`.
// --count is how many updates the feed publishes over all topics.
import { load, main, options, report } from "./common.mjs"

const TOPICS = 1000

main(async () => {
  const { impl, count, topics, mode, api, endpoint } = options({
    topics: { type: "string", default: "1000" },
    mode: { type: "string", default: "thr" },
    api: { type: "string", default: "iterate" },
    endpoint: { type: "string" },
  })
  const k = Number(topics)
  if (!(Number.isInteger(k) && k >= 1 && TOPICS % k === 0)) throw new Error("--topics must divide 1000")
  if (!["thr", "lat", "conflate"].includes(mode)) throw new Error("--mode must be thr, lat or conflate")
  if (!["iterate", "batch"].includes(api)) throw new Error("--api must be iterate or batch")
  if (endpoint === undefined) throw new Error("--endpoint is required")
  const zmq = load(impl)
  const socket = new zmq.Subscriber()
  if (mode === "conflate") socket.conflate = true
  // As mdfeed.c's subscriber: all topics are one subscription to everything (a SUB drops the
  // subscriptions beyond its send high water mark, 1,000, and a conflate one keeps its last).
  const step = TOPICS / k
  let expected = 0
  for (let t = 0; t < TOPICS; t += step) {
    if (k < TOPICS) socket.subscribe(`t${String(t).padStart(3, "0")}`)
    if (t < count) expected += Math.floor((count - t - 1) / TOPICS) + 1
  }
  socket.subscribe(k < TOPICS ? "zEND" : "")
  socket.connect(endpoint)

  const timed = mode !== "thr"
  const warmup = mode === "lat" ? Math.floor(expected / 10) : 0
  const ages = timed ? new Float64Array(expected) : undefined
  const next = new Uint32Array(TOPICS)
  let received = 0
  let gaps = 0
  let disorder = 0
  let samples = 0
  let first = 0n
  let last = 0n
  /** Takes one update; true at the end marker. */
  const take = update => {
    if (update[0] === 0x7a /* z */) {
      last = process.hrtime.bigint()
      return true
    }
    if (received++ === 0) first = process.hrtime.bigint()
    const topic = (update[1] - 48) * 100 + (update[2] - 48) * 10 + (update[3] - 48)
    const seq = update.readUInt32LE(4)
    if (seq < next[topic]) disorder++
    else gaps += seq - next[topic]
    next[topic] = seq + 1
    if (timed && received > warmup && samples < expected) {
      ages[samples++] = Number(process.hrtime.bigint()) - update.readDoubleLE(8)
    }
    return false
  }
  if (api === "iterate") {
    for await (const [update] of socket) if (take(update)) break
  } else {
    if (typeof socket.receiveBatch !== "function") throw new Error(`${impl} has no receiveBatch()`)
    let done = false
    while (!done) {
      for (const [update] of await socket.receiveBatch()) if ((done = take(update))) break
    }
  }
  socket.close()
  const seconds = Number(last - first) / 1e9
  const result = {
    mode,
    topics: k,
    api,
    expected,
    received,
    dropped: expected - received,
    gaps,
    disorder,
    seconds,
    rate: seconds > 0 ? received / seconds : 0,
  }
  if (timed) {
    const sorted = ages.subarray(0, samples).sort()
    const quantile = q => (samples === 0 ? 0 : sorted[Math.round(q * (samples - 1))] / 1e3)
    Object.assign(result, { samples, p50: quantile(0.5), p99: quantile(0.99), p999: quantile(0.999) })
  }
  report(result)
})
