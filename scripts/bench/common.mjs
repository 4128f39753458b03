// What every scenario process shares: its command line, loading one implementation, the clock,
// memory readings and the protocol with run.mjs. A scenario process measures exactly one
// implementation and talks to the parent through stdout, one JSON object per line:
//   {"ready": "<endpoint>"}   once it is bound and waiting (only scenarios with a peer);
//   {"result": {...}}         its measurement, last.
// Anything else goes to stderr. The parent may close our stdin to say "your peer is done";
// waitForParent() resolves then.
import { createRequire } from "node:module"
import { availableParallelism } from "node:os"
import { parseArgs } from "node:util"

const require = createRequire(import.meta.url)

export const MiB = 1024 * 1024

/** The scenario's options; every scenario has --impl, --size and --count. */
export function options(extra = {}) {
  const { values } = parseArgs({
    options: {
      impl: { type: "string" },
      size: { type: "string", default: "16" },
      count: { type: "string" },
      ...extra,
    },
    strict: true,
  })
  if (values.impl !== "zeromq" && values.impl !== "zeromq-turbo") {
    throw new Error("--impl must be zeromq or zeromq-turbo")
  }
  const size = Number(values.size)
  const count = Number(values.count)
  if (!(Number.isInteger(size) && size >= 0) || !(Number.isInteger(count) && count > 0)) {
    throw new Error("--size must be a whole number and --count a positive one")
  }
  return { ...values, size, count }
}

/** The implementation by its package name: "zeromq" from node_modules, "zeromq-turbo" this
 *  package itself (through its own "exports"), or the snapshot of it that run.mjs made and
 *  names in BENCH_ZEROMQ_TURBO. */
export function load(impl) {
  if (impl === "zeromq-turbo" && process.env.BENCH_ZEROMQ_TURBO) return require(process.env.BENCH_ZEROMQ_TURBO)
  return require(impl)
}

/** Seconds since an arbitrary origin, with nanosecond resolution. */
export function now() {
  return Number(process.hrtime.bigint()) / 1e9
}

export function rssMiB() {
  return process.memoryUsage.rss() / MiB
}

export function ready(endpoint) {
  process.stdout.write(`${JSON.stringify({ ready: endpoint })}\n`)
}

/** Writes the result line, adding the peak RSS of this process so far and the number of CPUs
 *  it may run on (its affinity: 1 under run.mjs --pin). */
export function report(result) {
  const maxRssMiB = process.resourceUsage().maxRSS / 1024 // maxRSS is in KiB
  const cpus = availableParallelism()
  process.stdout.write(`${JSON.stringify({ result: { ...result, maxRssMiB, cpus } })}\n`)
}

/** Throughput figures for `messages` of `size` bytes received in `seconds`. */
export function throughput(messages, size, seconds) {
  return { messages, seconds, rate: messages / seconds, mbps: (messages * size) / seconds / 1e6 }
}

/** Resolves when the parent closes our stdin (or it was never a pipe). */
export function waitForParent() {
  return new Promise(resolve => {
    if (process.stdin.isTTY) return resolve()
    process.stdin.on("end", resolve)
    process.stdin.on("error", resolve)
    process.stdin.resume()
  })
}

/** Runs a scenario's main function; an error is printed and becomes exit code 1. */
export function main(fn) {
  fn().then(
    () => process.exit(0),
    error => {
      console.error(error?.stack ?? String(error))
      process.exit(1)
    },
  )
}
